/**
 * Streaming: the allocation-aware server-sent-events frame decoder, the decoding of
 * frames into chunks (errors inside a stream, truncation, {@code [DONE]}), the idle
 * timeout, and {@link com.mulerun.chat.stream.ChatCompletionAggregator}, which adds
 * chunks up to the completion they stand for.
 */
@NullMarked
package com.mulerun.chat.stream;

import org.jspecify.annotations.NullMarked;
