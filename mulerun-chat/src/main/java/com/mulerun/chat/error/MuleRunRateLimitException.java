package com.mulerun.chat.error;

/**
 * Too many requests or tokens in the current window: HTTP 429, retryable after the delay
 * the server asks for.
 */
public class MuleRunRateLimitException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunRateLimitException(ApiErrorData data) {
		super(data);
	}

}
