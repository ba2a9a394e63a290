package com.mulerun.chat.error;

/**
 * The server or a gateway failed: HTTP 500 or above (including 529 overloaded),
 * retryable.
 */
public class MuleRunServerException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunServerException(ApiErrorData data) {
		super(data);
	}

}
