package com.mulerun.chat;

/**
 * The server timed out waiting for the request: HTTP 408, retryable.
 */
public class MuleRunRequestTimeoutException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunRequestTimeoutException(ApiErrorData data) {
		super(data);
	}

}
