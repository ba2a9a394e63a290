/**
 * A WebFlux sample: relays a streamed answer to the browser as server-sent events and shows it growing token by
 * token; answers from the built-in mock server when no API key is set.
 */
@NullMarked
package com.mulerun.samples.web;

import org.jspecify.annotations.NullMarked;
