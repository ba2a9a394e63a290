package com.mulerun.chat.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The rules every part of the {@link ChatCompletionAggregator} merges fragments by: what
 * counts as empty, text collected in a lazily created {@link StringBuilder}, and unknown
 * fields whose {@code null} never replaces a value received earlier.
 */
final class Fragments {

	private Fragments() {
	}

	static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	static void putIfNotNull(Map<String, Object> target, String key, @Nullable Object value) {
		if (value != null) {
			target.put(key, value);
		}
	}

	static void putAllNotNull(Map<String, Object> target, Map<String, Object> source) {
		for (Map.Entry<String, Object> entry : source.entrySet()) {
			putIfNotNull(target, entry.getKey(), entry.getValue());
		}
	}

	/**
	 * Puts the non-null values of {@code source} into {@code target}, creating it only
	 * when there is one.
	 * @return the target, or {@code null} when there was none and nothing to put
	 */
	static @Nullable Map<String, Object> withAllNotNull(@Nullable Map<String, Object> target,
			Map<String, Object> source) {
		Map<String, Object> result = target;
		for (Map.Entry<String, Object> entry : source.entrySet()) {
			if (entry.getValue() != null) {
				if (result == null) {
					result = new LinkedHashMap<>();
				}
				result.put(entry.getKey(), entry.getValue());
			}
		}
		return result;
	}

	static StringBuilder append(@Nullable StringBuilder target, String text) {
		StringBuilder builder = (target != null) ? target : new StringBuilder(Math.max(16, text.length()));
		builder.append(text);
		return builder;
	}

	static @Nullable String textOrNull(@Nullable StringBuilder text) {
		return (text != null && !text.isEmpty()) ? text.toString() : null;
	}

}
