/**
 * What a user touches first: {@link com.mulerun.chat.ChatCompletionTemplate} and the
 * {@link com.mulerun.chat.ChatCompletionOperations} it implements, per-call
 * {@link com.mulerun.chat.CallOptions}, {@link com.mulerun.chat.Timeouts},
 * {@link com.mulerun.chat.RetrySettings}, {@link com.mulerun.chat.ProxySettings} and the
 * {@link com.mulerun.chat.ChatCompletionInterceptor} SPI. The mechanism lives in the
 * feature packages beside it ({@code http}, {@code stream}, {@code error},
 * {@code validation}, {@code observation}); the template only composes them.
 */
@NullMarked
package com.mulerun.chat;

import org.jspecify.annotations.NullMarked;
