package com.mulerun.chat.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Reasoning effort of a reasoning model ({@code reasoning_effort}): {@code minimal},
 * {@code low}, {@code medium}, {@code high}, or any value a provider adds.
 *
 * <p>
 * A lenient value type: an unknown value is kept with its raw text, never rejected.
 *
 * @param value the raw value as sent on the wire
 */
public record ReasoningEffort(@JsonValue String value) {

	/** The {@code minimal} value. */
	public static final ReasoningEffort MINIMAL = new ReasoningEffort("minimal");

	/** The {@code low} value. */
	public static final ReasoningEffort LOW = new ReasoningEffort("low");

	/** The {@code medium} value. */
	public static final ReasoningEffort MEDIUM = new ReasoningEffort("medium");

	/** The {@code high} value. */
	public static final ReasoningEffort HIGH = new ReasoningEffort("high");

	/**
	 * Creates a value; prefer the constants.
	 * @param value the raw value
	 */
	public ReasoningEffort {
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Returns the value for a raw string, reusing the constants for known values.
	 * @param value the raw value
	 * @return the value
	 */
	@JsonCreator
	public static ReasoningEffort of(String value) {
		return switch (value) {
			case "minimal" -> MINIMAL;
			case "low" -> LOW;
			case "medium" -> MEDIUM;
			case "high" -> HIGH;
			default -> new ReasoningEffort(value);
		};
	}

	@Override
	public String toString() {
		return this.value;
	}

}
