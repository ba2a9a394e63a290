package com.mulerun.chat.structured;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.structured.JsonSchemaGenerator.Property;
import com.mulerun.chat.structured.SampleTypes.Address;
import com.mulerun.chat.structured.SampleTypes.Drawing;
import com.mulerun.chat.structured.SampleTypes.Invoice;
import com.mulerun.chat.structured.SampleTypes.LineItem;
import com.mulerun.chat.structured.SampleTypes.Mood;
import com.mulerun.chat.structured.SampleTypes.Order;
import com.mulerun.chat.structured.SampleTypes.Person;
import com.mulerun.chat.structured.SampleTypes.Priority;
import com.mulerun.chat.structured.SampleTypes.TreeNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonSchemaGenerator}: one schema snapshot per sample type, and the
 * strict-subset rules.
 */
class JsonSchemaGeneratorTests {

	/** The sample types by the name of their snapshot in {@code schemas/}. */
	static final Map<String, Type> SNAPSHOTS = snapshots();

	private final JsonSchemaGenerator generator = new JsonSchemaGenerator(ChatJson.mapper());

	private static Map<String, Type> snapshots() {
		Map<String, Type> types = new LinkedHashMap<>();
		types.put("person", Person.class);
		types.put("mood", Mood.class);
		types.put("priority", Priority.class);
		types.put("tree-node", TreeNode.class);
		types.put("order", Order.class);
		types.put("invoice", Invoice.class);
		types.put("address", Address.class);
		types.put("string", String.class);
		types.put("person-list", new ParameterizedTypeReference<List<Person>>() {
		}.getType());
		types.put("tree-node-map", new ParameterizedTypeReference<Map<String, TreeNode>>() {
		}.getType());
		types.put("line-item-array", LineItem[].class);
		types.put("drawing", Drawing.class);
		return types;
	}

	static List<String> snapshotNames() {
		return List.copyOf(SNAPSHOTS.keySet());
	}

	@ParameterizedTest
	@MethodSource("snapshotNames")
	void schemaMatchesItsSnapshot(String name) throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode expected;
		try (InputStream snapshot = getClass().getResourceAsStream("schemas/" + name + ".json")) {
			assertThat(snapshot).as("snapshot schemas/%s.json", name).isNotNull();
			expected = mapper.readTree(snapshot);
		}
		JsonNode actual = mapper.valueToTree(this.generator.schemaFor(SNAPSHOTS.get(name)));
		assertThat(actual).as("schema of %s", name).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("snapshotNames")
	void everyObjectIsClosedAndRequiresAllItsProperties(String name) {
		assertStrict(this.generator.schemaFor(SNAPSHOTS.get(name)), "$");
	}

	@Test
	void schemaIsGeneratedOncePerType() {
		Type type = new ParameterizedTypeReference<List<Person>>() {
		}.getType();
		Type sameType = new ParameterizedTypeReference<List<Person>>() {
		}.getType();
		assertThat(this.generator.schemaFor(type)).isSameAs(this.generator.schemaFor(sameType));
	}

