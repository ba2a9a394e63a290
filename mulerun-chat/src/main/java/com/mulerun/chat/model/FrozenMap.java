package com.mulerun.chat.model;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable, order-preserving map over a {@code LinkedHashMap} that a deserializer
 * of this package has just filled and holds no other reference to. The records keep it as
 * it is ({@link ModelSupport#extra(Map)}), where any other map is copied. Every method
 * answers or refuses as {@link Collections#unmodifiableMap(Map)} does.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {

	private final Map<K, V> view;

	/**
	 * Takes ownership of the map: the caller must not keep or change it.
	 * @param map the entries
	 */
	FrozenMap(LinkedHashMap<K, V> map) {
		this.view = Collections.unmodifiableMap(map);
	}

	@Override
	public Set<Entry<K, V>> entrySet() {
		return this.view.entrySet();
	}

	@Override
	public Set<K> keySet() {
		return this.view.keySet();
	}

	@Override
	public Collection<V> values() {
		return this.view.values();
	}

	@Override
	public int size() {
		return this.view.size();
	}

	@Override
	public boolean isEmpty() {
		return this.view.isEmpty();
	}

	@Override
	public boolean containsKey(Object key) {
		return this.view.containsKey(key);
	}

	@Override
	public boolean containsValue(Object value) {
		return this.view.containsValue(value);
	}

	@Override
	public @Nullable V get(Object key) {
		return this.view.get(key);
	}

	@Override
	public V getOrDefault(Object key, V defaultValue) {
		return this.view.getOrDefault(key, defaultValue);
	}

	@Override
	public void forEach(BiConsumer<? super K, ? super V> action) {
		this.view.forEach(action);
	}

	@Override
	public @Nullable V put(K key, V value) {
		return this.view.put(key, value);
	}

	@Override
	public @Nullable V remove(Object key) {
		return this.view.remove(key);
	}

	@Override
	public void putAll(Map<? extends K, ? extends V> map) {
		this.view.putAll(map);
	}

	@Override
	public void clear() {
		this.view.clear();
	}

	@Override
	public V putIfAbsent(K key, V value) {
		return this.view.putIfAbsent(key, value);
	}

	@Override
	public boolean remove(Object key, Object value) {
		return this.view.remove(key, value);
	}

	@Override
	public boolean replace(K key, V oldValue, V newValue) {
		return this.view.replace(key, oldValue, newValue);
	}

	@Override
	public V replace(K key, V value) {
		return this.view.replace(key, value);
	}

	@Override
	public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
		this.view.replaceAll(function);
	}

	@Override
	public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
		return this.view.computeIfAbsent(key, mappingFunction);
	}

	@Override
	public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
		return this.view.computeIfPresent(key, remappingFunction);
	}

	@Override
	public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
		return this.view.compute(key, remappingFunction);
	}

	@Override
	public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
		return this.view.merge(key, value, remappingFunction);
	}

}
