/**
 * A WebFlux sample: relays a streamed answer to the browser as server-sent events and
 * shows it growing token by token, in a conversation; answers from the starter's offline
 * mode when no API key is set.
 */
@NullMarked
package com.mulerun.samples.web;

import org.jspecify.annotations.NullMarked;
