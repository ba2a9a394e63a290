package com.mulerun.autoconfigure;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionInterceptor;
import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.Timeouts;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunStructuredOutputException;
import com.mulerun.chat.interceptor.LoggingChatCompletionInterceptor;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MuleRunAutoConfiguration}.
 */
class MuleRunAutoConfigurationTests {

	static final String COMPLETION = """
			{"id":"c1","object":"chat.completion","created":1,"model":"gpt-5",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}]}
			""";

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
		server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
	}

	@Test
	void templateExistsWithOnlyTheApiKeySet() {
		this.contextRunner.withPropertyValues("mulerun.api-key=sk-only-key").run((context) -> {
			assertThat(context).hasSingleBean(ChatCompletionTemplate.class);
			ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
			assertThat(template.baseUrl()).isEqualTo("https://api.mulerun.com");
			assertThat(template.defaultModel()).isEqualTo("gpt-5");
		});
	}

	@Test
	void templateSendsTheConfiguredKeyModelDefaultsAndHeaders() {
		this.contextRunner
			.withPropertyValues("mulerun.api-key=sk-configured-key", "mulerun.base-url=" + server.baseUrl(),
					"mulerun.chat.model=claude-sonnet-4-5", "mulerun.chat.temperature=0.3",
					"mulerun.chat.metadata.team=search", "mulerun.chat.extra-body.top_k=40",
					"mulerun.http.default-headers.X-Team=search")
			.run((context) -> {
				ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
				assertThat(template.chat("Hello")).isEqualTo("Hi there");
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
					.withHeader("Authorization", equalTo("Bearer sk-configured-key"))
					.withHeader("X-Team", equalTo("search"))
					.withRequestBody(equalToJson("""
							{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hello"}],
							 "temperature":0.3,"metadata":{"team":"search"},"top_k":40}
							""")));
			});
	}

	@Test
	void optionsThatAreNotConfiguredAreNotSent() {
		this.contextRunner.withPropertyValues("mulerun.api-key=k", "mulerun.base-url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class)
					.create(ChatCompletionRequest.builder().userMessage("Hello").build());
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(
						equalToJson("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")));
			});
	}

	@Test
	void apiKeyFallsBackToTheEnvironmentVariable() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("systemEnvironmentLike",
						Map.of("MULERUN_API_KEY", "sk-from-environment"))))
			.withPropertyValues("mulerun.base-url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("Hello");
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization",
						equalTo("Bearer sk-from-environment")));
			});
	}

	@Test
	void templateBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ChatCompletionOperations.class);
			assertThat(context.getBean(ChatCompletionOperations.class)).isSameAs(context.getBean("userTemplate"));
		});
	}

	@Test
	void nothingIsConfiguredWhenDisabled() {
		this.contextRunner.withPropertyValues("mulerun.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatCompletionTemplate.class));
	}

	@Test
	void nothingIsConfiguredWithoutWebClient() {
		this.contextRunner.withPropertyValues("mulerun.api-key=k")
			.withClassLoader(new FilteredClassLoader(org.springframework.web.reactive.function.client.WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatCompletionTemplate.class));
	}

	@Test
	void loggingInterceptorIsRegisteredOnlyWhenEnabled() {
		this.contextRunner.withPropertyValues("mulerun.api-key=k")
			.run((context) -> assertThat(context).doesNotHaveBean(LoggingChatCompletionInterceptor.class));
		this.contextRunner
			.withPropertyValues("mulerun.api-key=k", "mulerun.logging.enabled=true",
					"mulerun.logging.include-bodies=true")
			.run((context) -> assertThat(context.getBean(LoggingChatCompletionInterceptor.class).isIncludeBodies())
				.isTrue());
	}

	@Test
	void interceptorBeansAreAppliedInOrder() {
		List<String> seen = new ArrayList<>();
		this.contextRunner.withPropertyValues("mulerun.api-key=k", "mulerun.base-url=" + server.baseUrl())
			.withBean("second", ChatCompletionInterceptor.class, () -> new RecordingInterceptor("second", 2, seen))
			.withBean("first", ChatCompletionInterceptor.class, () -> new RecordingInterceptor("first", 1, seen))
			.run((context) -> {
				context.getBean(ChatCompletionTemplate.class).chat("Hello");
				assertThat(seen).containsExactly("first", "second");
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
					.withRequestBody(matchingJsonPath("$.metadata.first", equalTo("1")))
					.withRequestBody(matchingJsonPath("$.metadata.second", equalTo("2"))));
			});
	}

	record RecordingInterceptor(String name, int order,
			List<String> seen) implements ChatCompletionInterceptor, Ordered {

		@Override
		public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
			this.seen.add(this.name);
			return chain.proceed(request.mutate().metadata(this.name, String.valueOf(this.order)).build(), options);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	@Test
	void customizersAreApplied() {
		this.contextRunner.withPropertyValues("mulerun.api-key=k", "mulerun.base-url=" + server.baseUrl())
			.withBean(ChatCompletionTemplateCustomizer.class, () -> (builder) -> builder.defaultModel("gemini-2.5-pro"))
			.run((context) -> assertThat(context.getBean(ChatCompletionTemplate.class).defaultModel())
				.isEqualTo("gemini-2.5-pro"));
	}

	@Test
	void propertiesBindDurationsAndDataSizes() {
		this.contextRunner
			.withPropertyValues("mulerun.api-key=k", "mulerun.http.response-timeout=30s",
					"mulerun.http.stream-idle-timeout=2m", "mulerun.http.stream-max-duration=30m",
					"mulerun.http.max-in-memory-size=10MB", "mulerun.http.max-event-size=32MB",
					"mulerun.retry.max-retries=5", "mulerun.retry.initial-backoff=250ms",
					"mulerun.chat.include-usage=false")
			.run((context) -> {
				MuleRunProperties properties = context.getBean(MuleRunProperties.class);
				assertThat(properties.getHttp().getResponseTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getHttp().getStreamIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getHttp().getStreamMaxDuration()).isEqualTo(Duration.ofMinutes(30));
				assertThat(properties.getHttp().getMaxInMemorySize()).isEqualTo(DataSize.ofMegabytes(10));
				assertThat(properties.getHttp().getMaxEventSize()).isEqualTo(DataSize.ofMegabytes(32));
				assertThat(properties.getRetry().getMaxRetries()).isEqualTo(5);
				assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.getChat().isIncludeUsage()).isFalse();
			});
	}

	@Test
	void structuredOutputModeAndRepairAttemptsComeFromTheProperties() {
		this.contextRunner
			.withPropertyValues("mulerun.api-key=k", "mulerun.base-url=" + server.baseUrl(),
					"mulerun.chat.structured.mode=json-object", "mulerun.chat.structured.repair-attempts=1")
			.run((context) -> {
				ChatCompletionTemplate template = context.getBean(ChatCompletionTemplate.class);
				ChatCompletionRequest request = ChatCompletionRequest.builder().userMessage("Hello").build();
				// the stub answers "Hi there", which is no JSON: one repair attempt, then
				// the failure
				assertThatExceptionOfType(MuleRunStructuredOutputException.class)
					.isThrownBy(() -> template.entity(request, Greeting.class))
					.withMessageContaining("after 1 repair attempt");
				server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
					.withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object"))));
			});
	}

	@Test
	void propertyDefaultsAreTheDocumentedOnes() {
		MuleRunProperties properties = Binder.get(new StandardEnvironment())
			.bindOrCreate("mulerun", Bindable.of(MuleRunProperties.class));
		assertThat(properties.getBaseUrl()).isEqualTo("https://api.mulerun.com");
		assertThat(properties.getChat().getModel()).isEqualTo("gpt-5");
		assertThat(properties.getHttp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getHttp().getResponseTimeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(properties.getHttp().getStreamIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.getHttp().getStreamMaxDuration()).isEqualTo(Timeouts.DEFAULTS.streamMaxDuration())
			.isNull();
		assertThat(properties.getRetry().getMaxRetries()).isEqualTo(2);
		assertThat(properties.getChat().getTemperature()).isNull();
		assertThat(properties.getBaseUrl()).isEqualTo(ChatCompletionTemplate.DEFAULT_BASE_URL);
		assertThat(properties.getCompletionsPath()).isEqualTo(ChatCompletionTemplate.DEFAULT_COMPLETIONS_PATH);
		assertThat(properties.getChat().getModel()).isEqualTo(ChatCompletionTemplate.DEFAULT_MODEL);
	}

	/**
	 * A structured answer.
	 *
	 * @param text the greeting
	 */
	record Greeting(String text) {
	}

	@Test
	void missingKeyFailsStartUpWithAnExplanation() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).hasRootCauseInstanceOf(MuleRunApiKeyMissingException.class);
			MuleRunApiKeyMissingException cause = (MuleRunApiKeyMissingException) rootCause(failure);
			FailureAnalysis analysis = new MuleRunApiKeyMissingFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("no API key is configured");
			assertThat(analysis.getAction()).contains("MULERUN_API_KEY").contains("mulerun.api-key");
			assertThat(cause.getMessage()).contains("mulerun.api-key");
		});
	}

	@Test
	void aRejectedKeySaysWhetherItCameFromThePropertyOrTheEnvironmentVariable() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided.\",\"code\":\"invalid_api_key\"}}")));
		this.contextRunner
			.withPropertyValues("mulerun.api-key=sk-from-property", "mulerun.base-url=" + server.baseUrl())
			.run((context) -> assertThatExceptionOfType(MuleRunAuthenticationException.class)
				.isThrownBy(() -> context.getBean(ChatCompletionOperations.class).chat("Hi"))
				.withMessageContaining("The API key from the property mulerun.api-key was rejected")
				.withMessageNotContaining("sk-from-property"));
		this.contextRunner
			.withPropertyValues("MULERUN_API_KEY=sk-from-environment", "mulerun.base-url=" + server.baseUrl())
			.run((context) -> assertThatExceptionOfType(MuleRunAuthenticationException.class)
				.isThrownBy(() -> context.getBean(ChatCompletionOperations.class).chat("Hi"))
				.withMessageContaining("The API key from the environment variable MULERUN_API_KEY was rejected")
				.withMessageNotContaining("sk-from-environment"));
	}

	@Test
	void apiKeyIsNotInToStringOfPropertiesOrTemplate() {
		this.contextRunner.withPropertyValues("mulerun.api-key=sk-never-printed-123456").run((context) -> {
			assertThat(context.getBean(MuleRunProperties.class).toString()).doesNotContain("sk-never-printed");
			assertThat(context.getBean(ChatCompletionTemplate.class).toString()).doesNotContain("sk-never-printed");
		});
	}

	@Test
	void actuatorSanitizesTheApiKeyAndProxyPassword() {
		this.contextRunner.withPropertyValues("mulerun.api-key=k").run((context) -> {
			SanitizingFunction function = context.getBean(SanitizingFunction.class);
			assertThat(function.apply(new SanitizableData(null, "mulerun.api-key", "sk-secret")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.apply(new SanitizableData(null, "MULERUN_API_KEY", "sk-secret")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.apply(new SanitizableData(null, "mulerun.apiKey", "sk-secret")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.apply(new SanitizableData(null, "mulerun.http.proxy.password", "pw")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.apply(new SanitizableData(null, "mulerun.base-url", "https://x")).getValue())
				.isEqualTo("https://x");
		});
	}

	@Test
	void actuatorSanitizingLeavesTheKeysOfOtherLibrariesToTheApplication() {
		this.contextRunner.withPropertyValues("mulerun.api-key=k").run((context) -> {
			SanitizingFunction function = context.getBean(SanitizingFunction.class);
			assertThat(function.apply(new SanitizableData(null, "stripe.api-key", "public-id")).getValue())
				.isEqualTo("public-id");
			assertThat(function.apply(new SanitizableData(null, "apiKey", "public-id")).getValue())
				.isEqualTo("public-id");
			assertThat(function.apply(new SanitizableData(null, "other.proxy.password", "pw")).getValue())
				.isEqualTo("pw");
		});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		ChatCompletionTemplate userTemplate() {
			return ChatCompletionTemplate.builder().apiKey("user-key").build();
		}

	}

}
