package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunBadRequestException;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunQuotaExceededException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.http.ModelFallback;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ReasoningEffort;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Model fallback: which failures send the same request to the next model, for single
 * responses and for streams before their first chunk, what the caller gets when every
 * model fails, and what the observation records.
 */
class ChatCompletionTemplateFallbackTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder()
		.model("gpt-5")
		.userMessage("Hi")
		.temperature(0.5)
		.build();

	private static final List<String> FALLBACKS = List.of("claude-sonnet-4-5", "gemini-2.5-pro");

	static WireMockServer server;

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
	void reset() {
		server.resetAll();
	}

	private static ChatCompletionTemplateBuilder builder() {
		return ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.apiKey("sk-test-0123456789abcdefghij")
			.retrySettings(RetrySettings.none())
			.fallbackModels(FALLBACKS);
	}

	private static void stub(String model, ResponseDefinitionBuilder response) {
		server.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo(model)))
			.willReturn(response));
	}

	private static ResponseDefinitionBuilder error(int status, String type, String code) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"failed with " + status + "\",\"type\":\"" + type + "\",\"code\":\""
					+ code + "\"}}");
	}

	private static ResponseDefinitionBuilder answer(String model) {
		return aResponse().withHeader("Content-Type", "application/json")
			.withBody("""
					{"id":"c1","object":"chat.completion","model":"%s","choices":[{"index":0,
					"message":{"role":"assistant","content":"from %s"},"finish_reason":"stop"}]}""".formatted(model,
					model));
	}

	private static ResponseDefinitionBuilder events(String body) {
		return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	private static String streamOf(String model) {
		return """
				data: {"id":"c1","model":"%s","choices":[{"index":0,"delta":{"content":"from %s"}}]}

				data: {"id":"c1","model":"%s","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

				data: [DONE]

				""".formatted(model, model, model);
	}

	private static List<String> modelsSent() {
		List<ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents());
		java.util.Collections.reverse(events);
		return events.stream()
			.map((event) -> TemplateTestSupport.MAPPER.readTree(event.getRequest().getBodyAsString()))
			.map((body) -> body.get("model").asString())
			.toList();
	}

	@Test
	void serverErrorSendsTheSameRequestToTheNextModel() {
		stub("gpt-5", error(503, "server_error", "unavailable"));
		stub("claude-sonnet-4-5", answer("claude-sonnet-4-5"));
		try (ChatCompletionTemplate template = builder().build()) {
			ChatCompletion completion = template.create(REQUEST);
			assertThat(completion.model()).isEqualTo("claude-sonnet-4-5");
			assertThat(completion.content()).isEqualTo("from claude-sonnet-4-5");
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "claude-sonnet-4-5");
		JsonNode second = TemplateTestSupport.MAPPER
			.readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
		assertThat(second.get("temperature").asDouble()).as("other fields are sent unchanged").isEqualTo(0.5);
		assertThat(second.get("messages").get(0).get("content").asString()).isEqualTo("Hi");
	}

	@Test
	void aPerModelOverrideChangesTheRequestOnlyForThatFallbackModel() {
		stub("gpt-5", error(503, "server_error", "unavailable"));
		stub("claude-sonnet-4-5", error(529, "overloaded_error", "overloaded"));
		stub("gemini-2.5-pro", answer("gemini-2.5-pro"));
		ChatCompletionRequest request = REQUEST.mutate().reasoningEffort(ReasoningEffort.HIGH).build();
		try (ChatCompletionTemplate template = builder()
			.fallbackOverride("claude-sonnet-4-5", (claude) -> claude.mutate().reasoningEffort(null).build())
			.build()) {
			assertThat(template.create(request).model()).isEqualTo("gemini-2.5-pro");
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "claude-sonnet-4-5", "gemini-2.5-pro");
		List<ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents());
		java.util.Collections.reverse(events);
		List<JsonNode> bodies = events.stream()
			.map((event) -> TemplateTestSupport.MAPPER.readTree(event.getRequest().getBodyAsString()))
			.toList();
		assertThat(bodies.get(0).has("reasoning_effort")).as("the request as built").isTrue();
		assertThat(bodies.get(1).has("reasoning_effort")).as("claude, overridden").isFalse();
		assertThat(bodies.get(1).get("temperature").asDouble()).isEqualTo(0.5);
		assertThat(bodies.get(2).get("reasoning_effort").asString()).as("gemini, unchanged").isEqualTo("high");
	}

	@Test
	void overloadedRateLimitedMissingModelAndConnectionFailuresFallBack() {
		stub("gpt-5", error(529, "overloaded_error", "overloaded"));
		stub("claude-sonnet-4-5", error(429, "rate_limit_error", "rate_limit_exceeded"));
		stub("gemini-2.5-pro", error(404, "invalid_request_error", "model_not_found"));
		stub("gpt-5-mini", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		stub("gpt-4.1", answer("gpt-4.1"));
		CallOptions options = CallOptions.builder()
			.fallbackModels(List.of("claude-sonnet-4-5", "gemini-2.5-pro", "gpt-5-mini", "gpt-4.1"))
			.build();
		try (ChatCompletionTemplate template = builder().build()) {
			StepVerifier.create(template.createMono(REQUEST, options).map(ChatCompletion::model))
				.expectNext("gpt-4.1")
				.expectComplete()
				.verify(BLOCK);
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "claude-sonnet-4-5", "gemini-2.5-pro", "gpt-5-mini",
				"gpt-4.1");
	}

	@Test
	void quotaBadRequestAndAuthenticationErrorsDoNotFallBack() {
		stub("claude-sonnet-4-5", answer("claude-sonnet-4-5"));
		try (ChatCompletionTemplate template = builder().build()) {
			stub("gpt-5", error(429, "insufficient_quota", "insufficient_quota"));
			assertThat(catchThrowable(() -> template.create(REQUEST)))
				.isInstanceOf(MuleRunQuotaExceededException.class);
			stub("gpt-5", error(400, "invalid_request_error", "invalid_value"));
			assertThat(catchThrowable(() -> template.create(REQUEST))).isInstanceOf(MuleRunBadRequestException.class);
			stub("gpt-5", error(401, "invalid_request_error", "invalid_api_key"));
			assertThat(catchThrowable(() -> template.create(REQUEST)))
				.isInstanceOf(MuleRunAuthenticationException.class);
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "gpt-5", "gpt-5");
	}

	@Test
	void everyModelFailingGivesTheLastErrorWithTheEarlierOnesSuppressed() {
		stub("gpt-5", error(503, "server_error", "unavailable"));
		stub("claude-sonnet-4-5", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		stub("gemini-2.5-pro", error(529, "overloaded_error", "overloaded"));
		try (ChatCompletionTemplate template = builder().build()) {
			StepVerifier.create(template.createMono(REQUEST)).expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(MuleRunServerException.class);
				assertThat(((MuleRunApiException) failure).statusCode()).isEqualTo(529);
				assertThat(failure.getSuppressed()).hasSize(2);
				assertThat(((MuleRunApiException) failure.getSuppressed()[0]).statusCode()).isEqualTo(503);
				assertThat(failure.getSuppressed()[1]).isInstanceOf(MuleRunConnectionException.class);
			}).verify(BLOCK);
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "claude-sonnet-4-5", "gemini-2.5-pro");
	}

	@Test
	void streamFallsBackWhileNoChunkReachedTheCaller() {
		stub("gpt-5", events("""
				data: {"error":{"message":"Service overloaded","type":"server_error","code":503}}

				"""));
		stub("claude-sonnet-4-5", events(streamOf("claude-sonnet-4-5")));
		try (ChatCompletionTemplate template = builder().build()) {
			StepVerifier.create(template.stream(REQUEST).map(ChatCompletionChunk::model))
				.expectNext("claude-sonnet-4-5", "claude-sonnet-4-5")
				.expectComplete()
				.verify(BLOCK);
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "claude-sonnet-4-5");
	}

	@Test
	void streamThatFailedAfterItsFirstChunkDoesNotFallBack() {
		stub("gpt-5", events("""
				data: {"id":"c1","model":"gpt-5","choices":[{"index":0,"delta":{"content":"Hel"}}]}

				data: {"error":{"message":"Service overloaded","type":"server_error","code":503}}

				"""));
		stub("claude-sonnet-4-5", events(streamOf("claude-sonnet-4-5")));
		try (ChatCompletionTemplate template = builder().build()) {
			StepVerifier.create(template.stream(REQUEST).map(ChatCompletionChunk::model))
				.expectNext("gpt-5")
				.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(MuleRunServerException.class)
					.hasNoSuppressedExceptions())
				.verify(BLOCK);
		}
		assertThat(modelsSent()).containsExactly("gpt-5");
	}

	@Test
	void streamOfAFallbackModelThatFailsAfterItsFirstChunkCarriesTheEarlierFailure() {
		stub("gpt-5", error(503, "server_error", "unavailable"));
		stub("claude-sonnet-4-5", events("""
				data: {"id":"c1","model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"content":"Hel"}}]}

				data: {"error":{"message":"Service overloaded","type":"server_error","code":503}}

				"""));
		stub("gemini-2.5-pro", events(streamOf("gemini-2.5-pro")));
		try (ChatCompletionTemplate template = builder().build()) {
			StepVerifier.create(template.stream(REQUEST).map(ChatCompletionChunk::model))
				.expectNext("claude-sonnet-4-5")
				.expectErrorSatisfies((failure) -> {
					assertThat(failure).isInstanceOf(MuleRunServerException.class);
					assertThat(failure.getSuppressed()).singleElement()
						.satisfies(
								(earlier) -> assertThat(((MuleRunApiException) earlier).httpStatus()).isEqualTo(503));
				})
				.verify(BLOCK);
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "claude-sonnet-4-5");
	}

	@Test
	void callOptionsReplaceTheTemplatesFallbackModelsAndAnEmptyListSwitchesFallbackOff() {
		stub("gpt-5", error(503, "server_error", "unavailable"));
		stub("gpt-4.1", answer("gpt-4.1"));
		try (ChatCompletionTemplate template = builder().build()) {
			assertThat(
					template.create(REQUEST, CallOptions.builder().fallbackModels(List.of("gpt-4.1")).build()).model())
				.isEqualTo("gpt-4.1");
			assertThat(catchThrowable(
					() -> template.create(REQUEST, CallOptions.builder().fallbackModels(List.of()).build())))
				.isInstanceOf(MuleRunServerException.class);
			assertThat(template.fallbackModels()).isEqualTo(FALLBACKS);
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "gpt-4.1", "gpt-5");
	}

	@Test
	void observationRecordsEachFallbackAsAnEventAndTheModelThatAnswered() {
		stub("gpt-5", error(503, "server_error", "unavailable"));
		stub("claude-sonnet-4-5", error(529, "overloaded_error", "overloaded"));
		stub("gemini-2.5-pro", answer("gemini-2.5-pro"));
		List<Observation.Event> events = new CopyOnWriteArrayList<>();
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				events.add(event);
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		try (ChatCompletionTemplate template = builder().observationRegistry(registry).build()) {
			assertThat(template.create(REQUEST).model()).isEqualTo("gemini-2.5-pro");
		}
		assertThat(events).extracting(Observation.Event::getName).containsOnly(ModelFallback.EVENT_NAME);
		assertThat(events).extracting(Observation.Event::getContextualName)
			.containsExactly("model gpt-5 failed (server_error), falling back to claude-sonnet-4-5",
					"model claude-sonnet-4-5 failed (overloaded), falling back to gemini-2.5-pro");
		assertThat(stopped).filteredOn((context) -> "gen_ai.client.operation".equals(context.getName()))
			.singleElement()
			.satisfies((context) -> {
				assertThat(context.getLowCardinalityKeyValue("gen_ai.response.model").getValue())
					.isEqualTo("gemini-2.5-pro");
				assertThat(context.getLowCardinalityKeyValue("gen_ai.request.model").getValue()).isEqualTo("gpt-5");
			});
	}

	@Test
	void failuresOutsideTheClientNeverFallBackButClientTimeoutsDo() {
		assertThat(ModelFallback.reason(new IllegalStateException("bug"))).isNull();
		assertThat(ModelFallback.reason(
				new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.RESPONSE, Duration.ofSeconds(1))))
			.isEqualTo("timeout");
	}

}
