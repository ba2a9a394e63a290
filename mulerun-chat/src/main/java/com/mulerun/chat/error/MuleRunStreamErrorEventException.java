package com.mulerun.chat.error;

/**
 * An error object received inside a successful event stream, without a numeric HTTP code
 * of its own; retryable only when its type or code looks transient.
 */
public class MuleRunStreamErrorEventException extends MuleRunApiException {

	private static final long serialVersionUID = 1L;

	MuleRunStreamErrorEventException(ApiErrorData data) {
		super(data);
	}

}
