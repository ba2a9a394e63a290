package com.mulerun.chat.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Up to 4 sequences where the model stops generating ({@code stop}): written as a string
 * when created from one string, as an array otherwise.
 *
 * @param sequences the stop sequences
 * @param single whether the value is written as a single string
 */
public record Stop(List<String> sequences, boolean single) {

	/**
	 * Creates stop sequences.
	 * @param sequences the sequences
	 * @param single whether to write a single string (only with exactly one sequence)
	 */
	public Stop {
		sequences = List.copyOf(sequences);
		single = single && sequences.size() == 1;
	}

	/**
	 * Creates a single stop sequence, written as a string.
	 * @param sequence the sequence
	 * @return the stop value
	 */
	public static Stop of(String sequence) {
		return new Stop(List.of(sequence), true);
	}

	/**
	 * Creates stop sequences, written as an array.
	 * @param sequences the sequences
	 * @return the stop value
	 */
	public static Stop of(String... sequences) {
		return new Stop(List.of(sequences), false);
	}

	/**
	 * Creates stop sequences, written as an array.
	 * @param sequences the sequences
	 * @return the stop value
	 */
	public static Stop of(List<String> sequences) {
		return new Stop(sequences, false);
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static Stop fromJson(Object value) {
		if (value instanceof String string) {
			return of(string);
		}
		List<String> sequences = new ArrayList<>();
		for (Object item : (List<?>) value) {
			sequences.add(String.valueOf(item));
		}
		return new Stop(sequences, false);
	}

	@JsonValue
	Object toJson() {
		return this.single ? this.sequences.get(0) : this.sequences;
	}

}
