package com.mulerun.chat.error;

/**
 * The server timed out waiting for the request: HTTP 408, retryable.
 */
public class MuleRunServerTimeoutException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunServerTimeoutException(ApiErrorData data) {
		super(data);
	}

}
