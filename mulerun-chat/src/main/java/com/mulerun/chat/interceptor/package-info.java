/**
 * The interceptor machinery and the interceptors shipped with the library:
 * {@link InterceptorChain} runs the {@link com.mulerun.chat.ChatCompletionInterceptor}s
 * of a template in order around each call, and {@link LoggingChatCompletionInterceptor}
 * logs requests and responses without credentials. Request defaults (model, options,
 * metadata, user, extra body fields, headers) are the template builder's job, not an
 * interceptor's.
 */
@NullMarked
package com.mulerun.chat.interceptor;

import org.jspecify.annotations.NullMarked;
