package com.mulerun.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for the start-up checks of the {@code mulerun.*} properties: invalid values stop
 * the start with Boot's failure report, unknown keys and a key sent in clear text are
 * warned about.
 */
@ExtendWith(OutputCaptureExtension.class)
class MuleRunConfigurationChecksTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					mulerun.base-url              | ''                    | ''                    | must be an absolute http:// or https:// URL with a host, such as https://api.mulerun.com (was empty)
					mulerun.base-url              | api.mulerun.com       | api.mulerun.com       | (the scheme is missing)
					mulerun.base-url              | ftp://api.mulerun.com | ftp://api.mulerun.com | (the scheme is ftp)
					mulerun.completions-path      | /v1/chat completions  | /v1/chat completions  | must be a URL path such as /v1/chat/completions (Illegal character in path at index 8)
					mulerun.http.connect-timeout  | 0s                    | PT0S                  | connect timeout must be positive (was PT0S)
					mulerun.http.response-timeout | -1s                   | PT-1S                 | response timeout must be positive (was PT-1S)
					mulerun.http.overall-timeout  | 0ms                   | PT0S                  | overall timeout must be positive (was PT0S)
					mulerun.http.stream-max-duration | 0s                 | PT0S                  | streamMaxDuration timeout must be positive (was PT0S)
					mulerun.http.max-event-size   | 0                     | 0B                    | must be between 1B and 2GB (2147483647B) (was 0B)
					mulerun.http.proxy.port       | 99999                 | 99999                 | port must be between 1 and 65535 (was 99999)
					mulerun.retry.max-retries     | -1                    | -1                    | maxRetries must be >= 0 (was -1)
					mulerun.retry.jitter          | 2                     | 2.0                   | jitter must be between 0 and 1 (was 2.0)
					mulerun.retry.multiplier      | 0.5                   | 0.5                   | multiplier must be a finite number >= 1 (was 0.5)
					mulerun.retry.initial-backoff | -1s                   | PT-1S                 | initialBackoff must not be negative (was PT-1S)
					mulerun.chat.structured.repair-attempts | -1          | -1                    | repairAttempts must be at least 0, was -1
					mulerun.chat.temperature      | 3                     | 3.0                   | must be between 0 and 2 (was 3) (set mulerun.validation=false for gateways with other limits)
					""")
	void anInvalidPropertyStopsTheStartWithAReportNamingPropertyValueAndRule(String property, String value,
			String shown, String rule, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("mulerun.api-key=sk-test", property + "=" + value));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property)
			.contains("Value: \"" + shown + "\"")
			.contains(rule)
			.doesNotContain("sk-test");
	}

	@Test
	void everyInvalidPropertyIsReportedAtOnce(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("mulerun.api-key=k", "mulerun.retry.jitter=2",
				"mulerun.retry.multiplier=0.5", "mulerun.http.proxy.port=0"));
		assertThat(output).contains("Property: mulerun.retry.jitter", "Property: mulerun.retry.multiplier",
				"Property: mulerun.http.proxy.port");
	}

	@Test
	void anUnknownSslBundleStopsTheStartWithAReportNamingThePropertyAndTheValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("mulerun.api-key=k", "mulerun.http.ssl-bundle=nope"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'nope' for configuration property 'mulerun.http.ssl-bundle'")
			.contains("must name an SSL bundle configured under spring.ssl.bundle.*");
	}

	@Test
	void validChatDefaultsOutsideTheSpecStartWhenValidationIsOff() {
		try (ConfigurableApplicationContext context = start("mulerun.api-key=k", "mulerun.validation=false",
				"mulerun.chat.temperature=3")) {
			assertThat(context.getBean(MuleRunProperties.class).getChat().getTemperature()).isEqualTo(3.0);
		}
	}

	@Test
	void eachUnknownKeyIsWarnedAboutOnceWithTheClosestKnownName(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("mulerun.api-key=k", "mulerun.http.conect-timeout=5s",
				"mulerun.api-kee=k2", "mulerun.retry.max-retry=3", "mulerun.chat.metadata.team=search",
				"mulerun.http.default-headers.X-Team=search")) {
			assertThat(output).containsOnlyOnce(
					"Unknown configuration property 'mulerun.http.conect-timeout' is ignored; did you mean 'mulerun.http.connect-timeout'?")
				.containsOnlyOnce(
						"Unknown configuration property 'mulerun.api-kee' is ignored; did you mean 'mulerun.api-key'?")
				.containsOnlyOnce(
						"Unknown configuration property 'mulerun.retry.max-retry' is ignored; did you mean 'mulerun.retry.max-retries'?")
				.doesNotContain("'mulerun.chat.metadata.team'")
				.doesNotContain("'mulerun.http.default-headers.x-team'")
				.doesNotContain("'mulerun.api-key' is ignored");
		}
	}

	@Test
	void theOfflineModesPropertiesAreKnown(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("mulerun.api-key=k", "mulerun.offline.mode=never",
				"mulerun.offline.chunk-delay=0s", "mulerun.offline.mood=never")) {
			assertThat(output).doesNotContain("'mulerun.offline.mode' is ignored")
				.doesNotContain("'mulerun.offline.chunk-delay' is ignored")
				.containsOnlyOnce("Unknown configuration property 'mulerun.offline.mood' is ignored; did you mean "
						+ "'mulerun.offline.mode'?");
		}
	}

	@Test
	void relaxedSpellingsThatBootBindsAreNotReported(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("mulerun.apikey=sk-relaxed",
				"mulerun.http.connectTimeout=7s")) {
			MuleRunProperties properties = context.getBean(MuleRunProperties.class);
			assertThat(properties.getApiKey()).isEqualTo("sk-relaxed");
			assertThat(properties.getHttp().getConnectTimeout()).hasSeconds(7);
			assertThat(output).doesNotContain("Unknown configuration property");
		}
	}

	@Test
	void aKeySentOverPlainHttpToAnotherHostIsWarnedAbout(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("mulerun.api-key=sk-secret-123",
				"mulerun.base-url=http://gateway.example.com:8080")) {
			assertThat(output).containsOnlyOnce("mulerun.base-url uses plain http:// to gateway.example.com")
				.doesNotContain("sk-secret-123");
		}
	}

	@Test
	void onlyPlainHttpToAnotherHostIsCleartext() {
		assertThat(MuleRunStartupChecks.cleartextHost("http://gateway.example.com")).isEqualTo("gateway.example.com");
		assertThat(MuleRunStartupChecks.cleartextHost("http://10.0.0.7:8080/v1")).isEqualTo("10.0.0.7");
		assertThat(MuleRunStartupChecks.cleartextHost("https://gateway.example.com")).isNull();
		assertThat(MuleRunStartupChecks.cleartextHost("http://localhost:8080")).isNull();
		assertThat(MuleRunStartupChecks.cleartextHost("http://127.0.0.1:8080")).isNull();
		assertThat(MuleRunStartupChecks.cleartextHost("http://[::1]:8080")).isNull();
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class })
	static class TestApplication {

	}

}