	@Test
	void schemaIsImmutable() {
		Map<String, Object> schema = this.generator.schemaFor(Person.class);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> schema.put("x", 1));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> properties(schema).remove("name"));
	}

	@Test
	void propertyNamesFollowTheNamingStrategyOfTheMapper() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		Map<String, Object> schema = new JsonSchemaGenerator(snakeCase).schemaFor(Person.class);
		assertThat(properties(schema)).containsOnlyKeys("name", "age", "email", "nickname", "birth_date", "tags");
	}

	@Test
	void propertyNamesFollowJsonPropertyOverTheNamingStrategy() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();
		Map<String, Object> schema = new JsonSchemaGenerator(snakeCase).schemaFor(Order.class);
		assertThat(properties(schema)).containsKeys("order_id", "created-at", "delivery-window", "gift-wrap");
	}

	@Test
	void wrapperPropertyTellsWhereANonObjectValueSits() {
		assertThat(this.generator.wrapperProperty(Person.class)).isNull();
		assertThat(this.generator.wrapperProperty(Mood.class)).isEqualTo("value");
		assertThat(this.generator.wrapperProperty(String.class)).isEqualTo("value");
		assertThat(this.generator.wrapperProperty(LineItem[].class)).isEqualTo("items");
		assertThat(this.generator.wrapperProperty(new ParameterizedTypeReference<Set<Mood>>() {
		}.getType())).isEqualTo("items");
	}

	@Test
	void objectSchemaListsThePropertiesInOrderWithOptionalOnesNullable() {
		Map<String, Object> schema = this.generator
			.objectSchema(List.of(new Property("city", String.class, "the city", true),
					new Property("day", LocalDate.class, "the day", false),
					new Property("tree", TreeNode.class, null, false),
					new Property("mood", Mood.class, "how it feels", true)));
		assertStrict(schema, "$");
		assertThat(properties(schema)).containsExactly(
				Map.entry("city", Map.of("type", "string", "description", "the city")),
				Map.entry("day",
						Map.of("type", List.of("string", "null"), "description",
								"the day (format: ISO-8601 date, e.g. 2025-01-31)")),
				Map.entry("tree", Map.of("anyOf", List.of(Map.of("$ref", "#/$defs/TreeNode"), Map.of("type", "null")))),
				Map.entry("mood", Map.of("type", "string", "enum", List.of("HAPPY", "so-so", "SAD"), "description",
						"how it feels")));
		assertThat(schema).extractingByKey("$defs")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("TreeNode");
	}

	@Test
	void unsupportedKeywordsMoveIntoTheDescription() {
		Map<String, Object> generated = new LinkedHashMap<>();
		generated.put("type", "string");
		generated.put("description", "Postal code");
		generated.put("minLength", 4);
		generated.put("pattern", "[0-9]+");
		generated.put("format", "postal");
		assertThat(StrictSchemas.strict(generated)).containsExactly(Map.entry("type", "string"),
				Map.entry("description", "Postal code (minLength: 4; pattern: [0-9]+; format: postal)"));
	}

	@Test
	void constBecomesAOneValueEnumAndAllOfIsMerged() {
		Map<String, Object> generated = new LinkedHashMap<>();
		generated.put("allOf", List.of(Map.of("type", "object", "properties", Map.of("kind", Map.of("const", "a")))));
		generated.put("description", "merged");
		Map<String, Object> strict = StrictSchemas.strict(generated);
		assertThat(strict).containsEntry("type", "object")
			.containsEntry("description", "merged")
			.containsEntry("required", List.of("kind"))
			.containsEntry("additionalProperties", false);
		assertThat(properties(strict)).containsEntry("kind", Map.of("enum", List.of("a"), "type", "string"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> properties(Map<String, Object> schema) {
		return (Map<String, Object>) schema.get("properties");
	}

	@SuppressWarnings("unchecked")
	private static void assertStrict(Object node, String path) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> schema = (Map<String, Object>) map;
			assertThat(schema.keySet()).as(path)
				.isSubsetOf("type", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "$ref",
						"$defs", "description");
			if (schema.containsKey("properties")) {
				assertThat(schema).as(path).containsEntry("additionalProperties", false);
				assertThat((List<String>) schema.get("required")).as(path)
					.containsExactlyElementsOf(properties(schema).keySet());
				properties(schema).forEach((name, property) -> assertStrict(property, path + ".properties." + name));
			}
			if (schema.get("$defs") instanceof Map<?, ?> definitions) {
				definitions.forEach((name, definition) -> assertStrict(definition, path + ".$defs." + name));
			}
			if (schema.get("items") != null) {
				assertStrict(schema.get("items"), path + ".items");
			}
			if (schema.get("anyOf") instanceof List<?> branches) {
				branches.forEach((branch) -> assertStrict(branch, path + ".anyOf"));
			}
		}
	}

}
