package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.auth.ApiKeyProvider;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.MapPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-tenant and multi-model parts of {@link MuleRunAutoConfiguration}: an
 * {@link ApiKeyProvider} bean, fallback models and connection details.
 */
class MuleRunTenantAutoConfigurationTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	static WireMockServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class));

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
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
	}

	@Test
	void apiKeyProviderBeanMakesTheConfiguredKeyOptionalAndResolvesEachCall() {
		ApiKeyProvider provider = (request, context) -> Mono
			.just("sk-tenant-" + context.getOrDefault("tenant", "none"));
		this.contextRunner.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.withBean(ApiKeyProvider.class, () -> provider)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
				template.createMono(ChatCompletionRequest.builder().userMessage("Hi").build())
					.contextWrite(Context.of("tenant", "acme"))
					.block(BLOCK);
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization",
						equalTo("Bearer sk-tenant-acme")));
			});
	}

	@Test
	void fallbackModelsPropertyReachesTheTemplate() {
		server.resetAll();
		server.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5")))
			.willReturn(aResponse().withStatus(503)));
		server.stubFor(
				post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5")))
					.willReturn(aResponse().withHeader("Content-Type", "application/json")
						.withBody(MuleRunAutoConfigurationTests.COMPLETION)));
		this.contextRunner
			.withPropertyValues("mulerun.api-key=k", "mulerun.base-url=" + server.baseUrl(),
					"mulerun.retry.max-retries=0", "mulerun.chat.fallback-models=claude-sonnet-4-5,gemini-2.5-pro")
			.run((context) -> {
				ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
				assertThat(template.fallbackModels()).containsExactly("claude-sonnet-4-5", "gemini-2.5-pro");
				assertThat(template.chat("Hello")).isEqualTo("Hi there");
				server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
			});
	}

	@Test
	void connectionDetailsComeFromThePropertiesByDefault() {
		this.contextRunner
			.withPropertyValues("mulerun.api-key=sk-from-properties", "mulerun.base-url=" + server.baseUrl())
			.run((context) -> {
				MuleRunConnectionDetails details = context.getBean(MuleRunConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesMuleRunConnectionDetails.class);
				assertThat(details.getBaseUrl()).isEqualTo(server.baseUrl());
				assertThat(details.getApiKey()).isEqualTo("sk-from-properties");
				assertThat(details.toString()).doesNotContain("sk-from-properties");
			});
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("env", Map.of("MULERUN_API_KEY", "sk-from-environment"))))
			.run((context) -> assertThat(context.getBean(MuleRunConnectionDetails.class).getApiKey())
				.isEqualTo("sk-from-environment"));
	}

	@Test
	void connectionDetailsBeanReplacesThePropertiesForBaseUrlAndKey() {
		MuleRunConnectionDetails details = new MuleRunConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return server.baseUrl();
			}

			@Override
			public String getApiKey() {
				return "sk-from-connection-details";
			}

		};
		this.contextRunner
			.withPropertyValues("mulerun.api-key=sk-from-properties", "mulerun.base-url=https://unused.invalid")
			.withBean(MuleRunConnectionDetails.class, () -> details)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesMuleRunConnectionDetails.class);
				ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
				assertThat(template.baseUrl()).isEqualTo(server.baseUrl());
				assertThat(template.chat("Hello")).isEqualTo("Hi there");
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization",
						equalTo("Bearer sk-from-connection-details")));
			});
	}

	@Test
	void connectionDetailsWithoutKeyAndNoProviderFailStartUp() {
		MuleRunConnectionDetails details = new MuleRunConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return server.baseUrl();
			}

			@Override
			public @Nullable String getApiKey() {
				return null;
			}

		};
		this.contextRunner.withPropertyValues("mulerun.api-key=sk-ignored")
			.withBean(MuleRunConnectionDetails.class, () -> details)
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(MuleRunApiKeyMissingException.class));
	}

	@Test
	void missingKeyAndNoProviderExplainsBothWays() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MuleRunApiKeyMissingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("no ApiKeyProvider bean");
			assertThat(analysis.getAction()).contains("mulerun.api-key").contains("ApiKeyProvider");
		});
	}

}
