package com.mulerun.chat.error;

import org.jspecify.annotations.Nullable;

/**
 * A tool call failed and the tools' failure policy is to rethrow rather than report the
 * failure to the model.
 */
public class MuleRunToolExecutionException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final String toolName;

	private final String toolCallId;

	/**
	 * Creates an exception.
	 * @param toolName the tool the model called
	 * @param toolCallId the id of the call
	 * @param message what went wrong
	 * @param cause the failure, or {@code null}
	 */
	public MuleRunToolExecutionException(String toolName, String toolCallId, String message,
			@Nullable Throwable cause) {
		super("Tool call " + toolCallId + " of '" + toolName + "' failed: " + message, cause);
		this.toolName = toolName;
		this.toolCallId = toolCallId;
	}

	/**
	 * Returns the name of the tool the model called.
	 * @return the name
	 */
	public String toolName() {
		return this.toolName;
	}

	/**
	 * Returns the id of the call.
	 * @return the id
	 */
	public String toolCallId() {
		return this.toolCallId;
	}

}
