package com.mulerun.chat.tool;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A tool call that could not produce a result, with a message meant for the model: it
 * becomes the {@code error} of the tool message. Never carries a stack trace to the
 * model.
 */
final class ToolCallFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final String reason;

	ToolCallFailure(Kind kind, String reason, @Nullable Throwable cause) {
		super(reason, cause, false, false);
		this.kind = kind;
		this.reason = reason;
	}

	/**
	 * Returns the reason sent to the model (the exception's message).
	 */
	String reason() {
		return this.reason;
	}

	Kind kind() {
		return this.kind;
	}

	/**
	 * Why a call failed; the name in lower case is the observation's {@code error.type},
	 * except for a tool that threw, whose exception names it.
	 */
	enum Kind {

		/** The model called a tool that does not exist. */
		TOOL_NOT_FOUND,

		/** The arguments were not valid JSON or did not bind to the parameters. */
		INVALID_ARGUMENTS,

		/** A listener vetoed the call. */
		VETOED,

		/** The tool did not finish in time. */
		TIMEOUT,

		/** The tool threw. */
		TOOL_ERROR;

		String errorType() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
