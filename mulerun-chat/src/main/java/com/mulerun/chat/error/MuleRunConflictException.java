package com.mulerun.chat.error;

/**
 * The request conflicted with the state of the server: HTTP 409, retryable.
 */
public class MuleRunConflictException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunConflictException(ApiErrorData data) {
		super(data);
	}

}
