package com.mulerun.chat.structured;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Turns a generated JSON Schema into the strict subset: every object closed and fully
 * required, keywords outside the subset moved into the description, {@code const} as a
 * one-value {@code enum}, an {@code enum} given the {@code type} of its values,
 * {@code allOf} merged.
 */
final class StrictSchemas {

	/** Keywords the strict subset accepts and that are kept as they are. */
	private static final Set<String> KEPT = Set.of("type", "enum", "$ref", "description", "required",
			"additionalProperties");

	private StrictSchemas() {
	}

	/**
	 * Returns the strict form of a schema.
	 * @param schema a schema as generated
	 * @return a new, mutable map
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> strict(Map<String, Object> schema) {
		Map<String, Object> source = mergeAllOf(schema);
		Map<String, Object> result = new LinkedHashMap<>();
		List<String> moved = new ArrayList<>();
		for (Map.Entry<String, Object> entry : source.entrySet()) {
			String key = entry.getKey();
			Object value = entry.getValue();
			switch (key) {
				case "properties" -> {
					Map<String, Object> properties = new LinkedHashMap<>();
					((Map<String, Object>) value)
						.forEach((name, property) -> properties.put(name, strict((Map<String, Object>) property)));
					result.put(key, properties);
				}
				case "items" -> result.put(key, strict((Map<String, Object>) value));
				case "anyOf",
						"oneOf" ->
					result.put("anyOf",
							((List<Object>) value).stream()
								.map((item) -> (Object) strict((Map<String, Object>) item))
								.toList());
				case "$defs" -> result.put(key, strictDefinitions((Map<String, Object>) value));
				case "const" -> result.put("enum", Collections.singletonList(value));
				default -> {
					if (KEPT.contains(key)) {
						result.put(key, value);
					}
					else {
						moved.add(key + ": " + text(value));
					}
				}
			}
		}
		if (result.get("enum") instanceof List<?> values && !result.containsKey("type")) {
			String type = jsonType(values);
			if (type != null) {
				result.put("type", type);
			}
		}
		if (isObject(result)) {
			Map<String, Object> properties = (Map<String, Object>) result.computeIfAbsent("properties",
					(name) -> new LinkedHashMap<>());
			result.put("required", List.copyOf(properties.keySet()));
			result.put("additionalProperties", false);
		}
		else {
			result.remove("additionalProperties");
			result.remove("required");
		}
		if (!moved.isEmpty()) {
			String extra = String.join("; ", moved);
			Object description = result.get("description");
			result.put("description", (description != null) ? description + " (" + extra + ")" : extra);
		}
		return result;
	}

	/**
	 * Returns the strict form of each definition of a {@code $defs} map.
	 * @param definitions the definitions by name
	 * @return a new map
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> strictDefinitions(Map<String, Object> definitions) {
		Map<String, Object> result = new LinkedHashMap<>();
		definitions.forEach((name, definition) -> result.put(name, strict((Map<String, Object>) definition)));
		return result;
	}

	/**
	 * Returns a copy of a schema with a description (before any description it had).
	 * @param schema the schema
	 * @param description the description
	 * @return a new map
	 */
	static Map<String, Object> withDescription(Map<String, Object> schema, String description) {
		Map<String, Object> result = new LinkedHashMap<>(schema);
		Object existing = schema.get("description");
		result.put("description", (existing != null) ? description + " (" + existing + ")" : description);
		return result;
	}

	/**
	 * Returns a schema that also accepts {@code null}: the {@code type} gains
	 * {@code "null"} for a simple schema, otherwise the schema becomes one branch of an
	 * {@code anyOf} with {@code {"type": "null"}}.
	 * @param schema the schema
	 * @return a new map
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> nullable(Map<String, Object> schema) {
		Object type = schema.get("type");
		if (type instanceof String name && !schema.containsKey("enum") && !schema.containsKey("$ref")
				&& !schema.containsKey("anyOf")) {
			Map<String, Object> result = new LinkedHashMap<>(schema);
			result.put("type", name.equals("null") ? name : List.of(name, "null"));
			return result;
		}
		if (type instanceof List<?> types && !schema.containsKey("enum")) {
			if (types.contains("null")) {
				return schema;
			}
			Map<String, Object> result = new LinkedHashMap<>(schema);
			List<Object> extended = new ArrayList<>((List<Object>) types);
			extended.add("null");
			result.put("type", extended);
			return result;
		}
		if (schema.get("anyOf") instanceof List<?> branches && schema.size() <= 2
				&& (schema.size() == 1 || schema.containsKey("description"))) {
			if (branches.stream().anyMatch((branch) -> Map.of("type", "null").equals(branch))) {
				return schema;
			}
			Map<String, Object> result = new LinkedHashMap<>(schema);
			List<Object> extended = new ArrayList<>(branches);
			extended.add(Map.of("type", "null"));
			result.put("anyOf", extended);
			return result;
		}
		Map<String, Object> branch = new LinkedHashMap<>(schema);
		Object description = branch.remove("description");
		Map<String, Object> result = new LinkedHashMap<>();
		if (description != null) {
			result.put("description", description);
		}
		result.put("anyOf", List.of(branch, Map.of("type", "null")));
		return result;
	}

	/**
	 * Returns a deeply immutable copy of a schema.
	 * @param schema the schema
	 * @return the copy
	 */
	static Map<String, Object> freeze(Map<String, Object> schema) {
		return freezeMap(schema);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> freezeMap(Map<String, Object> map) {
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((key, value) -> copy.put(key, freezeValue(value)));
		return Collections.unmodifiableMap(copy);
	}

	@SuppressWarnings("unchecked")
	private static Object freezeValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			return freezeMap((Map<String, Object>) map);
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach((item) -> copy.add(freezeValue(item)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> mergeAllOf(Map<String, Object> schema) {
		if (!(schema.get("allOf") instanceof List<?> parts)) {
			return schema;
		}
		Map<String, Object> merged = new LinkedHashMap<>();
		for (Object part : parts) {
			mergeAllOf((Map<String, Object>) part).forEach(merged::putIfAbsent);
		}
		schema.forEach((key, value) -> {
			if (!key.equals("allOf")) {
				merged.put(key, value);
			}
		});
		return merged;
	}

	private static boolean isObject(Map<String, Object> schema) {
		Object type = schema.get("type");
		return "object".equals(type) || (type instanceof List<?> types && types.contains("object"))
				|| schema.containsKey("properties");
	}

	/**
	 * Returns the JSON type all values share, or {@code null} when they differ.
	 */
	private static @Nullable String jsonType(List<?> values) {
		String type = null;
		for (Object value : values) {
			String valueType = (value instanceof String) ? "string"
					: (value instanceof Integer || value instanceof Long) ? "integer"
							: (value instanceof Number) ? "number" : (value instanceof Boolean) ? "boolean" : null;
			if (valueType == null || (type != null && !type.equals(valueType))) {
				return null;
			}
			type = valueType;
		}
		return type;
	}

	private static String text(Object value) {
		return (value instanceof List<?> list) ? list.toString() : String.valueOf(value);
	}

}
