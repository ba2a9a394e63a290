package com.mulerun.chat.error;

import java.util.List;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatMessage;

/**
 * The model still asked for tool calls after the maximum number of tool round trips;
 * carries the conversation so far, so a caller can inspect it or continue it with a
 * higher limit.
 */
public class MuleRunToolLoopException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final int maxToolRoundTrips;

	private final transient List<ChatMessage> transcript;

	private final transient ChatCompletion lastCompletion;

	/**
	 * Creates an exception.
	 * @param maxToolRoundTrips the limit that was reached
	 * @param transcript the messages of the conversation so far, the last answer (with
	 * its tool calls) included
	 * @param lastCompletion the last answer, which asked for more tool calls
	 */
	public MuleRunToolLoopException(int maxToolRoundTrips, List<ChatMessage> transcript,
			ChatCompletion lastCompletion) {
		super("The model still asked for tool calls after " + maxToolRoundTrips
				+ " tool round trips (maxToolRoundTrips=" + maxToolRoundTrips
				+ "); raise CallOptions.maxToolRoundTrips or check the tools' results");
		this.maxToolRoundTrips = maxToolRoundTrips;
		this.transcript = List.copyOf(transcript);
		this.lastCompletion = lastCompletion;
	}

	/**
	 * Returns the limit that was reached.
	 * @return the maximum number of tool round trips
	 */
	public int maxToolRoundTrips() {
		return this.maxToolRoundTrips;
	}

	/**
	 * Returns the messages of the conversation so far: the request's messages, then per
	 * round the assistant message as received and one tool message per call, and last the
	 * answer that asked for more calls.
	 * @return the messages, immutable
	 */
	public List<ChatMessage> transcript() {
		return this.transcript;
	}

	/**
	 * Returns the last answer, which asked for more tool calls.
	 * @return the completion
	 */
	public ChatCompletion lastCompletion() {
		return this.lastCompletion;
	}

}
