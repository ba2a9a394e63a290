package com.mulerun.chat.error;

/**
 * The API key is missing, invalid or revoked: HTTP 401.
 */
public class MuleRunAuthenticationException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunAuthenticationException(ApiErrorData data) {
		super(data);
	}

}
