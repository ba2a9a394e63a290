package com.mulerun.chat.error;

/**
 * The prompt or completion was blocked by a content filter (code {@code content_filter}
 * or Azure's {@code ResponsibleAIPolicyViolation}).
 */
public class MuleRunContentFilterException extends MuleRunBadRequestException {

	private static final long serialVersionUID = 1L;

	MuleRunContentFilterException(ApiErrorData data) {
		super(data);
	}

}
