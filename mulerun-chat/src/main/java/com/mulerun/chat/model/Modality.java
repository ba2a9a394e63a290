package com.mulerun.chat.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Output modality ({@code modalities}): {@code text}, {@code audio}, or any value a
 * provider adds.
 *
 * <p>
 * A lenient value type: an unknown value is kept with its raw text, never rejected.
 *
 * @param value the raw value as sent on the wire
 */
public record Modality(@JsonValue String value) {

	/** The {@code text} value. */
	public static final Modality TEXT = new Modality("text");

	/** The {@code audio} value. */
	public static final Modality AUDIO = new Modality("audio");

	/**
	 * Creates a value; prefer the constants.
	 * @param value the raw value
	 */
	public Modality {
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Returns the value for a raw string, reusing the constants for known values.
	 * @param value the raw value
	 * @return the value
	 */
	@JsonCreator
	public static Modality of(String value) {
		return switch (value) {
			case "text" -> TEXT;
			case "audio" -> AUDIO;
			default -> new Modality(value);
		};
	}

	@Override
	public String toString() {
		return this.value;
	}

}
