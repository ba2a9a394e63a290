package com.mulerun.chat.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.BeanDeserializerFactory;
import tools.jackson.databind.type.LogicalType;

/**
 * Base of the hand-written deserializers of the records read for every stream chunk
 * ({@link ChatCompletionChunk}, {@link ChunkChoice}, {@link Delta},
 * {@link ToolCallDelta}, {@link FunctionCall}, {@link Usage}).
 *
 * <p>
 * Jackson's generic path for a record with an any-setter buffers every property in a
 * {@code PropertyValueBuffer}, resolves each absent component one by one, calls the
 * constructor through {@code MethodHandle.invokeWithArguments} and fills a
 * {@code LinkedHashMap} that the constructor then copies. A subclass reads the properties
 * of one object with a {@code nextName()}/{@code nextToken()} loop into locals instead,
 * and hands the collections it builds to the canonical constructor in a form that
 * {@link ModelSupport} keeps without a copy ({@link #list}, {@link #extra}).
 *
 * <p>
 * The semantics are those of the generic path: a known property is read with the
 * deserializer Jackson would use for its type (the common token is read inline, anything
 * else is passed to that deserializer, so coercions such as a fractional {@code created}
 * or a numeric {@code id} behave the same), JSON {@code null} is {@code null}, a
 * {@code null} array element is kept, an unknown property is read as {@code Object} into
 * {@code extra()}, and a value that is not a JSON object is handed to Jackson's generic
 * bean deserializer for the type (which fails, or applies the coercions the mapper
 * enables). One deliberate difference: unknown properties keep their document order and
 * the last of duplicated ones wins, where Jackson 3.1's creator path reverses them.
 *
 * @param <T> the record type
 */
abstract class RecordDeserializer<T> extends ValueDeserializer<T> {

	/** The longest string that {@link #recentString} keeps. */
	static final int MAX_RECENT_LENGTH = 128;

	private final Class<T> type;

	private @Nullable ValueDeserializer<Object> strings;

	private @Nullable ValueDeserializer<Object> integers;

	private @Nullable ValueDeserializer<Object> longs;

	private @Nullable ValueDeserializer<Object> untyped;

	private volatile @Nullable ValueDeserializer<Object> generic;

	RecordDeserializer(Class<T> type) {
		this.type = type;
	}

	@Override
	public Class<?> handledType() {
		return this.type;
	}

	@Override
	public LogicalType logicalType() {
		return LogicalType.POJO;
	}

	/**
	 * Cached, so that Jackson creates and resolves one instance per mapper rather than
	 * one per look-up.
	 */
	@Override
	public boolean isCachable() {
		return true;
	}

	@Override
	public void resolve(DeserializationContext context) {
		this.strings = find(context, String.class);
		this.integers = find(context, Integer.class);
		this.longs = find(context, Long.class);
		this.untyped = find(context, Object.class);
	}

