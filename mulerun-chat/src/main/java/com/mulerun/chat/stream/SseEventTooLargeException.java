package com.mulerun.chat.stream;

import com.mulerun.chat.error.MuleRunException;



/**
 * Thrown when a single Server-Sent Event (or one of its lines) exceeds the configured maximum size.
 */
public class SseEventTooLargeException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final int maxEventSize;

	/**
	 * Creates an exception for the given limit.
	 * @param maxEventSize the limit, in bytes, that was exceeded
	 */
	public SseEventTooLargeException(int maxEventSize) {
		super("Server-sent event larger than " + maxEventSize + " bytes (mulerun.http.max-event-size); "
				+ "raise the limit if the server legitimately sends events this large");
		this.maxEventSize = maxEventSize;
	}

	/**
	 * Returns the limit, in bytes, that was exceeded.
	 * @return the maximum event size in bytes
	 */
	public int maxEventSize() {
		return this.maxEventSize;
	}

}
