package com.mulerun.chat.error;

/**
 * The request was well-formed but could not be processed: HTTP 422.
 */
public class MuleRunUnprocessableEntityException extends MuleRunBadRequestException {

	private static final long serialVersionUID = 1L;

	MuleRunUnprocessableEntityException(ApiErrorData data) {
		super(data);
	}

}
