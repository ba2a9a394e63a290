package com.mulerun.chat.tool;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one tool call: the content sent back to the model in the {@code tool}
 * message, and the failure when there was one (its content is then {@code {"error":
 * "..."}}).
 *
 * @param content the content of the tool message
 * @param failure what the tool threw, or for a call that failed before or around the tool
 * (unknown tool, arguments that did not bind, a veto, a timeout) an exception whose
 * message is the reason sent to the model; {@code null} when the call succeeded
 */
public record ToolCallResult(String content, @Nullable Throwable failure) {

	/**
	 * Returns whether the call failed.
	 * @return whether there is a failure
	 */
	public boolean isError() {
		return this.failure != null;
	}

}
