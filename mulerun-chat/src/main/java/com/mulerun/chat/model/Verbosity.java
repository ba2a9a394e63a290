package com.mulerun.chat.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Verbosity of the answer ({@code verbosity}): {@code low}, {@code medium}, {@code high},
 * or any value a provider adds.
 *
 * <p>
 * A lenient value type: an unknown value is kept with its raw text, never rejected.
 *
 * @param value the raw value as sent on the wire
 */
public record Verbosity(@JsonValue String value) {

	/** The {@code low} value. */
	public static final Verbosity LOW = new Verbosity("low");

	/** The {@code medium} value. */
	public static final Verbosity MEDIUM = new Verbosity("medium");

	/** The {@code high} value. */
	public static final Verbosity HIGH = new Verbosity("high");

	/**
	 * Creates a value; prefer the constants.
	 * @param value the raw value
	 */
	public Verbosity {
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Returns the value for a raw string, reusing the constants for known values.
	 * @param value the raw value
	 * @return the value
	 */
	@JsonCreator
	public static Verbosity of(String value) {
		return switch (value) {
			case "low" -> LOW;
			case "medium" -> MEDIUM;
			case "high" -> HIGH;
			default -> new Verbosity(value);
		};
	}

	@Override
	public String toString() {
		return this.value;
	}

}
