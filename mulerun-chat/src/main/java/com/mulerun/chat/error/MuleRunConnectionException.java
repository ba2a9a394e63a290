package com.mulerun.chat.error;

import org.jspecify.annotations.Nullable;

/**
 * A network fault: connection refused or reset, premature close, or a failed DNS lookup.
 *
 * <p>
 * Only a fault before any response headers arrived is retryable; after that the server
 * may already have processed the request.
 */
public class MuleRunConnectionException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final boolean beforeResponse;

	/**
	 * Creates an exception for a network fault.
	 * @param message what went wrong, free of credentials
	 * @param beforeResponse whether the fault happened before response headers arrived
	 * @param cause the underlying failure, or {@code null}
	 */
	public MuleRunConnectionException(String message, boolean beforeResponse, @Nullable Throwable cause) {
		super(ErrorTexts.scrub(message), cause);
		this.beforeResponse = beforeResponse;
	}

	/**
	 * Tells whether the fault happened before response headers arrived.
	 * @return {@code true} when no response headers arrived, in which case a retry is
	 * safe
	 */
	public boolean beforeResponse() {
		return this.beforeResponse;
	}

	/**
	 * Tells whether a retry may succeed, which is the case when no response headers
	 * arrived.
	 * @return the same as {@link #beforeResponse()}
	 */
	public boolean isRetryable() {
		return this.beforeResponse;
	}

}
