package com.mulerun.autoconfigure;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.Timeouts;
import com.mulerun.chat.structured.StructuredOutputSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the defaults the IDE shows (the generated configuration metadata) are the
 * defaults the properties bind, and that those come from the library's constants.
 */
class MuleRunPropertiesMetadataTests {

	@Test
	void everyDefaultInTheMetadataIsTheDefaultOfTheProperty() throws Exception {
		JsonNode metadata;
		try (InputStream input = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(input);
		}
		BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(new MuleRunProperties());
		BeanWrapper offlineProperties = PropertyAccessorFactory.forBeanPropertyAccess(new MuleRunOfflineProperties());
		List<String> checked = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue == null || defaultValue.isContainer()) {
				continue;
			}
			String name = property.get("name").asString();
			boolean offline = MuleRunOfflineProperties.class.getName().equals(property.path("sourceType").asString());
			Object bound = offline
					? offlineProperties.getPropertyValue(camelCase(name.substring("mulerun.offline.".length())))
					: properties.getPropertyValue(camelCase(name.substring("mulerun.".length())));
			assertThat(bound).as(name).isEqualTo(parse(defaultValue, bound));
			checked.add(name);
		}
		assertThat(checked).contains("mulerun.base-url", "mulerun.chat.model", "mulerun.retry.max-retries",
				"mulerun.retry.jitter", "mulerun.http.connect-timeout", "mulerun.http.overall-timeout",
				"mulerun.http.max-event-size", "mulerun.chat.structured.mode",
				"mulerun.chat.structured.repair-attempts", "mulerun.offline.mode", "mulerun.offline.chunk-delay");
	}

	@Test
	void propertyDefaultsAreTheLibrarysDefaults() {
		MuleRunProperties properties = new MuleRunProperties();
		assertThat(properties.getBaseUrl()).isEqualTo(ChatCompletionTemplate.DEFAULT_BASE_URL);
		assertThat(properties.getChat().getModel()).isEqualTo(ChatCompletionTemplate.DEFAULT_MODEL);
		MuleRunProperties.Http http = properties.getHttp();
		assertThat(new Timeouts(http.getConnectTimeout(), http.getResponseTimeout(), http.getStreamIdleTimeout(),
				http.getOverallTimeout()))
			.isEqualTo(Timeouts.DEFAULTS);
		MuleRunProperties.Retry retry = properties.getRetry();
		assertThat(new RetrySettings(retry.getMaxRetries(), retry.getInitialBackoff(), retry.getMaxBackoff(),
				retry.getMultiplier(), retry.getJitter(), retry.getMaxServerDelay()))
			.isEqualTo(RetrySettings.DEFAULTS);
		assertThat(http.getMaxInMemorySize().toBytes()).isEqualTo(ChatCompletionTemplate.DEFAULT_MAX_RESPONSE_SIZE);
		assertThat(http.getMaxEventSize().toBytes()).isEqualTo(ChatCompletionTemplate.DEFAULT_MAX_EVENT_SIZE);
		MuleRunProperties.Structured structured = properties.getChat().getStructured();
		assertThat(new StructuredOutputSettings(structured.getMode(), structured.getRepairAttempts()))
			.isEqualTo(StructuredOutputSettings.DEFAULTS);
	}

	private static Object parse(JsonNode value, Object bound) {
		if (bound instanceof Duration) {
			return DurationStyle.detectAndParse(value.asString());
		}
		if (bound instanceof DataSize) {
			return DataSize.parse(value.asString());
		}
		if (bound instanceof Integer) {
			return value.asInt();
		}
		if (bound instanceof Double) {
			return value.asDouble();
		}
		if (bound instanceof Boolean) {
			return value.asBoolean();
		}
		if (bound instanceof Enum<?> constant) {
			return Enum.valueOf(constant.getDeclaringClass(),
					value.asString().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		return value.asString();
	}

	private static String camelCase(String kebab) {
		StringBuilder result = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				result.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return result.toString();
	}

}
