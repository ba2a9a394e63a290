package com.mulerun.chat.tool;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one tool call: the content sent back to the model in the {@code tool} message, and the
 * failure when there was one (its content is then {@code {"error": "..."}}).
 *
 * @param content the content of the tool message
 * @param failure why the call failed (the tool threw, the arguments did not bind, the call was vetoed, the tool
 * is unknown or timed out), or {@code null} when it succeeded
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
