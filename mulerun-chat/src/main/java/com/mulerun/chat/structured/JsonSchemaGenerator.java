package com.mulerun.chat.structured;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON Schemas in the strict subset that OpenAI-compatible structured outputs
 * and tool parameters accept, from Java types, with victools'
 * {@code jsonschema-generator}.
 *
 * <p>
 * The rules of the strict subset, applied to every schema this class returns:
 * <ul>
 * <li>the root is {@code "type": "object"}; a type that is not an object (a
 * {@code List<Person>}, an array, an enum, a {@code String}, a {@code Map}) is wrapped as
 * {@code {"type": "object", "properties": {"items": ...}}} (collections, arrays and maps)
 * or {@code {"properties": {"value": ...}}} (everything else), see
 * {@link #wrapperProperty(Type)};</li>
 * <li>every object lists all its properties in {@code required} and has
 * {@code "additionalProperties": false}; a property that may be absent ({@link Optional},
 * annotated {@code @Nullable}, or a {@link Property} that is not required) is a union
 * with {@code null};</li>
 * <li>keywords outside the subset ({@code format}, {@code minLength}, {@code pattern},
 * {@code minimum}, ...) are moved into the {@code description}, which comes from
 * {@code @JsonPropertyDescription} and {@code @JsonClassDescription};</li>
 * <li>property names are the ones the given {@link JsonMapper} reads: its naming
 * strategy, {@code @JsonNaming} and {@code @JsonProperty}, in declaration order; enums
 * are string enums of the names the mapper writes and reads ({@code @JsonProperty},
 * {@code @JsonValue});</li>
 * <li>{@code java.time} types are strings, with their ISO-8601 format in the
 * description;</li>
 * <li>a type used more than once or recursively is a {@code $defs} entry referenced with
 * {@code $ref};</li>
 * <li>a {@code Map<K, V>} is an array of {@code {"key": K, "value": V}} entries, because
 * the strict subset has no schema for additional properties: read such a value with a
 * mapper that accepts the entries form (the structured output support registers
 * one).</li>
 * </ul>
 * Schemas are generated once per type and cached; the maps returned are immutable.
 */
public final class JsonSchemaGenerator {

	/** The wrapper property of a collection, an array or a map. */
	static final String ITEMS = "items";

	/** The wrapper property of any other type that is not an object. */
	static final String VALUE = "value";

	/** The property of a map entry's key. */
	static final String ENTRY_KEY = "key";

	/** The property of a map entry's value. */
	static final String ENTRY_VALUE = "value";

	private static final Map<Class<?>, String> TIME_FORMATS = Map.ofEntries(
			Map.entry(LocalDate.class, "ISO-8601 date, e.g. 2025-01-31"),
			Map.entry(LocalDateTime.class, "ISO-8601 local date-time, e.g. 2025-01-31T13:45:00"),
			Map.entry(LocalTime.class, "ISO-8601 local time, e.g. 13:45:00"),
			Map.entry(OffsetDateTime.class, "ISO-8601 date-time with offset, e.g. 2025-01-31T13:45:00+01:00"),
			Map.entry(OffsetTime.class, "ISO-8601 time with offset, e.g. 13:45:00+01:00"),
			Map.entry(ZonedDateTime.class, "ISO-8601 date-time with offset, e.g. 2025-01-31T13:45:00+01:00"),
			Map.entry(Instant.class, "ISO-8601 instant in UTC, e.g. 2025-01-31T12:45:00Z"),
			Map.entry(Duration.class, "ISO-8601 duration, e.g. PT1H30M"),
			Map.entry(Period.class, "ISO-8601 period, e.g. P1Y2M10D"),
			Map.entry(Year.class, "ISO-8601 year, e.g. 2025"),
			Map.entry(YearMonth.class, "ISO-8601 year and month, e.g. 2025-01"),
			Map.entry(MonthDay.class, "ISO-8601 month and day, e.g. --01-31"),
			Map.entry(ZoneId.class, "time-zone id, e.g. Europe/Paris"));

	private final JsonMapper mapper;

	private final SchemaGenerator generator;

	private final ConcurrentMap<Class<?>, Map<String, String>> propertyNames = new ConcurrentHashMap<>();

	private final ConcurrentMap<Type, Map<String, Object>> schemas = new ConcurrentHashMap<>();

	private final ConcurrentMap<Type, Optional<String>> wrappers = new ConcurrentHashMap<>();

	/**
	 * Creates a generator whose property names follow the given mapper.
	 * @param mapper the mapper that reads the values the schemas describe
	 */
	public JsonSchemaGenerator(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.without(Option.SCHEMA_VERSION_INDICATOR)
			.with(Option.PLAIN_DEFINITION_KEYS)
			.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
		// registered before the Jackson module: the first name found wins
		config.forFields().withPropertyNameOverrideResolver(this::propertyName);
		config.forFields().withRequiredCheck((field) -> true);
		config.forFields().withNullableCheck(JsonSchemaGenerator::isNullable);
		config.forMethods().withNullableCheck(JsonSchemaGenerator::isNullable);
		config.forTypesInGeneral().withCustomDefinitionProvider(this::customDefinition);
		config.with(new JacksonSchemaModule());
		// declaration order: a model writes the properties in the order of the schema
		config.forTypesInGeneral().withPropertySorter((first, second) -> 0);
		this.generator = new SchemaGenerator(config.build());
	}

	/**
	 * Returns the strict-subset schema of a type as the root of a response: an object at
	 * the root (a type that is not an object is wrapped, see
	 * {@link #wrapperProperty(Type)}). Cached per type.
	 * @param type the type, for example {@code Person.class} or the type of a
	 * {@code ParameterizedTypeReference<List<Person>>}
	 * @return the schema, immutable
	 */
	public Map<String, Object> schemaFor(Type type) {
		Objects.requireNonNull(type, "type must not be null");
		return this.schemas.computeIfAbsent(type, this::generateRoot);
	}

	/**
	 * Returns a strict-subset object schema with the given properties, for example the
	 * parameters of a tool; the {@code $defs} of the types they reference are hoisted to
	 * this root.
	 * @param properties the properties, in order
	 * @return the schema, immutable
	 */
	public Map<String, Object> objectSchema(List<Property> properties) {
		Objects.requireNonNull(properties, "properties must not be null");
		SchemaBuilder builder = this.generator.buildMultipleSchemaDefinitions();
		List<ObjectNode> references = new ArrayList<>(properties.size());
		for (Property property : properties) {
			references.add(builder.createSchemaReference(property.type()));
		}
		ObjectNode definitions = builder.collectDefinitions("$defs");
		Map<String, Object> propertySchemas = new LinkedHashMap<>();
		for (int i = 0; i < properties.size(); i++) {
			Property property = properties.get(i);
			Map<String, Object> schema = StrictSchemas.strict(toMap(references.get(i)));
			if (property.description() != null) {
				schema = StrictSchemas.withDescription(schema, property.description());
			}
			if (!property.required()) {
				schema = StrictSchemas.nullable(schema);
			}
			propertySchemas.put(property.name(), schema);
		}
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("type", "object");
		root.put("properties", propertySchemas);
		root.put("required", List.copyOf(propertySchemas.keySet()));
		root.put("additionalProperties", false);
		if (!definitions.isEmpty()) {
			root.put("$defs", StrictSchemas.strictDefinitions(toMap(definitions)));
		}
		return StrictSchemas.freeze(root);
	}

	/**
	 * Tells whether {@link #schemaFor(Type)} wraps the type, and under which property the
	 * value then sits.
	 * @param type the type
	 * @return {@code "items"} for a collection, an array or a map, {@code "value"} for
	 * another type that is not an object, {@code null} when the type is an object and not
	 * wrapped
	 */
	public @Nullable String wrapperProperty(Type type) {
		Objects.requireNonNull(type, "type must not be null");
		return this.wrappers.computeIfAbsent(type, (key) -> {
			ObjectNode schema = this.generator.generateSchema(key);
			Object jsonType = schema.has("type") ? schema.get("type").asString() : null;
			if ("object".equals(jsonType)) {
				return Optional.empty();
			}
			return Optional.of("array".equals(jsonType) ? ITEMS : VALUE);
		}).orElse(null);
	}

	private Map<String, Object> generateRoot(Type type) {
		String wrapper = wrapperProperty(type);
		if (wrapper != null) {
			return objectSchema(List.of(new Property(wrapper, type, null, true)));
		}
		return StrictSchemas.freeze(StrictSchemas.strict(toMap(this.generator.generateSchema(type))));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> toMap(ObjectNode node) {
		return this.mapper.convertValue(node, LinkedHashMap.class);
	}

	private @Nullable String propertyName(FieldScope field) {
		if (field.isFakeContainerItemScope()) {
			return null;
		}
		Map<String, String> names = this.propertyNames.computeIfAbsent(field.getDeclaringType().getErasedType(),
				this::readablePropertyNames);
		return names.get(field.getDeclaredName());
	}

	/**
	 * Returns the names under which the mapper reads the properties of a class, by their
	 * internal (field) names.
	 */
	private Map<String, String> readablePropertyNames(Class<?> type) {
		try {
			DeserializationConfig config = this.mapper.deserializationConfig();
			JavaType javaType = config.constructType(type);
			ClassIntrospector introspector = config.classIntrospectorInstance();
			BeanDescription description = introspector.introspectForDeserialization(javaType,
					introspector.introspectClassAnnotations(javaType));
			Map<String, String> names = new LinkedHashMap<>();
			for (BeanPropertyDefinition property : description.findProperties()) {
				names.put(property.getInternalName(), property.getName());
			}
			return names;
		}
		catch (RuntimeException ex) {
			// a type Jackson cannot introspect keeps the generator's own names
			return Map.of();
		}
	}

	private static boolean isNullable(MemberScope<?, ?> member) {
		if (member.isFakeContainerItemScope()) {
			return false;
		}
		Class<?> declared = member.getDeclaredType().getErasedType();
		if (declared == Optional.class || declared == OptionalInt.class || declared == OptionalLong.class
				|| declared == OptionalDouble.class) {
			return true;
		}
		if (hasNullable(member.getRawMember() instanceof java.lang.reflect.Field field ? field.getAnnotations()
				: ((java.lang.reflect.Method) member.getRawMember()).getAnnotations())) {
			return true;
		}
		AnnotatedType annotatedType = (member.getRawMember() instanceof java.lang.reflect.Field field)
				? field.getAnnotatedType()
				: ((java.lang.reflect.Method) member.getRawMember()).getAnnotatedReturnType();
		if (hasNullable(annotatedType.getAnnotations())) {
			return true;
		}
		if (member instanceof FieldScope field) {
			MethodScope getter = field.findGetter();
			return getter != null && isNullable(getter);
		}
		return false;
	}

	private static boolean hasNullable(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType().getSimpleName().equals("Nullable")) {
				return true;
			}
		}
		return false;
	}

	private @Nullable CustomDefinition customDefinition(ResolvedType type, SchemaGenerationContext context) {
		if (type.isInstanceOf(Enum.class) && type.getErasedType().getEnumConstants() != null) {
			ObjectNode node = context.getGeneratorConfig().createObjectNode();
			node.put("type", "string");
			ArrayNode values = node.putArray("enum");
			for (Object constant : type.getErasedType().getEnumConstants()) {
				// the name the mapper writes, and so reads: @JsonProperty, @JsonValue,
				// features
				values.add(this.mapper.valueToTree(constant).asString());
			}
			return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
					CustomDefinition.AttributeInclusion.YES);
		}
		String timeFormat = TIME_FORMATS.get(type.getErasedType());
		if (timeFormat != null) {
			ObjectNode node = context.getGeneratorConfig().createObjectNode();
			node.put("type", "string");
			// moved into the description by StrictSchemas, after the property's own
			// description
			node.put("format", timeFormat);
			return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
					CustomDefinition.AttributeInclusion.YES);
		}
		if (type.isInstanceOf(Map.class)) {
			List<ResolvedType> parameters = type.typeParametersFor(Map.class);
			ResolvedType keyType = (parameters.size() == 2) ? parameters.get(0)
					: context.getTypeContext().resolve(String.class);
			ResolvedType valueType = (parameters.size() == 2) ? parameters.get(1)
					: context.getTypeContext().resolve(Object.class);
			ObjectNode entry = context.getGeneratorConfig().createObjectNode();
			entry.put("type", "object");
			ObjectNode properties = entry.putObject("properties");
			properties.set(ENTRY_KEY, context.createDefinitionReference(keyType));
			properties.set(ENTRY_VALUE, context.createDefinitionReference(valueType));
			entry.putArray("required").add(ENTRY_KEY).add(ENTRY_VALUE);
			entry.put("additionalProperties", false);
			ObjectNode node = context.getGeneratorConfig().createObjectNode();
			node.put("type", "array");
			node.put("description", "map entries, each with a unique key");
			node.set("items", entry);
			return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
					CustomDefinition.AttributeInclusion.YES);
		}
		return null;
	}

	/**
	 * A property of an {@link #objectSchema(List) object schema}.
	 *
	 * @param name the property's name
	 * @param type the property's Java type
	 * @param description what the property means, or {@code null}
	 * @param required whether the property must have a value; when {@code false} it may
	 * be {@code null}
	 */
	public record Property(String name, Type type, @Nullable String description, boolean required) {

		/**
		 * Creates a property.
		 * @param name the property's name
		 * @param type the property's Java type
		 * @param description what the property means, or {@code null}
		 * @param required whether the property must have a value
		 */
		public Property {
			Objects.requireNonNull(name, "name must not be null");
			Objects.requireNonNull(type, "type must not be null");
		}

	}

}
