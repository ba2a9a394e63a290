package com.mulerun.chat.observation;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.ChatCompletionTemplateBuilder;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the observation of {@link ChatCompletionTemplate} calls against WireMock:
 * names, every key, errors, cancellation, the parent and child observations, and content
 * recording.
 */
class ChatCompletionObservationTests {

	static final String OBSERVATION = "gen_ai.client.operation";

	static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1715392980,"model":"gpt-5-2025-08-07",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"The secret completion text"},
			 "finish_reason":"stop"},
			 {"index":1,"message":{"role":"assistant","content":"The other secret completion"},
			 "finish_reason":"length"}],
			 "usage":{"prompt_tokens":10,"completion_tokens":6,"total_tokens":16,
			 "completion_tokens_details":{"reasoning_tokens":2},"prompt_tokens_details":{"cached_tokens":4}}}
			""";

	static final String STREAM = """
			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[{"index":0,"delta":{"content":"The secret "},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[{"index":0,"delta":{"content":"streamed text"},"finish_reason":"stop"}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5-mini","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

			data: [DONE]

			""";

	static final String RATE_LIMIT = """
			{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}
			""";

	WireMockServer server;

	TestObservationRegistry registry;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
		this.registry = TestObservationRegistry.create();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	ChatCompletionTemplateBuilder templateBuilder() {
		return ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("k")
			.retrySettings(RetrySettings.none())
			.observationRegistry(this.registry);
	}

	ChatCompletionTemplate template() {
		return templateBuilder().build();
	}

	static ChatCompletionRequest fullRequest() {
		return ChatCompletionRequest.builder()
			.model("gpt-5")
			.systemMessage("The secret system prompt")
			.userMessage("The secret user prompt")
			.temperature(0.5)
			.topP(0.9)
			.maxCompletionTokens(100)
			.frequencyPenalty(0.1)
			.presencePenalty(0.2)
			.stop("END", "STOP")
			.seed(42L)
			.n(2)
			.build();
	}

	void stubCompletion() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
	}

	void stubStream() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
	}

	void stubRateLimit() {
		this.server.stubFor(post("/v1/chat/completions").willReturn(
				aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(RATE_LIMIT)));
	}

	@Test
	void blockingCallIsObservedWithEveryLowAndHighCardinalityKey() {
		stubCompletion();
		template().create(fullRequest());
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(OBSERVATION, 1)
			.hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasContextualNameEqualTo("chat gpt-5")
			.doesNotHaveError()
			.doesNotHaveParentObservation()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "mulerun")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-5")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-5-2025-08-07")
			.hasLowCardinalityKeyValue("server.address", "localhost")
			.hasLowCardinalityKeyValue("server.port", Integer.toString(this.server.port()))
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.5")
			.hasHighCardinalityKeyValue("gen_ai.request.top_p", "0.9")
			.hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "100")
			.hasHighCardinalityKeyValue("gen_ai.request.frequency_penalty", "0.1")
			.hasHighCardinalityKeyValue("gen_ai.request.presence_penalty", "0.2")
			.hasHighCardinalityKeyValue("gen_ai.request.stop_sequences", "[\"END\",\"STOP\"]")
			.hasHighCardinalityKeyValue("gen_ai.request.seed", "42")
			.hasHighCardinalityKeyValue("gen_ai.request.choice.count", "2")
			.hasHighCardinalityKeyValue("gen_ai.request.stream", "false")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "chatcmpl-1")
			.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"stop\",\"length\"]")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "10")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "6")
			.hasHighCardinalityKeyValue("gen_ai.usage.reasoning.output_tokens", "2")
			.hasHighCardinalityKeyValue("gen_ai.usage.cache_read.input_tokens", "4")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.response.time_to_first_chunk")
			.doesNotHaveHighCardinalityKeyValueWithKey("mulerun.cancelled")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.input.messages")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.output.messages");
	}

	@Test
	void highCardinalityKeysWithoutValuesAreLeftOut() {
		stubCompletion();
		template().create(ChatCompletionRequest.builder().userMessage("Hi").n(1).build());
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasContextualNameEqualTo("chat gpt-5")
			.satisfies((context) -> assertThat(context.getHighCardinalityKeyValues().stream().map(KeyValue::getKey))
				.containsExactlyInAnyOrder("gen_ai.request.stream", "gen_ai.response.id",
						"gen_ai.response.finish_reasons", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
						"gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.cache_read.input_tokens"));
	}

	@Test
	void monoCallIsObservedOnceItCompletes() {
		stubCompletion();
		StepVerifier.create(template().createMono(ChatCompletionRequest.builder().userMessage("Hi").build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasBeenStopped()
			.hasContextualNameEqualTo("chat gpt-5")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-5-2025-08-07")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("gen_ai.request.stream", "false")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "10");
	}

	@Test
	void observationStartsOnlyWhenTheCallIsSubscribed() {
		stubCompletion();
		ChatCompletionTemplate template = template();
		Mono<ChatCompletion> mono = template.createMono(ChatCompletionRequest.builder().userMessage("Hi").build());
		Flux<ChatCompletionChunk> flux = template.stream(ChatCompletionRequest.builder().userMessage("Hi").build());
		assertThat(mono).isNotNull();
		assertThat(flux).isNotNull();
		assertThat(this.registry).doesNotHaveAnyObservation();
	}

	@Test
	void streamIsObservedWithItsAggregateAndTimeToFirstChunk() {
		stubStream();
		StepVerifier
			.create(template()
				.stream(ChatCompletionRequest.builder().model("gpt-5-mini").userMessage("Hi").temperature(0.3).build()))
			.expectNextCount(4)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(OBSERVATION, 1)
			.hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasBeenStopped()
			.hasContextualNameEqualTo("chat gpt-5-mini")
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "mulerun")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-5-mini")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-5-mini")
			.hasLowCardinalityKeyValue("server.address", "localhost")
			.hasLowCardinalityKeyValue("server.port", Integer.toString(this.server.port()))
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.3")
			.hasHighCardinalityKeyValue("gen_ai.request.stream", "true")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "c1")
			.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"stop\"]")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "5")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "2")
			.hasHighCardinalityKeyValueWithKey("gen_ai.response.time_to_first_chunk")
			.doesNotHaveHighCardinalityKeyValueWithKey("mulerun.cancelled")
			.satisfies((context) -> {
				ChatCompletionObservationContext chatContext = (ChatCompletionObservationContext) context;
				assertThat(chatContext.isStreaming()).isTrue();
				assertThat(chatContext.getChunkCount()).isEqualTo(4);
				assertThat(chatContext.getChunkIntervals()).hasSize(3);
				assertThat(chatContext.getTimeToFirstChunk()).isPositive();
				assertThat(chatContext.getResponse().content()).isEqualTo("The secret streamed text");
				double seconds = Double
					.parseDouble(context.getHighCardinalityKeyValue("gen_ai.response.time_to_first_chunk").getValue());
				assertThat(seconds).isPositive().isLessThan(10);
			});
	}

	@Test
	void failedCallRecordsTheErrorAndItsType() {
		stubRateLimit();
		assertThatExceptionOfType(MuleRunRateLimitException.class)
			.isThrownBy(() -> template().create(ChatCompletionRequest.builder().userMessage("Hi").build()));
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasBeenStopped()
			.hasError()
			.hasLowCardinalityKeyValue("error.type", "MuleRunRateLimitException")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-5")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "none")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.response.id")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.usage.input_tokens")
			.doesNotHaveHighCardinalityKeyValueWithKey("mulerun.cancelled");
	}

	@Test
	void failedStreamRecordsTheErrorAndItsType() {
		stubRateLimit();
		StepVerifier.create(template().stream(ChatCompletionRequest.builder().userMessage("Hi").build()))
			.expectError(MuleRunRateLimitException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(MuleRunRateLimitException.class)
			.backToContext()
			.hasLowCardinalityKeyValue("error.type", "MuleRunRateLimitException")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "none")
			.hasHighCardinalityKeyValue("gen_ai.request.stream", "true")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.response.time_to_first_chunk");
	}

	@Test
	void cancelledStreamIsRecordedWithoutErrorAndWithTheUsageSeenSoFar() {
		StringBuilder body = new StringBuilder();
		body.append("data: {\"id\":\"c9\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5\",")
			.append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A\"}}],")
			.append("\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1,\"total_tokens\":8}}\n\n");
		for (int i = 0; i < 400; i++) {
			body.append("data: {\"id\":\"c9\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5\",")
				.append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more text\"}}]}\n\n");
		}
		body.append("data: [DONE]\n\n");
		this.server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(body.toString())
				.withChunkedDribbleDelay(100, 10000)));
		StepVerifier.create(template().stream(ChatCompletionRequest.builder().userMessage("Hi").build()).take(1))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasBeenStopped()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-5")
			.hasHighCardinalityKeyValue("mulerun.cancelled", "true")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "c9")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "7")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "1")
			.hasHighCardinalityKeyValueWithKey("gen_ai.response.time_to_first_chunk")
			.satisfies((context) -> {
				ChatCompletionObservationContext chatContext = (ChatCompletionObservationContext) context;
				assertThat(chatContext.isCancelled()).isTrue();
				assertThat(chatContext.getChunkCount()).isEqualTo(1);
			});
	}

	@Test
	void cancelledMonoIsRecordedWithoutError() {
		this.server.stubFor(post("/v1/chat/completions").willReturn(
				aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION).withFixedDelay(10000)));
		StepVerifier.create(template().createMono(ChatCompletionRequest.builder().userMessage("Hi").build()))
			.expectSubscription()
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasBeenStopped()
			.doesNotHaveError()
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "none")
			.hasHighCardinalityKeyValue("mulerun.cancelled", "true");
	}

	@Test
	void httpClientObservationOfTheWebClientIsAChildOfTheCallObservation() {
		stubCompletion();
		ChatCompletionTemplate template = templateBuilder()
			.webClientBuilder(WebClient.builder().observationRegistry(this.registry))
			.build();
		template.create(ChatCompletionRequest.builder().userMessage("Hi").build());
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("http.client.requests", 1)
			.hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasParentObservationContextSatisfying((parent) -> {
				assertThat(parent.getName()).isEqualTo(OBSERVATION);
				assertThat(parent).isInstanceOf(ChatCompletionObservationContext.class);
			});
	}

	@Test
	void httpClientObservationOfAStreamIsAChildOfTheCallObservation() {
		stubStream();
		ChatCompletionTemplate template = templateBuilder()
			.webClientBuilder(WebClient.builder().observationRegistry(this.registry))
			.build();
		StepVerifier.create(template.stream(ChatCompletionRequest.builder().userMessage("Hi").build()))
			.expectNextCount(4)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(this.registry).hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasParentObservationContextSatisfying((parent) -> assertThat(parent.getName()).isEqualTo(OBSERVATION));
	}

	@Test
	void observationInTheReactorContextIsTheParent() {
		stubCompletion();
		Observation parent = Observation.start("user.operation", this.registry);
		StepVerifier
			.create(template().createMono(ChatCompletionRequest.builder().userMessage("Hi").build())
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent)))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		parent.stop();
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION).that().hasParentObservationEqualTo(parent);
	}

	@Test
	void observationInTheReactorContextIsTheParentOfAStream() {
		stubStream();
		Observation parent = Observation.start("user.operation", this.registry);
		StepVerifier
			.create(template().stream(ChatCompletionRequest.builder().userMessage("Hi").build())
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent)))
			.expectNextCount(4)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		parent.stop();
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION).that().hasParentObservationEqualTo(parent);
	}

	@Test
	void blockingCallInAnObservationScopeIsItsChild() {
		stubCompletion();
		ChatCompletionTemplate template = template();
		Observation parent = Observation.createNotStarted("user.operation", this.registry);
		parent.observe(() -> template.create(ChatCompletionRequest.builder().userMessage("Hi").build()));
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION).that().hasParentObservationEqualTo(parent);
	}

	@Test
	void noPromptOrCompletionTextIsRecordedUnlessContentRecordingIsOn() {
		stubCompletion();
		template().create(fullRequest());
		stubStream();
		template().stream(ChatCompletionRequest.builder().userMessage("The secret user prompt").build())
			.blockLast(Duration.ofSeconds(10));
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo(OBSERVATION, 2)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts).allSatisfy((context) -> {
				KeyValues all = context.getAllKeyValues();
				assertThat(all.stream().map(KeyValue::getValue)).noneMatch((value) -> value.contains("secret"));
				assertThat(context.getContextualName()).doesNotContain("secret");
			}));
	}

	@Test
	void contentRecordingAddsInputAndOutputMessagesAsJson() {
		stubCompletion();
		templateBuilder().observationIncludeContent(true).build().create(fullRequest());
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasHighCardinalityKeyValue("gen_ai.input.messages",
					"[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"The secret system prompt\"}]},"
							+ "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"The secret user prompt\"}]}]")
			.hasHighCardinalityKeyValue("gen_ai.output.messages",
					"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"The secret completion text\"}],"
							+ "\"finish_reason\":\"stop\"},"
							+ "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"The other secret completion\"}],"
							+ "\"finish_reason\":\"length\"}]");
	}

	@Test
	void contentRecordingOfAStreamRecordsTheAggregatedCompletion() {
		stubStream();
		templateBuilder().observationIncludeContent(true)
			.build()
			.stream(ChatCompletionRequest.builder().userMessage("Hi").build())
			.blockLast(Duration.ofSeconds(10));
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION)
			.that()
			.hasHighCardinalityKeyValue("gen_ai.output.messages",
					"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"The secret streamed text\"}],"
							+ "\"finish_reason\":\"stop\"}]");
	}

	@Test
	void customConventionReplacesNamesAndKeys() {
		stubCompletion();
		ChatCompletionObservationConvention convention = new DefaultChatCompletionObservationConvention() {

			@Override
			public String getName() {
				return "custom.chat";
			}

			@Override
			protected KeyValue providerName(ChatCompletionObservationContext context) {
				return KeyValue.of("gen_ai.provider.name", "openai");
			}

		};
		ChatCompletion completion = templateBuilder().observationConvention(convention)
			.build()
			.create(ChatCompletionRequest.builder().userMessage("Hi").build());
		assertThat(completion.id()).isEqualTo("chatcmpl-1");
		assertThat(this.registry).hasObservationWithNameEqualTo("custom.chat")
			.that()
			.hasContextualNameEqualTo("chat gpt-5")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat");
	}

	@Test
	void documentationDeclaresEveryKeyTheDefaultConventionRecords() {
		stubCompletion();
		templateBuilder().observationIncludeContent(true).build().create(fullRequest());
		List<String> low = List.of(ChatCompletionObservationDocumentation.CHAT_COMPLETION.getLowCardinalityKeyNames())
			.stream()
			.map((keyName) -> keyName.asString())
			.toList();
		List<String> high = List.of(ChatCompletionObservationDocumentation.CHAT_COMPLETION.getHighCardinalityKeyNames())
			.stream()
			.map((keyName) -> keyName.asString())
			.toList();
		assertThat(ChatCompletionObservationDocumentation.CHAT_COMPLETION.getDefaultConvention())
			.isEqualTo(DefaultChatCompletionObservationConvention.class);
		assertThat(this.registry).hasObservationWithNameEqualTo(OBSERVATION).that().satisfies((context) -> {
			assertThat(context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
				.containsExactlyInAnyOrderElementsOf(low);
			assertThat(high).containsAll(context.getHighCardinalityKeyValues().stream().map(KeyValue::getKey).toList());
		});
	}

	@Test
	void noopRegistryLeavesCallsUndecorated() {
		stubCompletion();
		ChatCompletion completion = ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("k")
			.retrySettings(RetrySettings.none())
			.build()
			.create(ChatCompletionRequest.builder().userMessage("Hi").build());
		assertThat(completion.id()).isEqualTo("chatcmpl-1");
		assertThat(this.registry).doesNotHaveAnyObservation();
	}

}
