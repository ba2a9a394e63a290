package com.mulerun.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.model.ReasoningEffort;
import com.mulerun.chat.model.ServiceTier;
import com.mulerun.chat.model.Verbosity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the value hints of {@code additional-spring-configuration-metadata.json} are
 * the constants of the client, so that an IDE suggests exactly the models and option
 * values the code knows.
 */
class ConfigurationMetadataHintsTests {

	private final JsonNode hints = readHints();

	@Test
	void modelHintsAreTheChatModelsConstantsInTheirOrder() {
		assertThat(hintValues("mulerun.chat.model")).containsExactlyElementsOf(ChatModels.ALL);
	}

	@Test
	void everyModelHintHasADescription() {
		assertThat(hint("mulerun.chat.model").get("values").values())
			.allSatisfy((value) -> assertThat(value.path("description").asString()).isNotBlank());
	}

	@Test
	void reasoningEffortHintsAreTheReasoningEffortConstants() {
		assertThat(hintValues("mulerun.chat.reasoning-effort"))
			.containsExactlyElementsOf(constants(ReasoningEffort.class));
	}

	@Test
	void verbosityHintsAreTheVerbosityConstants() {
		assertThat(hintValues("mulerun.chat.verbosity")).containsExactlyElementsOf(constants(Verbosity.class));
	}

	@Test
	void serviceTierHintsAreTheServiceTierConstants() {
		assertThat(hintValues("mulerun.chat.service-tier")).containsExactlyElementsOf(constants(ServiceTier.class));
	}

	private List<String> hintValues(String property) {
		List<String> values = new ArrayList<>();
		hint(property).get("values").values().forEach((value) -> values.add(value.get("value").asString()));
		return values;
	}

	private JsonNode hint(String property) {
		for (JsonNode hint : this.hints.values()) {
			if (property.equals(hint.get("name").asString())) {
				return hint;
			}
		}
		throw new AssertionError("No hint for " + property);
	}

	/**
	 * Returns the values of the public constants of a lenient value type, in declaration
	 * order.
	 */
	private static List<String> constants(Class<?> type) {
		return Arrays.stream(type.getDeclaredFields())
			.filter((field) -> field.getType() == type && Modifier.isStatic(field.getModifiers())
					&& Modifier.isPublic(field.getModifiers()))
			.map(ConfigurationMetadataHintsTests::constantText)
			.toList();
	}

	private static String constantText(Field field) {
		try {
			return String.valueOf(field.get(null));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode readHints() {
		try (InputStream metadata = ConfigurationMetadataHintsTests.class
			.getResourceAsStream("/META-INF/additional-spring-configuration-metadata.json")) {
			assertThat(metadata).isNotNull();
			return JsonMapper.shared().readTree(metadata).get("hints");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
