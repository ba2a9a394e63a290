package com.mulerun.chat.structured;

import java.util.Objects;

import io.micrometer.observation.Observation;

/**
 * The context of a structured-output observation: the requested type, the mode and the
 * repair attempts made.
 */
public class StructuredOutputObservationContext extends Observation.Context {

	private final String typeName;

	private final StructuredOutputMode mode;

	private final boolean stream;

	private int repairAttempts;

	/**
	 * Creates a context.
	 * @param typeName the simple name of the requested type
	 * @param mode the mode used (never {@link StructuredOutputMode#AUTO})
	 * @param stream whether the value is streamed element by element
	 */
	public StructuredOutputObservationContext(String typeName, StructuredOutputMode mode, boolean stream) {
		this.typeName = Objects.requireNonNull(typeName, "typeName must not be null");
		this.mode = Objects.requireNonNull(mode, "mode must not be null");
		this.stream = stream;
	}

	/**
	 * Returns the simple name of the requested type.
	 * @return the name, such as {@code Person} or {@code List<Person>}
	 */
	public String getTypeName() {
		return this.typeName;
	}

	/**
	 * Returns the mode used.
	 * @return the mode
	 */
	public StructuredOutputMode getMode() {
		return this.mode;
	}

	/**
	 * Tells whether the value is streamed element by element.
	 * @return whether streamed
	 */
	public boolean isStream() {
		return this.stream;
	}

	/**
	 * Returns how many repair attempts were made so far.
	 * @return the count
	 */
	public int getRepairAttempts() {
		return this.repairAttempts;
	}

	void repairAttempted() {
		this.repairAttempts++;
	}

}
