package com.mulerun.chat.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Copy helpers shared by the model's compact constructors.
 */
final class ModelSupport {

	private ModelSupport() {
	}

	/**
	 * Returns an unmodifiable copy of the list, or {@code null} when the list is {@code null} (an unset field
	 * stays unset; an empty list stays empty).
	 */
	static <T> @Nullable List<T> copy(@Nullable List<T> list) {
		if (list == null) {
			return null;
		}
		if (list.isEmpty()) {
			return List.of();
		}
		return Collections.unmodifiableList(new ArrayList<>(list));
	}

	/**
	 * Returns an unmodifiable, order-preserving copy of the map, or {@code null} when it is {@code null}.
	 */
	static <K, V> @Nullable Map<K, V> copy(@Nullable Map<K, V> map) {
		if (map == null) {
			return null;
		}
		if (map.isEmpty()) {
			return Map.of();
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(map));
	}

	/**
	 * Returns an unmodifiable copy of the unknown properties, never {@code null}.
	 */
	static Map<String, Object> extra(@Nullable Map<String, Object> extra) {
		if (extra == null || extra.isEmpty()) {
			return Map.of();
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

	static Map<String, Object> with(Map<String, Object> extra, String name, @Nullable Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(extra);
		copy.put(name, value);
		return Collections.unmodifiableMap(copy);
	}

}
