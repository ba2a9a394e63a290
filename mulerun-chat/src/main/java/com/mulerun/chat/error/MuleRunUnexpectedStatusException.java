package com.mulerun.chat.error;

/**
 * An error with a status no other exception covers, such as 402, 413 or a 3xx.
 */
public class MuleRunUnexpectedStatusException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunUnexpectedStatusException(ApiErrorData data) {
		super(data);
	}

}
