package com.mulerun.chat.model;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a choice stopped generating ({@code finish_reason}).
 *
 * <p>A lenient value type: the raw value is always kept (providers send {@code end_turn}, {@code STOP},
 * {@code MAX_TOKENS}, {@code eos_token}, {@code SAFETY} and more), and {@link #normalized()} maps it onto the
 * OpenAI vocabulary.
 *
 * @param value the raw value as sent on the wire
 */
public record FinishReason(@JsonValue String value) {

	/** The model reached a natural stop point or a stop sequence. */
	public static final FinishReason STOP = new FinishReason("stop");

	/** The token limit was reached. */
	public static final FinishReason LENGTH = new FinishReason("length");

	/** The model called one or more tools. */
	public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls");

	/** Content was omitted by a content filter. */
	public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter");

	/** The model called a function (deprecated). */
	public static final FinishReason FUNCTION_CALL = new FinishReason("function_call");

	/** The provider failed while generating (OpenRouter). */
	public static final FinishReason ERROR = new FinishReason("error");

	/**
	 * Creates a value; prefer the constants or {@link #of(String)}.
	 * @param value the raw value
	 */
	public FinishReason {
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Returns the value for a raw string, reusing the constants for known values.
	 * @param value the raw value
	 * @return the value
	 */
	@JsonCreator
	public static FinishReason of(String value) {
		return switch (value) {
			case "stop" -> STOP;
			case "length" -> LENGTH;
			case "tool_calls" -> TOOL_CALLS;
			case "content_filter" -> CONTENT_FILTER;
			case "function_call" -> FUNCTION_CALL;
			case "error" -> ERROR;
			default -> new FinishReason(value);
		};
	}

	/**
	 * Returns the OpenAI-vocabulary meaning of the raw value: {@code stop}, {@code length}, {@code tool_calls},
	 * {@code content_filter}, {@code function_call}, {@code error}, or {@code unknown} for anything else.
	 * @return the normalized value, never {@code null}
	 */
	public String normalized() {
		return switch (this.value) {
			case "stop", "end_turn", "STOP", "eos", "eos_token", "stop_sequence" -> "stop";
			case "length", "max_tokens", "MAX_TOKENS" -> "length";
			case "tool_calls", "tool_use" -> "tool_calls";
			case "function_call" -> "function_call";
			case "content_filter", "SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII" -> "content_filter";
			case "error" -> "error";
			default -> "unknown";
		};
	}

	@Override
	public String toString() {
		return this.value;
	}

}
