package com.mulerun.chat.structured;

import java.util.Objects;

/**
 * The template-wide settings of structured output; {@link com.mulerun.chat.CallOptions}
 * overrides them per call.
 *
 * @param mode how requests ask for JSON
 * @param repairAttempts how many times a failed parse is sent back to the model to
 * correct, 0 for never
 */
public record StructuredOutputSettings(StructuredOutputMode mode, int repairAttempts) {

	/** The defaults: {@link StructuredOutputMode#AUTO}, no repair attempt. */
	public static final StructuredOutputSettings DEFAULTS = new StructuredOutputSettings(StructuredOutputMode.AUTO, 0);

	/**
	 * Creates settings.
	 * @param mode how requests ask for JSON
	 * @param repairAttempts how many repair attempts, at least 0
	 * @throws IllegalArgumentException when {@code repairAttempts} is negative
	 */
	public StructuredOutputSettings {
		Objects.requireNonNull(mode, "mode must not be null");
		if (repairAttempts < 0) {
			throw new IllegalArgumentException("repairAttempts must be at least 0, was " + repairAttempts);
		}
	}

	/**
	 * Returns settings with another mode.
	 * @param mode the mode
	 * @return the settings
	 */
	public StructuredOutputSettings withMode(StructuredOutputMode mode) {
		return new StructuredOutputSettings(mode, this.repairAttempts);
	}

	/**
	 * Returns settings with another number of repair attempts.
	 * @param repairAttempts the number, at least 0
	 * @return the settings
	 */
	public StructuredOutputSettings withRepairAttempts(int repairAttempts) {
		return new StructuredOutputSettings(this.mode, repairAttempts);
	}

}
