/**
 * Client for the MuleRun chat completions API: {@link com.mulerun.chat.ChatCompletionTemplate}, its
 * exceptions, stream aggregation, retry and interceptor SPI.
 */
@NullMarked
package com.mulerun.chat;

import org.jspecify.annotations.NullMarked;
