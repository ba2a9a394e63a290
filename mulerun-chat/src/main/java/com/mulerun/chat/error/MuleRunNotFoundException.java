package com.mulerun.chat.error;

/**
 * The model or endpoint does not exist: HTTP 404.
 */
public class MuleRunNotFoundException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunNotFoundException(ApiErrorData data) {
		super(data);
	}

}