	@Override
	public final T deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		String name;
		if (token == JsonToken.START_OBJECT) {
			name = parser.nextName();
		}
		else if (token == JsonToken.PROPERTY_NAME) {
			name = parser.currentName();
		}
		else if (token == JsonToken.END_OBJECT) {
			name = null;
		}
		else {
			return fromNonObject(parser, context);
		}
		return read(parser, context, name);
	}

	/**
	 * Reads the properties of an object, from the name of the first one (or {@code null}
	 * when the object is empty) to its {@code END_OBJECT}: for each name,
	 * {@code parser.nextToken()}, then the value, then {@code parser.nextName()}.
	 * @param parser the parser, at the first property name or at the end of the object
	 * @param context the context
	 * @param name the first property name, or {@code null}
	 * @return the record
	 */
	abstract T read(JsonParser parser, DeserializationContext context, @Nullable String name);

	@SuppressWarnings("unchecked")
	private T fromNonObject(JsonParser parser, DeserializationContext context) {
		ValueDeserializer<Object> generic = this.generic;
		if (generic == null) {
			JavaType javaType = context.constructType(this.type);
			generic = BeanDeserializerFactory.instance.createBeanDeserializer(context, javaType,
					context.lazyIntrospectBeanDescriptionForCreation(javaType));
			generic.resolve(context);
			generic = (ValueDeserializer<Object>) context.handleSecondaryContextualization(generic, null, javaType);
			this.generic = generic;
		}
		return (T) generic.deserialize(parser, context);
	}

	static ValueDeserializer<Object> find(DeserializationContext context, Class<?> type) {
		return context.findRootValueDeserializer(context.constructType(type));
	}

	static JavaType listOf(DeserializationContext context, Class<?> elementType) {
		return context.getTypeFactory().constructCollectionType(List.class, elementType);
	}

	/**
	 * Reads a {@code String} property as {@code StringDeserializer} does.
	 */
	final @Nullable String string(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		return (String) resolved(this.strings).deserialize(parser, context);
	}

	/**
	 * Reads a {@code String} property as {@link #string} does, returning the equal string
	 * of the vocabulary instead of a new one when the value is one of them (the value of
	 * {@code object}, a known {@code finish_reason}): no string is allocated for it.
	 * @param vocabulary the strings to reuse
	 */
	final @Nullable String knownString(JsonParser parser, DeserializationContext context, String[] vocabulary) {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			return string(parser, context);
		}
		return knownText(parser, vocabulary);
	}

	/**
	 * Reads the current string token as {@link #knownString} does.
	 * @param vocabulary the strings to reuse
	 */
	static String knownText(JsonParser parser, String[] vocabulary) {
		char[] chars = parser.getStringCharacters();
		int offset = parser.getStringOffset();
		int length = parser.getStringLength();
		for (String candidate : vocabulary) {
			if (equal(candidate, chars, offset, length)) {
				return candidate;
			}
		}
		return parser.getString();
	}

	/**
	 * Reads a {@code String} property as {@link #string} does, returning an equal string
	 * read before when the small table of recent values holds one. For values that every
	 * chunk of a stream repeats ({@code id}, {@code model}, {@code system_fingerprint}).
	 * The table is shared by the threads that use the deserializer without
	 * synchronisation: a slot holds a whole string or another one, never a torn value, as
	 * strings are immutable and safely published.
	 * @param recent the table, whose length is a power of two
	 */
	final @Nullable String recentString(JsonParser parser, DeserializationContext context, @Nullable String[] recent) {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			return string(parser, context);
		}
		char[] chars = parser.getStringCharacters();
		int offset = parser.getStringOffset();
		int length = parser.getStringLength();
		if (length > MAX_RECENT_LENGTH) {
			return parser.getString();
		}
		int hash = 0;
		for (int i = offset; i < offset + length; i++) {
			hash = 31 * hash + chars[i];
		}
		int slot = (hash ^ (hash >>> 16)) & (recent.length - 1);
		String candidate = recent[slot];
		if (candidate != null && equal(candidate, chars, offset, length)) {
			return candidate;
		}
		String value = parser.getString();
		recent[slot] = value;
		return value;
	}

	private static boolean equal(String candidate, char[] chars, int offset, int length) {
		if (candidate.length() != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (candidate.charAt(i) != chars[offset + i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads an {@code Integer} property as Jackson's {@code IntegerDeserializer} does.
	 */
	final @Nullable Integer integer(JsonParser parser, DeserializationContext context) {
		if (parser.isExpectedNumberIntToken()) {
			return parser.getIntValue();
		}
		if (parser.hasToken(JsonToken.VALUE_NULL)) {
			return null;
		}
		return (Integer) resolved(this.integers).deserialize(parser, context);
	}

	/**
	 * Reads a {@code Long} property as Jackson's {@code LongDeserializer} does (a
	 * fractional number is truncated when the mapper accepts floats as integers).
	 */
	final @Nullable Long longValue(JsonParser parser, DeserializationContext context) {
		if (parser.isExpectedNumberIntToken()) {
			return parser.getLongValue();
		}
		if (parser.hasToken(JsonToken.VALUE_NULL)) {
			return null;
		}
		return (Long) resolved(this.longs).deserialize(parser, context);
	}

	/**
	 * Reads a {@code Long} property as {@link #longValue} does, returning an equal
	 * {@code Long} read before when the small table of recent values holds one (for
	 * {@code created}, which every chunk of a stream repeats). Shared without
	 * synchronisation, as the table of {@link #recentString}.
	 * @param recent the table, whose length is a power of two
	 */
	final @Nullable Long longValue(JsonParser parser, DeserializationContext context, @Nullable Long[] recent) {
		if (!parser.isExpectedNumberIntToken()) {
			return longValue(parser, context);
		}
		long value = parser.getLongValue();
		int slot = (int) (value ^ (value >>> 32)) & (recent.length - 1);
		Long candidate = recent[slot];
		if (candidate != null && candidate == value) {
			return candidate;
		}
		Long boxed = value;
		recent[slot] = boxed;
		return boxed;
	}

	/**
	 * Reads a property with the given deserializer, {@code null} for JSON {@code null}.
	 */
	@SuppressWarnings("unchecked")
	static <V> @Nullable V value(JsonParser parser, DeserializationContext context,
			@Nullable ValueDeserializer<?> deserializer) {
		if (parser.hasToken(JsonToken.VALUE_NULL)) {
			return null;
		}
		return (V) resolved(deserializer).deserialize(parser, context);
	}

	/**
	 * Returns a deserializer found in {@code resolve}, which Jackson calls before the
	 * first use.
	 * @param deserializer the deserializer
	 * @param <T> its type
	 * @return the deserializer
	 */
	static <T> T resolved(@Nullable T deserializer) {
		return Objects.requireNonNull(deserializer, "the deserializer was used before it was resolved");
	}

	/**
	 * Reads the value of an unknown property as the any-setter does: as {@code Object},
	 * so maps, lists and numbers get their natural Java types.
	 */
	final @Nullable Object unknown(JsonParser parser, DeserializationContext context) {
		if (parser.hasToken(JsonToken.VALUE_NULL)) {
			return null;
		}
		return resolved(this.untyped).deserialize(parser, context);
	}

	/**
	 * Adds an unknown property once there are two or more; the first one stays in the
	 * caller's locals until then.
	 * @param extras the properties collected so far, or {@code null} when only the first
	 * one is known
	 * @param firstName the name of the first unknown property
	 * @param firstValue its value
	 * @param name the name of this property
	 * @param value its value
	 * @return the properties
	 */
	static LinkedHashMap<String, Object> moreExtra(@Nullable LinkedHashMap<String, Object> extras, String firstName,
			@Nullable Object firstValue, String name, @Nullable Object value) {
		if (extras == null) {
			extras = new LinkedHashMap<>();
			extras.put(firstName, firstValue);
		}
		extras.put(name, value);
		return extras;
	}

	/**
	 * Returns the unknown properties in the form the records keep without a copy:
	 * {@code Map.of()} when there is none, a singleton map for one, a {@link FrozenMap}
	 * for more.
	 */
	static Map<String, Object> extra(@Nullable String firstName, @Nullable Object firstValue,
			@Nullable LinkedHashMap<String, Object> extras) {
		if (extras != null) {
			return new FrozenMap<>(extras);
		}
		if (firstName != null) {
			return Collections.singletonMap(firstName, firstValue);
		}
		return Map.of();
	}

	/**
	 * Reads an array of records with their deserializer, in the form the records keep
	 * without a copy: {@code List.of()} when empty, a singleton list for one element, a
	 * {@link FrozenList} for more. A JSON {@code null} element is kept as {@code null},
	 * as Jackson's collection deserializer does; a value that is not an array goes to
	 * that collection deserializer.
	 * @param parser the parser, at the value (not JSON {@code null})
	 * @param context the context
	 * @param elements the element deserializer
	 * @param listType the list type, for a value that is not an array
	 * @return the list
	 */
	@SuppressWarnings("unchecked")
	static <E> List<E> list(JsonParser parser, DeserializationContext context,
			@Nullable ValueDeserializer<?> resolvedElements, @Nullable JavaType resolvedListType) {
		ValueDeserializer<?> elements = resolved(resolvedElements);
		JavaType listType = resolved(resolvedListType);
		if (!parser.isExpectedStartArrayToken()) {
			return (List<E>) context.readValue(parser, listType);
		}
		JsonToken token = parser.nextToken();
		if (token == JsonToken.END_ARRAY) {
			return List.of();
		}
		E first = element(parser, context, elements, token, 0);
		token = parser.nextToken();
		if (token == JsonToken.END_ARRAY) {
			return Collections.singletonList(first);
		}
		ArrayList<E> list = new ArrayList<>();
		list.add(first);
		do {
			list.add(element(parser, context, elements, token, list.size()));
		}
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY);
		return new FrozenList<>(list);
	}

	@SuppressWarnings("unchecked")
	private static <E> @Nullable E element(JsonParser parser, DeserializationContext context,
			ValueDeserializer<?> elements, @Nullable JsonToken token, int index) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		try {
			return (E) elements.deserialize(parser, context);
		}
		catch (RuntimeException ex) {
			// the path reads "java.util.ArrayList[index]", as with Jackson's collection
			// deserializer
			throw DatabindException.wrapWithPath(context, ex, new JacksonException.Reference(ArrayList.class, index));
		}
	}

	/**
	 * Adds the property to the path of a failure while reading its value, as Jackson's
	 * bean deserializer does.
	 */
	final JacksonException failure(DeserializationContext context, RuntimeException ex, String name) {
		return DatabindException.wrapWithPath(context, ex, new JacksonException.Reference(this.type, name));
	}

}
