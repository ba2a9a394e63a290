package com.mulerun.chat.error;

/**
 * The request was rejected as invalid: HTTP 400 or 422.
 */
public class MuleRunBadRequestException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunBadRequestException(ApiErrorData data) {
		super(data);
	}

}
