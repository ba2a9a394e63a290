package com.mulerun.chat;

import com.mulerun.chat.auth.ApiKeyProvider;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Per-call credentials: {@link CallOptions#apiKey()} and an {@link ApiKeyProvider}
 * replace the configured key for one call only, concurrent calls never mix keys, and a
 * per-call key is printed nowhere.
 */
class ChatCompletionTemplateApiKeyTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final String CONFIGURED_KEY = "sk-configured-0123456789abcdefghij";

	private static final int TENANTS = 16;

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder()
		.model("gpt-5")
		.userMessage("Hi")
		.build();

	static WireMockServer server;

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40));
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	/**
	 * Every key answers with a completion and a stream whose text names the key it was
	 * called with.
	 */
	@BeforeEach
	void stubOneAnswerPerKey() {
		server.resetAll();
		stubAnswer(CONFIGURED_KEY, "configured");
		IntStream.range(0, TENANTS).forEach((i) -> stubAnswer(tenantKey(i), "tenant-" + i));
	}

	private static void stubAnswer(String key, String text) {
		server.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer " + key))
			.withHeader("Accept", equalTo("application/json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"c1","object":"chat.completion","model":"gpt-5","choices":[{"index":0,
					"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}]}""".formatted(text))));
		server.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer " + key))
			.withHeader("Accept", equalTo("text/event-stream"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"id":"c1","choices":[{"index":0,"delta":{"content":"%s"},"finish_reason":"stop"}]}

					data: [DONE]

					""".formatted(text))));
	}

	private static String tenantKey(int tenant) {
		return "sk-tenant-" + tenant + "-abcdefghijklmnopqrstuvwxyz";
	}

	private static ChatCompletionTemplateBuilder builder() {
		return ChatCompletionTemplate.builder().baseUrl(server.baseUrl()).retrySettings(RetrySettings.none());
	}

	private static CallOptions keyed(String key) {
		return CallOptions.builder().apiKey(key).build();
	}

	@Test
	void perCallKeyIsTheBearerOfThatCallOnly() {
		try (ChatCompletionTemplate template = builder().apiKey(CONFIGURED_KEY).build()) {
			assertThat(template.create(REQUEST, keyed(tenantKey(3))).content()).isEqualTo("tenant-3");
			assertThat(template.create(REQUEST).content()).isEqualTo("configured");
			assertThat(template.stream(REQUEST, keyed(tenantKey(4)))
				.map((chunk) -> chunk.choices().get(0).delta().text())
				.collectList()
				.block(BLOCK)).containsExactly("tenant-4");
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization",
				equalTo("Bearer " + tenantKey(3))));
		server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization",
				equalTo("Bearer " + CONFIGURED_KEY)));
		assertThat(server.getAllServeEvents()).allSatisfy(
				(event) -> assertThat(event.getRequest().getHeaders().getHeader("Authorization").values()).hasSize(1));
	}

	@Test
	void perCallKeyWorksWithoutAConfiguredKey() {
		try (ChatCompletionTemplate template = builder().build()) {
			assertThat(template.create(REQUEST, keyed(tenantKey(5))).content()).isEqualTo("tenant-5");
		}
	}

	@Test
	void concurrentCallsWithDifferentKeysNeverMixThem() {
		int calls = 200;
		try (ChatCompletionTemplate template = builder().apiKey(CONFIGURED_KEY).build()) {
			List<String> mismatches = new CopyOnWriteArrayList<>();
			Flux<Integer> results = Flux.range(0, calls).flatMap((call) -> {
				int tenant = call % TENANTS;
				Mono<String> answer = (call % 2 == 0)
						? template.createMono(REQUEST, keyed(tenantKey(tenant))).map(ChatCompletion::content)
						: template.stream(REQUEST, keyed(tenantKey(tenant)))
							.map((chunk) -> chunk.choices().get(0).delta().text())
							.single();
				return answer.doOnNext((text) -> {
					if (!text.equals("tenant-" + tenant)) {
						mismatches.add("call " + call + " with tenant " + tenant + " got " + text);
					}
				}).thenReturn(call);
			}, 32);
			StepVerifier.create(results.count()).expectNext((long) calls).expectComplete().verify(BLOCK);
			assertThat(mismatches).isEmpty();
		}
		assertThat(server.getAllServeEvents()).hasSize(calls);
	}

	@Test
	void providerReadsTheTenantFromTheReactorContext() {
		List<String> modelsAsked = new CopyOnWriteArrayList<>();
		ApiKeyProvider provider = (request, context) -> {
			modelsAsked.add(request.model());
			return Mono.justOrEmpty(context.<Integer>getOrEmpty("tenant"))
				.map(ChatCompletionTemplateApiKeyTests::tenantKey);
		};
		try (ChatCompletionTemplate template = builder().apiKey(CONFIGURED_KEY).apiKeyProvider(provider).build()) {
			StepVerifier.create(template.createMono(REQUEST).map(ChatCompletion::content))
				.expectNext("configured")
				.expectComplete()
				.verify(BLOCK);
			StepVerifier
				.create(template.createMono(REQUEST).map(ChatCompletion::content).contextWrite(Context.of("tenant", 7)))
				.expectNext("tenant-7")
				.expectComplete()
				.verify(BLOCK);
			StepVerifier
				.create(template.stream(REQUEST)
					.map((chunk) -> chunk.choices().get(0).delta().text())
					.contextWrite(Context.of("tenant", 8)))
				.expectNext("tenant-8")
				.expectComplete()
				.verify(BLOCK);
			StepVerifier
				.create(template.createMono(REQUEST, keyed(tenantKey(9)))
					.map(ChatCompletion::content)
					.contextWrite(Context.of("tenant", 7)))
				.expectNext("tenant-9")
				.expectComplete()
				.verify(BLOCK);
		}
		assertThat(modelsAsked).as("the provider is not asked when the call has its own key")
			.containsExactly("gpt-5", "gpt-5", "gpt-5");
	}

	@Test
	void providerWithoutAnswerAndNoConfiguredKeyFailsBeforeSending() {
		try (ChatCompletionTemplate template = builder().apiKeyProvider((request, context) -> Mono.empty()).build()) {
			StepVerifier.create(template.createMono(REQUEST))
				.expectErrorSatisfies((ex) -> assertThat(ex).isExactlyInstanceOf(MuleRunException.class)
					.hasMessageContaining("No API key")
					.hasMessageContaining("mulerun.api-key"))
				.verify(BLOCK);
		}
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void providerFailureReachesTheCallerAsMuleRunExceptionWithItsCause() {
		IllegalStateException vaultDown = new IllegalStateException("vault down");
		try (ChatCompletionTemplate template = builder().apiKey(CONFIGURED_KEY)
			.apiKeyProvider((request, context) -> Mono.error(vaultDown))
			.build()) {
			Throwable failure = catchThrowable(() -> template.create(REQUEST));
			assertThat(failure).isExactlyInstanceOf(MuleRunException.class)
				.hasMessageContaining("failed to resolve the API key")
				.hasCause(vaultDown);
		}
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void perCallKeyIsNotPrintedInOptionsErrorsOrObservations() {
		String key = tenantKey(11);
		CallOptions options = keyed(key);
		assertThat(options.toString()).doesNotContain(key).contains("apiKey=[redacted]");
		assertThat(options.mutate().build().apiKey()).isEqualTo(key);

		server.resetAll();
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + key
					+ "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
		List<Observation.Context> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context);
			}

		});
		Throwable failure;
		try (ChatCompletionTemplate template = builder().apiKey(CONFIGURED_KEY)
			.observationRegistry(registry)
			.observationIncludeContent(true)
			.build()) {
			failure = catchThrowable(() -> template.create(REQUEST, options));
		}
		assertThat(failure).isInstanceOf(MuleRunAuthenticationException.class);
		assertThat(failure.getMessage()).doesNotContain(key);
		assertThat(((MuleRunApiException) failure).responseBody()).doesNotContain(key);
		assertThat(((MuleRunApiException) failure).errorDetails().toString()).doesNotContain(key);
		assertThat(observed).isNotEmpty().allSatisfy((context) -> {
			List<KeyValue> values = new ArrayList<>();
			context.getLowCardinalityKeyValues().forEach(values::add);
			context.getHighCardinalityKeyValues().forEach(values::add);
			assertThat(values).isNotEmpty().noneMatch((value) -> value.getValue().contains(key));
			assertThat(String.valueOf(context)).doesNotContain(key);
		});
	}

	@Test
	void perCallKeyOfAnyShapeIsRedactedByValueInEchoedErrorBodies() {
		String key = "tenant42.Plain-Key_0123456789";
		server.resetAll();
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Unknown key " + key
					+ "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
		Throwable failure;
		try (ChatCompletionTemplate template = builder().apiKeyProvider((request, context) -> Mono.just(key)).build()) {
			failure = catchThrowable(() -> template.create(REQUEST));
		}
		assertThat(failure).isInstanceOf(MuleRunAuthenticationException.class);
		assertThat(failure.getMessage()).doesNotContain(key);
		assertThat(((MuleRunApiException) failure).responseBody()).doesNotContain(key);
		assertThat(((MuleRunApiException) failure).providerMessage()).doesNotContain(key);
	}

	@Test
	void blankPerCallKeyIsRejectedNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> CallOptions.builder().apiKey(" ").build())
			.withMessageContaining("apiKey");
		assertThat(CallOptions.builder().apiKey(null).build()).isEqualTo(CallOptions.NONE);
		assertThat(Map.of("options", CallOptions.NONE).toString()).contains("apiKey=null");
	}

}
