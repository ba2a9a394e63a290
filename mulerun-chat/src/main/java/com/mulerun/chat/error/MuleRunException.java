package com.mulerun.chat.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the MuleRun client throws. Unchecked, so callers catch only
 * what they can handle.
 *
 * <p>
 * Messages never contain the API key or any other credential.
 */
public class MuleRunException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message what went wrong
	 */
	public MuleRunException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public MuleRunException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
