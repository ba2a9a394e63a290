package com.mulerun.chat.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Why a choice stopped generating ({@code finish_reason}).
 *
 * <p>
 * A lenient value type: the raw value is always kept (providers send {@code end_turn},
 * {@code STOP}, {@code MAX_TOKENS}, {@code eos_token}, {@code SAFETY} and more), and
 * {@link #normalized()} maps it onto the OpenAI vocabulary.
 *
 * <p>
 * One rule, applied by {@link Choice} whether the choice was read whole or added up from
 * a stream: a choice whose message carries tool calls but whose provider said
 * {@code stop} (Gemini does) has the reason {@link #TOOL_CALLS}; {@link #providerValue()}
 * keeps what the provider sent, and it is what is written back on the wire. Two values
 * are equal when their {@link #value()}s are.
 *
 * @param value the value: as sent on the wire, or {@code tool_calls} for a {@code stop}
 * with tool calls
 * @param providerValue what the provider sent when it differs from {@code value}, else
 * {@code null}
 */
public record FinishReason(String value, @Nullable String providerValue) {

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
	 * @param value the value
	 * @param providerValue what the provider sent when it differs from {@code value}, or
	 * {@code null}
	 */
	public FinishReason {
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Creates a value as the provider sent it; prefer the constants or
	 * {@link #of(String)}.
	 * @param value the raw value
	 */
	public FinishReason(String value) {
		this(value, null);
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
	 * Returns the OpenAI-vocabulary meaning of the raw value: {@code stop},
	 * {@code length}, {@code tool_calls}, {@code content_filter}, {@code function_call},
	 * {@code error}, or {@code unknown} for anything else.
	 * @return the normalized value, never {@code null}
	 */
	public String normalized() {
		return switch (this.value) {
			case "stop", "end_turn", "STOP", "eos", "eos_token", "stop_sequence" -> "stop";
			case "length", "max_tokens", "MAX_TOKENS" -> "length";
			case "tool_calls", "tool_use" -> "tool_calls";
			case "function_call" -> "function_call";
			case "content_filter", "SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII" ->
				"content_filter";
			case "error" -> "error";
			default -> "unknown";
		};
	}

	/**
	 * Returns the reason of a choice whose message carries tool calls:
	 * {@link #TOOL_CALLS} when this one means {@code stop}, with this value kept as the
	 * {@link #providerValue()}; else this value.
	 * @return the reason of a choice with tool calls
	 */
	public FinishReason withToolCalls() {
		if (this.providerValue == null && "stop".equals(normalized())) {
			return new FinishReason(TOOL_CALLS.value, this.value);
		}
		return this;
	}

	/**
	 * Returns the value as the provider sent it, written on the wire.
	 * @return the provider's value
	 */
	@JsonValue
	public String wireValue() {
		return (this.providerValue != null) ? this.providerValue : this.value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof FinishReason that && this.value.equals(that.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
