package com.mulerun.chat.stream;

import com.mulerun.chat.error.MuleRunException;

/**
 * Thrown when a single Server-Sent Event (or one of its lines) exceeds the configured
 * maximum size.
 */
public class SseEventTooLargeException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final int maxEventSize;

	private final long sizeSeen;

	/**
	 * Creates an exception for the given limit.
	 * @param maxEventSize the limit, in bytes, that was exceeded
	 * @param sizeSeen how many bytes of the event had arrived when it went over the limit
	 */
	public SseEventTooLargeException(int maxEventSize, long sizeSeen) {
		super("Server-sent event over the limit of " + maxEventSize + " bytes (mulerun.http.max-event-size): "
				+ sizeSeen + " bytes of it had arrived when the client stopped reading; raise the limit if the "
				+ "server legitimately sends events this large");
		this.maxEventSize = maxEventSize;
		this.sizeSeen = sizeSeen;
	}

	/**
	 * Returns how many bytes of the event had arrived when it went over the limit: a
	 * lower bound of its size.
	 * @return the size seen in bytes
	 */
	public long sizeSeen() {
		return this.sizeSeen;
	}

	/**
	 * Returns the limit, in bytes, that was exceeded.
	 * @return the maximum event size in bytes
	 */
	public int maxEventSize() {
		return this.maxEventSize;
	}

}
