package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link MuleRunActuatorAutoConfiguration}: the health indicator follows the
 * outcome of the application's calls without making any, the info contributor shows the
 * configuration but never the key, both can be switched off and neither exists without
 * Actuator.
 */
class MuleRunActuatorAutoConfigurationTests {

	private static final String KEY = "sk-actuator-0123456789abcdefghij";

	static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class,
				MuleRunActuatorAutoConfiguration.class))
		.withPropertyValues("mulerun.api-key=" + KEY, "mulerun.retry.max-retries=0");

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void resetServer() {
		server.resetAll();
	}

	private static void answer(String model, int status) {
		server
			.stubFor(
					post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo(model)))
						.willReturn((status == 200)
								? aResponse().withHeader("Content-Type", "application/json")
									.withBody(MuleRunAutoConfigurationTests.COMPLETION)
								: aResponse().withStatus(status)));
	}

	private static void call(ChatCompletionTemplate template, String model) {
		catchThrowable(() -> template.create(ChatCompletionRequest.builder().model(model).userMessage("Hi").build()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> model(Health health, String model) {
		return ((Map<String, Map<String, Object>>) health.getDetails().get("models")).get(model);
	}

	@Test
	void healthFollowsTheOutcomeOfTheApplicationsOwnCalls() {
		this.contextRunner.withPropertyValues("mulerun.base-url=" + server.baseUrl()).run((context) -> {
			HealthIndicator indicator = context.getBean("muleRunHealthIndicator", HealthIndicator.class);
			ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(server.getAllServeEvents()).as("health costs no API call").isEmpty();

			answer("gpt-5", 200);
			answer("claude-sonnet-4-5", 503);
			call(template, "gpt-5");
			call(template, "claude-sonnet-4-5");
			call(template, "claude-sonnet-4-5");
			assertThat(indicator.health().getStatus()).as("two failures in a row").isEqualTo(Status.UP);
			call(template, "claude-sonnet-4-5");
			Health degraded = indicator.health();
			assertThat(degraded.getStatus()).isEqualTo(MuleRunHealthIndicator.DEGRADED);
			assertThat(model(degraded, "claude-sonnet-4-5")).containsEntry("status", "DEGRADED")
				.containsEntry("consecutiveFailures", 3)
				.containsEntry("lastError", "MuleRunServerException (HTTP 503)");
			assertThat(model(degraded, "gpt-5")).containsEntry("status", "UP").containsKey("lastSuccess");

			answer("gpt-5", 401);
			call(template, "gpt-5");
			Health down = indicator.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("reason", "The API key was rejected (HTTP 401)");

			answer("claude-sonnet-4-5", 200);
			call(template, "claude-sonnet-4-5");
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(indicator.health().toString()).doesNotContain(KEY);
			assertThat(server.getAllServeEvents()).hasSize(6);
		});
	}

	@Test
	void infoShowsTheConfigurationButNeverTheKey() {
		this.contextRunner
			.withPropertyValues("mulerun.base-url=https://gateway.example.com", "mulerun.chat.model=gpt-5-mini",
					"mulerun.chat.fallback-models=claude-sonnet-4-5,gemini-2.5-pro")
			.run((context) -> {
				Info.Builder builder = new Info.Builder();
				context.getBean("muleRunInfoContributor", InfoContributor.class).contribute(builder);
				Info info = builder.build();
				assertThat(info.get("mulerun")).isInstanceOf(Map.class);
				@SuppressWarnings("unchecked")
				Map<String, Object> mulerun = (Map<String, Object>) info.get("mulerun");
				assertThat(mulerun).containsEntry("baseUrl", "https://gateway.example.com")
					.containsEntry("defaultModel", "gpt-5-mini")
					.containsEntry("fallbackModels", List.of("claude-sonnet-4-5", "gemini-2.5-pro"))
					.containsKey("version");
				assertThat(info.toString()).doesNotContain(KEY);
			});
	}

	@Test
	void healthAndInfoCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.health.mulerun.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MuleRunHealthIndicator.class).doesNotHaveBean(ModelOutcomes.class);
			assertThat(context).hasSingleBean(MuleRunInfoContributor.class);
		});
		this.contextRunner.withPropertyValues("management.info.mulerun.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MuleRunInfoContributor.class);
			assertThat(context).hasSingleBean(MuleRunHealthIndicator.class);
		});
	}

	@Test
	void nothingIsConfiguredWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, InfoContributor.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatCompletionTemplate.class);
				assertThat(context).doesNotHaveBean(MuleRunHealthIndicator.class)
					.doesNotHaveBean(ModelOutcomes.class)
					.doesNotHaveBean(MuleRunInfoContributor.class);
			});
	}

	@Test
	void nothingIsConfiguredWithoutTheTemplate() {
		this.contextRunner.withPropertyValues("mulerun.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MuleRunHealthIndicator.class)
				.doesNotHaveBean(MuleRunInfoContributor.class));
	}

}
