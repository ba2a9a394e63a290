package com.mulerun.chat.observation;

import java.time.Duration;

import io.micrometer.common.KeyValue;
import org.jspecify.annotations.Nullable;

/**
 * How the {@link DefaultChatCompletionObservationConvention} writes a value as the text
 * of a key: absent values, empty strings and durations.
 */
final class ObservationValues {

	private ObservationValues() {
	}

	/**
	 * Returns the key with the value's text, or {@code null} when there is no value (a
	 * high cardinality key is then left out).
	 */
	static @Nullable KeyValue keyValue(GenAiNames name, @Nullable Object value) {
		return (value != null) ? KeyValue.of(name.value(), value.toString()) : null;
	}

	/**
	 * Returns the value, or {@value DefaultChatCompletionObservationConvention#NONE} when
	 * it is {@code null} or empty (a low cardinality key always has a value).
	 */
	static String orNone(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : DefaultChatCompletionObservationConvention.NONE;
	}

	static @Nullable String emptyToNull(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : null;
	}

	/**
	 * Returns the duration in seconds, with a fraction.
	 */
	static String seconds(Duration duration) {
		return Double.toString(duration.toNanos() / 1e9);
	}

}
