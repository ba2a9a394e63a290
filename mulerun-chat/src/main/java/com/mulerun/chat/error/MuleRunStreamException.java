package com.mulerun.chat.error;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import org.jspecify.annotations.Nullable;

/**
 * A stream that ended before it was complete: the connection closed without
 * {@code [DONE]} and without a finish reason for every choice, or in the middle of an
 * event, or it failed (reset, premature close, a malformed HTTP chunk) after the response
 * headers arrived; the transport failure is then the cause.
 *
 * <p>
 * {@link #partial()} holds what arrived, aggregated. It must not be treated as a finished
 * answer; in particular its tool calls must not be executed. A stream that failed after
 * its first chunk is never retried, since the subscriber already received part of the
 * answer.
 */
public class MuleRunStreamException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable ChatCompletion partial;

	private final int chunksReceived;

	private final @Nullable String requestId;

	/**
	 * Creates an exception for a stream that ended early for the given reason.
	 * @param detail what happened, completing the sentence "Stream ended before it was
	 * complete: ..."
	 * @param chunksReceived the number of chunks received before the end
	 * @param partial the aggregate of the chunks that arrived, or {@code null}
	 * @param requestId the request id, or {@code null}
	 * @param cause the underlying failure, or {@code null}
	 */
	public MuleRunStreamException(String detail, int chunksReceived, @Nullable ChatCompletion partial,
			@Nullable String requestId, @Nullable Throwable cause) {
		super(buildMessage(detail, requestId), cause);
		this.partial = partial;
		this.chunksReceived = chunksReceived;
		this.requestId = requestId;
	}

	/**
	 * Creates an exception for a connection that closed without {@code [DONE]} or a
	 * finish reason.
	 * @param chunksReceived the number of chunks received before the connection closed
	 * @param midEvent whether the connection closed in the middle of an event
	 * @param partial the aggregate of the chunks that arrived, or {@code null}
	 * @param requestId the request id, or {@code null}
	 * @return the exception
	 */
	public static MuleRunStreamException connectionClosed(int chunksReceived, boolean midEvent,
			@Nullable ChatCompletion partial, @Nullable String requestId) {
		String detail = "connection closed after " + chunksReceived + ((chunksReceived == 1) ? " chunk" : " chunks")
				+ " without [DONE] or a finish_reason" + (midEvent ? " (truncated mid-event)" : "");
		return new MuleRunStreamException(detail, chunksReceived, partial, requestId, null);
	}

	private static String buildMessage(String detail, @Nullable String requestId) {
		String message = "Stream ended before it was complete: " + ErrorTexts.scrub(detail);
		return (requestId != null) ? message + " [request id " + requestId + "]" : message;
	}

	/**
	 * Returns the aggregate of the chunks that arrived before the stream ended, as
	 * {@link ChatCompletionAggregator#result()} built it. It is not a finished answer:
	 * text may stop mid-sentence, choices may lack a finish reason, and tool calls may
	 * have truncated arguments and must not be executed.
	 * @return the partial result, or {@code null} when it is not known
	 */
	public @Nullable ChatCompletion partial() {
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
