package com.mulerun.chat.error;

/**
 * The API key may not use the requested resource or model: HTTP 403.
 */
public class MuleRunPermissionDeniedException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunPermissionDeniedException(ApiErrorData data) {
		super(data);
	}

}
