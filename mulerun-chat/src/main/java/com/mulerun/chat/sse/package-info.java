/**
 * Allocation-aware decoding of {@code text/event-stream} bodies into Server-Sent-Events frames,
 * following the WHATWG event-stream interpretation rules.
 */
@NullMarked
package com.mulerun.chat.sse;

import org.jspecify.annotations.NullMarked;
