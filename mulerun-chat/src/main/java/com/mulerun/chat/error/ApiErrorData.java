package com.mulerun.chat.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything {@link ApiErrors} learned about one error response, handed to the exception
 * constructors.
 *
 * @param message the complete exception message
 * @param httpStatus the status line of the HTTP response
 * @param statusCode the effective status
 * @param errorType the provider's error type
 * @param errorCode the provider's error code, as a string
 * @param errorParam the request parameter the error refers to
 * @param providerMessage the provider's own message
 * @param requestId the request id from the headers or the body
 * @param retryAfter the delay the server asked for
 * @param responseHeaders the lower-cased, redacted response headers
 * @param responseBody the raw body, truncated
 * @param errorDetails the other members of the error object
 * @param retryable whether a retry may succeed
 * @param shouldRetryHeader the value of {@code x-should-retry}
 */
record ApiErrorData(String message, int httpStatus, int statusCode, @Nullable String errorType,
		@Nullable String errorCode, @Nullable String errorParam, @Nullable String providerMessage,
		@Nullable String requestId, @Nullable Duration retryAfter, Map<String, List<String>> responseHeaders,
		String responseBody, Map<String, Object> errorDetails, boolean retryable, @Nullable Boolean shouldRetryHeader) {

}
