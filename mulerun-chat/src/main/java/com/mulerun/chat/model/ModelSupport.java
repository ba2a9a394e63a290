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

	private static final Class<?> SINGLETON_LIST = Collections.singletonList(null).getClass();

	private static final Class<?> SINGLETON_MAP = Collections.singletonMap(null, null).getClass();

	private ModelSupport() {
	}

	/**
	 * Returns an unmodifiable copy of the list, or {@code null} when the list is
	 * {@code null} (an unset field stays unset; an empty list stays empty). A list that
	 * cannot change is kept as it is: a singleton list, or a {@link FrozenList} that a
	 * deserializer of this package built.
	 */
	static <T> @Nullable List<T> copy(@Nullable List<T> list) {
		if (list == null) {
			return null;
		}
		if (list instanceof FrozenList || list.getClass() == SINGLETON_LIST) {
			return list;
		}
		if (list.isEmpty()) {
			return List.of();
		}
		return Collections.unmodifiableList(new ArrayList<>(list));
	}

	/**
	 * Returns an unmodifiable, order-preserving copy of the map, or {@code null} when it
	 * is {@code null}.
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
	 * Returns an unmodifiable copy of the unknown properties, never {@code null}. A map
	 * that cannot change is kept as it is: a singleton map, or a {@link FrozenMap} that a
	 * deserializer of this package built.
	 */
	static Map<String, Object> extra(@Nullable Map<String, Object> extra) {
		if (extra == null || extra.isEmpty()) {
			return Map.of();
		}
		if (extra instanceof FrozenMap || extra.getClass() == SINGLETON_MAP) {
			return extra;
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

}
