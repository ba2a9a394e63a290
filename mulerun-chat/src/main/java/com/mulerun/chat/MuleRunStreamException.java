package com.mulerun.chat;

import org.jspecify.annotations.Nullable;

/**
 * A stream that ended before it was complete: the connection closed without {@code [DONE]} and without a
 * finish reason for every choice, or in the middle of an event.
 *
 * <p>The partial result must not be treated as a finished answer; in particular its tool calls must not be
 * executed.
 */
public class MuleRunStreamException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Object partial;

	private final int chunksReceived;

	private final @Nullable String requestId;

	/**
	 * Creates an exception for a stream that ended early for the given reason.
	 * @param detail what happened, completing the sentence "Stream ended before it was complete: ..."
	 * @param chunksReceived the number of chunks received before the end
	 * @param partial the aggregate of what arrived, or {@code null}
	 * @param requestId the request id, or {@code null}
	 * @param cause the underlying failure, or {@code null}
	 */
	public MuleRunStreamException(String detail, int chunksReceived, @Nullable Object partial,
			@Nullable String requestId, @Nullable Throwable cause) {
		super(buildMessage(detail, requestId), cause);
		this.partial = partial;
		this.chunksReceived = chunksReceived;
		this.requestId = requestId;
	}

	/**
	 * Creates an exception for a connection that closed without {@code [DONE]} or a finish reason.
	 * @param chunksReceived the number of chunks received before the connection closed
	 * @param midEvent whether the connection closed in the middle of an event
	 * @param partial the aggregate of what arrived, or {@code null}
	 * @param requestId the request id, or {@code null}
	 * @return the exception
	 */
	public static MuleRunStreamException connectionClosed(int chunksReceived, boolean midEvent,
			@Nullable Object partial, @Nullable String requestId) {
		String detail = "connection closed after " + chunksReceived + ((chunksReceived == 1) ? " chunk" : " chunks")
				+ " without [DONE] or a finish_reason" + (midEvent ? " (truncated mid-event)" : "");
		return new MuleRunStreamException(detail, chunksReceived, partial, requestId, null);
	}

	private static String buildMessage(String detail, @Nullable String requestId) {
		String message = "Stream ended before it was complete: " + ErrorTexts.scrub(detail);
		return (requestId != null) ? message + " [request id " + requestId + "]" : message;
	}

	/**
	 * Returns the aggregate of what arrived, a ChatCompletion when known.
	 * @return the partial result, or {@code null} when nothing was aggregated
	 */
	public @Nullable Object partial() {
		return this.partial;
	}

	/**
	 * Returns the number of chunks received before the stream ended.
	 * @return the chunk count
	 */
	public int chunksReceived() {
		return this.chunksReceived;
	}

	/**
	 * Returns the request id of the response.
	 * @return the request id, or {@code null} when the server sent none
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

}
