package com.mulerun.test;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunBadRequestException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunNotFoundException;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.error.MuleRunStreamErrorEventException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.util.function.Tuple2;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The mock server driven through the real {@link ChatCompletionTemplate} and, for the
 * exact wire format, a raw HTTP client.
 */
class MockMuleRunServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MockMuleRunServer server;

	private ChatCompletionTemplate template;

	@BeforeEach
	void startServer() {
		this.server = MockMuleRunServer.start();
		this.template = template(RetrySettings.none());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private ChatCompletionTemplate template(RetrySettings retrySettings) {
		return ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("sk-unit-test-key")
			.retrySettings(retrySettings)
			.build();
	}

	private static ChatCompletionRequest ask(String prompt) {
		return ChatCompletionRequest.builder().userMessage(prompt).build();
	}

	@Test
	void answersAPlainRequestWithAChatCompletionCountingWordsAsTokens() {
		this.server.whenAnyRequest().respondWithText("Hello, world!");

		ChatCompletion completion = this.template.create(ask("Say hello to the world"));

		assertThat(completion.content()).isEqualTo("Hello, world!");
		assertThat(completion.object()).isEqualTo("chat.completion");
		assertThat(completion.model()).isEqualTo("gpt-5");
		assertThat(completion.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
		Usage usage = completion.usage();
		assertThat(usage.promptTokens()).isEqualTo(5);
		assertThat(usage.completionTokens()).isEqualTo(4);
		assertThat(usage.totalTokens()).isEqualTo(9);
	}

	@Test
	void streamsTextWordByWordThroughTheTemplate() {
		this.server.whenAnyRequest().respondWithText("Streaming is fun");

		List<String> deltas = this.template.streamText(ask("Stream please")).collectList().block(TIMEOUT);

		assertThat(deltas).containsExactly("Streaming", " is", " fun");
	}

	@Test
	void streamsRoleChunkContentChunksFinishChunkUsageChunkAndDoneOnTheWire() {
		this.server.whenAnyRequest().respondWith(MockResponse.text("Hi there").withUsage(7, 2));

		List<String> events = rawEvents("""
				{"model":"gpt-5-mini","stream":true,"stream_options":{"include_usage":true},
				 "messages":[{"role":"user","content":"Hello"}]}""");

		assertThat(events).hasSize(6).last().isEqualTo("[DONE]");
		JsonNode role = JSON.readTree(events.get(0));
		assertThat(role.get("object").asString()).isEqualTo("chat.completion.chunk");
		assertThat(role.get("model").asString()).isEqualTo("gpt-5-mini");
		assertThat(role.at("/choices/0/delta/role").asString()).isEqualTo("assistant");
		assertThat(JSON.readTree(events.get(1)).at("/choices/0/delta/content").asString()).isEqualTo("Hi");
		assertThat(JSON.readTree(events.get(2)).at("/choices/0/delta/content").asString()).isEqualTo(" there");
		JsonNode finish = JSON.readTree(events.get(3));
		assertThat(finish.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
		assertThat(finish.at("/choices/0/delta").isEmpty()).isTrue();
		JsonNode usage = JSON.readTree(events.get(4));
		assertThat(usage.get("choices").isEmpty()).isTrue();
		assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(7);
		assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(2);
		assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(9);
		assertThat(events.subList(0, 5)).extracting((event) -> JSON.readTree(event).get("id").asString())
			.containsOnly(role.get("id").asString());
	}

	@Test
	void leavesTheUsageChunkOutWhenTheRequestDoesNotAskForIt() {
		this.server.whenAnyRequest().respondWithText("No usage here");

		List<String> events = rawEvents("""
				{"model":"gpt-5","stream":true,"messages":[{"role":"user","content":"Hello"}]}""");

		assertThat(events).hasSize(6).last().isEqualTo("[DONE]");
		assertThat(events).noneMatch((event) -> event.contains("\"usage\""));
	}

	@Test
	void streamsTheChosenChunkingWithADelayBeforeEachChunk() {
		this.server.whenAnyRequest()
			.respondWith(MockResponse.text("abcdefgh").chunkedByCharacters(3).withChunkDelay(Duration.ofMillis(40)));

		long start = System.nanoTime();
		List<String> deltas = this.template.streamText(ask("Spell")).collectList().block(TIMEOUT);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(deltas).containsExactly("abc", "def", "gh");
		// role, 3 content, finish, usage and [DONE]: seven events, each after 40 ms
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(7 * 40));
	}

	@Test
	void streamsExplicitChunksAsGivenAndAnswersTheirConcatenationWhenNotStreaming() {
		this.server.whenAnyRequest().respondWithChunks("Hel", "lo ", "there");

		assertThat(this.template.streamText(ask("Hi")).collectList().block(TIMEOUT)).containsExactly("Hel", "lo ",
				"there");
		assertThat(this.template.chat("Hi")).isEqualTo("Hello there");
	}

	@Test
	void reportsTheUsageOfAStreamInItsLastChunk() {
		this.server.whenAnyRequest().respondWithText("one two three");

		List<ChatCompletionChunk> chunks = this.template.stream(ask("Count to three")).collectList().block(TIMEOUT);

		Usage usage = chunks.get(chunks.size() - 1).usage();
		assertThat(usage.promptTokens()).isEqualTo(3);
		assertThat(usage.completionTokens()).isEqualTo(3);
		assertThat(usage.totalTokens()).isEqualTo(6);
	}

	@Test
	void answersWithAToolCallInOneBodyWhenNotStreaming() {
		this.server.whenAnyRequest().respondWithToolCall("get_weather", "{\"city\":\"Paris\"}");

		ChatCompletion completion = this.template.create(ask("Weather in Paris?"));

		assertThat(completion.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		List<ToolCall> calls = completion.choices().get(0).message().toolCallsOrEmpty();
		assertThat(calls).singleElement().isInstanceOfSatisfying(FunctionToolCall.class, (call) -> {
			assertThat(call.id()).isEqualTo("call_0_get_weather");
			assertThat(call.function().name()).isEqualTo("get_weather");
			assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
		});
	}

	@Test
	void streamsSeveralToolCallsInArgumentFragmentsThatAddUpToTheCalls() {
		this.server.whenAnyRequest()
			.respondWith(MockResponse
				.toolCalls(new MockToolCall("call_a", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
						MockToolCall.of("get_time", "{\"zone\":\"Europe/Paris\"}"))
				.withContent("Let me check.")
				.withArgumentFragmentSize(5));

		List<ChatCompletionChunk> chunks = this.template.stream(ask("Weather and time in Paris?"))
			.collectList()
			.block(TIMEOUT);
		ChatCompletion aggregate = this.template.streamAggregated(ask("Weather and time in Paris?")).block(TIMEOUT);

		long fragments = chunks.stream()
			.filter((chunk) -> !chunk.choices().isEmpty() && chunk.choices().get(0).delta().toolCalls() != null)
			.count();
		assertThat(fragments).isGreaterThan(6);
		assertThat(aggregate.content()).isEqualTo("Let me check.");
		assertThat(aggregate.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(aggregate.choices().get(0).message().toolCallsOrEmpty()).map(FunctionToolCall.class::cast)
			.extracting(FunctionToolCall::id, (call) -> call.function().name(), (call) -> call.function().arguments())
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("call_a", "get_weather",
							"{\"city\":\"Paris\",\"unit\":\"celsius\"}"),
					org.assertj.core.groups.Tuple.tuple("call_1_get_time", "get_time", "{\"zone\":\"Europe/Paris\"}"));
	}

	@Test
	void rateLimitedAnswerSurfacesAsRateLimitExceptionWithRetryAfter() {
		this.server.whenAnyRequest().respondWith(MockResponse.rateLimited(Duration.ofSeconds(2)));

		MuleRunRateLimitException error = catchThrowableOfType(MuleRunRateLimitException.class,
				() -> this.template.chat("Hi"));

		assertThat(error.statusCode()).isEqualTo(429);
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThat(error.errorCode()).isEqualTo("rate_limit_exceeded");
		assertThat(error.requestId()).startsWith("req_mock_");
	}

	@Test
	void serverErrorSurfacesAsServerExceptionOnAStreamToo() {
		this.server.whenAnyRequest().respondWith(MockResponse.serverError());

		assertThatExceptionOfType(MuleRunServerException.class).isThrownBy(() -> this.template.chat("Hi"))
			.withMessageContaining("HTTP 500 (server_error): The server had an error");
		assertThatExceptionOfType(MuleRunServerException.class)
			.isThrownBy(() -> this.template.streamText(ask("Hi")).blockLast(TIMEOUT));
	}

	@Test
	void answersInTurnSoThatARetryAfterAServerErrorSucceeds() {
		ChatCompletionTemplate retrying = template(
				RetrySettings.DEFAULTS.withInitialBackoff(Duration.ofMillis(1)).withMaxBackoff(Duration.ofMillis(5)));
		this.server.whenAnyRequest().respondWith(MockResponse.serverError(), MockResponse.text("Recovered"));

		assertThat(retrying.chat("Hi")).isEqualTo("Recovered");
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void openAiErrorShapeCarriesTypeCodeAndMessage() {
		this.server.whenAnyRequest()
			.respondWith(MockResponse.openAiError(400, "invalid_request_error", "context_length_exceeded",
					"This model's maximum context length is 128000 tokens."));

		MuleRunBadRequestException error = catchThrowableOfType(MuleRunBadRequestException.class,
				() -> this.template.chat("Hi"));

		assertThat(error.errorType()).isEqualTo("invalid_request_error");
		assertThat(error.errorCode()).isEqualTo("context_length_exceeded");
		assertThat(error.providerMessage()).isEqualTo("This model's maximum context length is 128000 tokens.");
	}

	@Test
	void errorWithARawBodyAndHeadersIsSentAsItIs() {
		this.server.whenAnyRequest()
			.respondWith(MockResponse.error(503, "upstream overloaded").withHeader("x-should-retry", "false"));

		MuleRunServerException error = catchThrowableOfType(MuleRunServerException.class,
				() -> this.template.chat("Hi"));

		assertThat(error.statusCode()).isEqualTo(503);
		assertThat(error.responseBody()).isEqualTo("upstream overloaded");
		assertThat(error.shouldRetryHeader()).isFalse();
	}

	@Test
	void closingTheConnectionMidStreamSurfacesAsStreamExceptionWithThePartialAnswer() {
		this.server.whenAnyRequest().respondWith(MockResponse.text("one two three four").failAfterChunks(3));
		List<String> received = new ArrayList<>();

		MuleRunStreamException error = catchThrowableOfType(MuleRunStreamException.class,
				() -> this.template.streamText(ask("Count")).doOnNext(received::add).blockLast(TIMEOUT));

		assertThat(received).containsExactly("one", " two");
		assertThat(error.chunksReceived()).isEqualTo(3);
		assertThat(error.partial().content()).isEqualTo("one two");
	}

	@Test
	void closingTheConnectionOfAPlainRequestSurfacesAsConnectionException() {
		this.server.whenAnyRequest().respondWith(MockResponse.text("never sent").failAfterChunks(0));

		assertThatExceptionOfType(MuleRunConnectionException.class).isThrownBy(() -> this.template.chat("Hi"));
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void waitsBeforeAnsweringWhenAskedTo() {
		this.server.whenAnyRequest().respondWith(MockResponse.text("late").withResponseDelay(Duration.ofMillis(300)));

		long start = System.nanoTime();
		String answer = this.template.chat("Hi");

		assertThat(answer).isEqualTo("late");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void errorEventMidStreamSurfacesAsStreamErrorException() {
		this.server.whenAnyRequest()
			.respondWith(MockResponse.text("one two three").streamErrorAfterChunks(2, "server_error", "Provider died"));

		assertThatExceptionOfType(MuleRunStreamErrorEventException.class)
			.isThrownBy(() -> this.template.streamText(ask("Count")).blockLast(TIMEOUT))
			.withMessageContaining("Provider died");
	}

	@Test
	void matchesOnModelOnTheLastUserMessageAndOnAPredicateWithTheFirstMatchWinning() {
		this.server.whenModel("claude-sonnet-4-5").respondWithText("from claude");
		this.server.whenLastUserMessageEquals("ping").respondWithText("pong");
		this.server.whenLastUserMessageContains("refund").andModel("gpt-5").respondWithText("refund policy");
		this.server.when((request) -> request.temperature() != null).respondWithText("with temperature");
		this.server.whenLastUserMessageContains("ping").respondWithText("never reached for ping");
		this.server.whenAnyRequest().respondWithText("fallback");

		assertThat(this.template.chat("ping")).isEqualTo("pong");
		assertThat(this.template.chat("ping me")).isEqualTo("never reached for ping");
		assertThat(this.template.chat("I want a refund")).isEqualTo("refund policy");
		assertThat(this.template.create(ask("ping").mutate().model("claude-sonnet-4-5").build()).content())
			.isEqualTo("from claude");
		assertThat(this.template.create(ask("hot").mutate().temperature(1.5).build()).content())
			.isEqualTo("with temperature");
		assertThat(this.template.chat("anything else")).isEqualTo("fallback");
	}

	@Test
	void matchesTheLastUserMessageNotAnEarlierOne() {
		this.server.whenLastUserMessageEquals("second").respondWithText("matched the last one");
		ChatCompletionRequest conversation = ChatCompletionRequest.builder()
			.messages(List.of(ChatMessage.system("Be brief"), ChatMessage.user("first"), ChatMessage.assistant("ok"),
					ChatMessage.user("second")))
			.build();

		assertThat(this.template.create(conversation).content()).isEqualTo("matched the last one");
	}

	@Test
	void computesTheAnswerFromTheRequestWhenAskedTo() {
		this.server.whenAnyRequest()
			.respondUsing((request) -> MockResponse
				.text("You said: " + MockMuleRunServer.lastUserMessageOf(request) + " to " + request.model()));

		assertThat(this.template.chat("good morning")).isEqualTo("You said: good morning to gpt-5");
	}

	@Test
	void failingResponderAnswersWithAServerErrorNamingTheFailure() {
		this.server.whenAnyRequest().respondUsing((request) -> {
			throw new IllegalStateException("boom");
		});

		assertThatExceptionOfType(MuleRunServerException.class).isThrownBy(() -> this.template.chat("Hi"))
			.withMessageContaining("A stub of the mock MuleRun server failed: java.lang.IllegalStateException: boom");
	}

	@Test
	void stubLimitedToOneAnswerGivesWayToTheNextMatchingStub() {
		Stub once = this.server.whenAnyRequest().respondWithText("first").once();
		this.server.whenAnyRequest().respondWithText("later");

		assertThat(this.template.chat("a")).isEqualTo("first");
		assertThat(this.template.chat("b")).isEqualTo("later");
		assertThat(this.template.chat("c")).isEqualTo("later");
		assertThat(once.matchCount()).isEqualTo(1);
	}

	@Test
	void capturesTypedRequestsRawBodiesAndHeadersAndRedactsTheKeyWhenPrinted() {
		this.server.whenAnyRequest().respondWithText("ok");

		this.template.chat("first question");
		this.template.streamText(ask("second question").mutate().model("gpt-4.1").build()).blockLast(TIMEOUT);

		assertThat(this.server.requests()).hasSize(2);
		assertThat(this.server.requests().get(0).stream()).isNull();
		assertThat(this.server.lastRequest().model()).isEqualTo("gpt-4.1");
		assertThat(this.server.lastRequest().stream()).isTrue();
		RecordedRequest last = this.server.lastRecordedRequest();
		assertThat(last.isStream()).isTrue();
		assertThat(last.lastUserMessage()).isEqualTo("second question");
		assertThat(last.path()).isEqualTo("/v1/chat/completions");
		assertThat(last.header("authorization")).isEqualTo("Bearer sk-unit-test-key");
		assertThat(last.header("Accept")).isEqualTo("text/event-stream");
		assertThat(this.server.requestBodies().get(0)).contains("\"content\":\"first question\"")
			.doesNotContain("\"stream\"");
		assertThat(last.toString()).contains("[redacted]")
			.contains("second question")
			.doesNotContain("sk-unit-test-key");
	}

	@Test
	void requestThatNoStubMatchesFailsWithANotFoundExceptionSayingWhy() {
		this.server.whenModel("gpt-4.1").respondWithText("only for gpt-4.1");

		MuleRunNotFoundException error = catchThrowableOfType(MuleRunNotFoundException.class,
				() -> this.template.chat("Where is my order?"));

		assertThat(error.errorCode()).isEqualTo("no_stub_matched");
		assertThat(error.getMessage())
			.contains(
					"No stub matched the request (model=gpt-5, stream=false, last user message=\"Where is my order?\")")
			.contains("[model is \"gpt-4.1\", answered 0]");
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void requestWithoutAnApiKeyIsRejectedLikeTheRealApi() {
		this.server.whenAnyRequest().respondWithText("never");
		ChatCompletionTemplate withoutKey = ChatCompletionTemplate.builder().baseUrl(this.server.baseUrl()).build();

		assertThatExceptionOfType(MuleRunAuthenticationException.class).isThrownBy(() -> withoutKey.chat("Hi"))
			.withMessageContaining("missing_api_key");
	}

	@Test
	void resetForgetsStubsAndRequestsButKeepsThePort() {
		this.server.whenAnyRequest().respondWithText("before reset");
		this.template.chat("Hi");
		int port = this.server.port();

		this.server.reset();

		assertThat(this.server.stubs()).isEmpty();
		assertThat(this.server.requests()).isEmpty();
		assertThat(this.server.port()).isEqualTo(port);
		assertThatExceptionOfType(MuleRunNotFoundException.class).isThrownBy(() -> this.template.chat("Hi"));
	}

	@Test
	void stoppedServerRefusesConnections() {
		this.server.stop();

		assertThat(this.server.isRunning()).isFalse();
		assertThatExceptionOfType(MuleRunConnectionException.class).isThrownBy(() -> this.template.chat("Hi"));
	}

	@Test
	void otherPathsAnswerNotFound() {
		Tuple2<Integer, String> answer = HttpClient.create()
			.get()
			.uri(this.server.baseUrl() + "/v1/models")
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> reactor.util.function.Tuples.of(response.status().code(), text)))
			.block(TIMEOUT);

		assertThat(answer.getT1()).isEqualTo(404);
		assertThat(answer.getT2()).contains("serves POST /v1/chat/completions only, not GET /v1/models");
	}

	private List<String> rawEvents(String requestJson) {
		String body = HttpClient.create()
			.headers((headers) -> headers.set("Authorization", "Bearer sk-raw").set("Content-Type", "application/json"))
			.post()
			.uri(this.server.baseUrl() + "/v1/chat/completions")
			.send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just(requestJson)))
			.responseSingle((response, content) -> {
				assertThat(response.responseHeaders().get("Content-Type")).startsWith("text/event-stream");
				return content.asString(StandardCharsets.UTF_8);
			})
			.block(TIMEOUT);
		assertThat(body).endsWith("\n\n");
		List<String> events = new ArrayList<>();
		for (String event : body.split("\n\n")) {
			assertThat(event).startsWith("data: ");
			events.add(event.substring("data: ".length()));
		}
		return events;
	}

}
