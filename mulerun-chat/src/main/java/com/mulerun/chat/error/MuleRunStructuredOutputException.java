package com.mulerun.chat.error;

import com.mulerun.chat.model.ChatCompletion;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a structured-output answer cannot become the requested Java type: the model
 * refused, the answer was cut off ({@code finish_reason: length}) or filtered
 * ({@code content_filter}), it did not parse into the type (the message names the
 * property and why), or the value broke a Bean Validation constraint.
 */
public class MuleRunStructuredOutputException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String rawContent;

	private final transient @Nullable ChatCompletion completion;

	private final Reason reason;

	/**
	 * Creates an exception.
	 * @param reason why the answer could not be used
	 * @param message what went wrong
	 * @param rawContent the text (or the forced tool call's arguments) the model answered
	 * with, or {@code null}
	 * @param completion the completion of the last call, or {@code null} for a stream
	 * @param cause the parse failure, or {@code null}
	 */
	public MuleRunStructuredOutputException(Reason reason, String message, @Nullable String rawContent,
			@Nullable ChatCompletion completion, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.rawContent = rawContent;
		this.completion = completion;
	}

	/**
	 * Returns why the answer could not be used.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Returns the text (or the forced tool call's arguments) the model answered with.
	 * @return the raw answer, or {@code null} when the model answered with nothing
	 */
	public @Nullable String rawContent() {
		return this.rawContent;
	}

	/**
	 * Returns the completion of the last call, with its usage.
	 * @return the completion, or {@code null} for a stream
	 */
	public @Nullable ChatCompletion completion() {
		return this.completion;
	}

	/**
	 * Why a structured answer could not be used.
	 */
	public enum Reason {

		/** The model refused to answer ({@code message.refusal}). */
		REFUSAL,

		/** The answer was cut off by the token limit ({@code finish_reason: length}). */
		LENGTH,

		/**
		 * The provider's content filter stopped the answer
		 * ({@code finish_reason: content_filter}).
		 */
		CONTENT_FILTER,

		/**
		 * The answer is not JSON of the requested type, or broke a Bean Validation
		 * constraint.
		 */
		INVALID;

		/**
		 * Tells whether sending the error back to the model can help: only for
		 * {@link #INVALID}.
		 * @return whether a repair attempt makes sense
		 */
		public boolean isRepairable() {
			return this == INVALID;
		}

	}

}
