package com.mulerun.chat.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Processing tier of a request ({@code service_tier}): {@code auto}, {@code default},
 * {@code flex}, {@code scale}, {@code priority}, or any value a provider adds.
 *
 * <p>
 * A lenient value type: an unknown value is kept with its raw text, never rejected.
 *
 * @param value the raw value as sent on the wire
 */
public record ServiceTier(@JsonValue String value) {

	/** The {@code auto} value. */
	public static final ServiceTier AUTO = new ServiceTier("auto");

	/** The {@code default} value. */
	public static final ServiceTier DEFAULT = new ServiceTier("default");

	/** The {@code flex} value. */
	public static final ServiceTier FLEX = new ServiceTier("flex");

	/** The {@code scale} value. */
	public static final ServiceTier SCALE = new ServiceTier("scale");

	/** The {@code priority} value. */
	public static final ServiceTier PRIORITY = new ServiceTier("priority");

	/**
	 * Creates a value; prefer the constants.
	 * @param value the raw value
	 */
	public ServiceTier {
		Objects.requireNonNull(value, "value must not be null");
	}

	/**
	 * Returns the value for a raw string, reusing the constants for known values.
	 * @param value the raw value
	 * @return the value
	 */
	@JsonCreator
	public static ServiceTier of(String value) {
		return switch (value) {
			case "auto" -> AUTO;
			case "default" -> DEFAULT;
			case "flex" -> FLEX;
			case "scale" -> SCALE;
			case "priority" -> PRIORITY;
			default -> new ServiceTier(value);
		};
	}

	@Override
	public String toString() {
		return this.value;
	}

}
