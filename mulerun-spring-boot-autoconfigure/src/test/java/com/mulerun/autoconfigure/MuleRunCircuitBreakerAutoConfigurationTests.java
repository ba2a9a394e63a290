package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MuleRunCircuitBreakerAutoConfiguration}: off by default, skips a
 * failing model when switched on, needs Resilience4j, rejects invalid settings naming the
 * property.
 */
class MuleRunCircuitBreakerAutoConfigurationTests {

	static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class,
				MuleRunCircuitBreakerAutoConfiguration.class))
		.withPropertyValues("mulerun.api-key=k", "mulerun.retry.max-retries=0",
				"mulerun.chat.fallback-models=claude-sonnet-4-5");

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
	void stubGpt5FailingAndClaudeAnswering() {
		server.resetAll();
		server.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5")))
			.willReturn(aResponse().withStatus(503)));
		server.stubFor(
				post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5")))
					.willReturn(aResponse().withHeader("Content-Type", "application/json")
						.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
	}

	private static void callThreeTimes(ChatCompletionTemplate template) {
		for (int call = 0; call < 3; call++) {
			assertThat(template.chat("Hello")).isEqualTo("Hi there");
		}
	}

	private static int callsTo(String model) {
		return server
			.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withRequestBody(matchingJsonPath("$.model", equalTo(model)))
				.build())
			.getCount();
	}

	@Test
	void offByDefault() {
		this.contextRunner.withPropertyValues("mulerun.base-url=" + server.baseUrl()).run((context) -> {
			assertThat(context).doesNotHaveBean("muleRunCircuitBreakerCustomizer");
			callThreeTimes(context.getBean(ChatCompletionTemplate.class));
			assertThat(callsTo("gpt-5")).isEqualTo(3);
		});
	}

	@Test
	void switchedOnAFailingModelIsSkipped() {
		this.contextRunner
			.withPropertyValues("mulerun.base-url=" + server.baseUrl(), "mulerun.circuit-breaker.enabled=true",
					"mulerun.circuit-breaker.failure-threshold=1", "mulerun.circuit-breaker.cool-down=10m")
			.run((context) -> {
				callThreeTimes(context.getBean(ChatCompletionTemplate.class));
				assertThat(callsTo("gpt-5")).isEqualTo(1);
				assertThat(callsTo("claude-sonnet-4-5")).isEqualTo(3);
			});
	}

	@Test
	void needsResilience4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
			.withPropertyValues("mulerun.base-url=" + server.baseUrl(), "mulerun.circuit-breaker.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatCompletionTemplate.class)
					.doesNotHaveBean("muleRunCircuitBreakerCustomizer");
				callThreeTimes(context.getBean(ChatCompletionTemplate.class));
				assertThat(callsTo("gpt-5")).isEqualTo(3);
			});
	}

	@Test
	void invalidThresholdFailsStartUpNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("mulerun.circuit-breaker.enabled=true", "mulerun.circuit-breaker.failure-threshold=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("mulerun.circuit-breaker.failure-threshold"));
	}

}
