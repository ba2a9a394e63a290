package com.mulerun.chat.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Role of a message author ({@code role}): {@code developer}, {@code system},
 * {@code user}, {@code assistant}, {@code tool}, {@code function}, or any value a
 * provider adds.
 *
 * <p>
 * A lenient value type: an unknown value is kept with its raw text, never rejected.
 *
 * @param value the raw value as sent on the wire
 */
public record Role(@JsonValue String value) {

	/** The {@code developer} value. */
	public static final Role DEVELOPER = new Role("developer");

	/** The {@code system} value. */
	public static final Role SYSTEM = new Role("system");

	/** The {@code user} value. */
	public static final Role USER = new Role("user");

	/** The {@code assistant} value. */
	public static final Role ASSISTANT = new Role("assistant");

	/** The {@code tool} value. */
	public static final Role TOOL = new Role("tool");

	/** The {@code function} value. */
	public static final Role FUNCTION = new Role("function");

	/**
	 * Creates a value; prefer the constants.
	 * @param value the raw value
	 */
	public Role {
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Returns the value for a raw string, reusing the constants for known values.
	 * @param value the raw value
	 * @return the value
	 */
	@JsonCreator
	public static Role of(String value) {
		return switch (value) {
			case "developer" -> DEVELOPER;
			case "system" -> SYSTEM;
			case "user" -> USER;
			case "assistant" -> ASSISTANT;
			case "tool" -> TOOL;
			case "function" -> FUNCTION;
			default -> new Role(value);
		};
	}

	@Override
	public String toString() {
		return this.value;
	}

}
