package com.mulerun.chat.error;

/**
 * The account has run out of quota or credit (type or code {@code insufficient_quota});
 * never retryable.
 */
public class MuleRunQuotaExceededException extends MuleRunRateLimitException {

	private static final long serialVersionUID = 1L;

	MuleRunQuotaExceededException(ApiErrorData data) {
		super(data);
	}

}
