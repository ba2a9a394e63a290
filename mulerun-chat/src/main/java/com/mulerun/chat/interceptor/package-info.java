/**
 * Built-in {@link com.mulerun.chat.ChatCompletionInterceptor}s that applications switch on by configuration:
 * request and response logging without credentials, and request defaults (metadata, user, extra body fields,
 * HTTP headers).
 */
@NullMarked
package com.mulerun.chat.interceptor;

import org.jspecify.annotations.NullMarked;
