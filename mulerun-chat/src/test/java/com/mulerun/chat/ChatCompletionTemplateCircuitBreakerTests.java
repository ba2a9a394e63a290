package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunBadRequestException;
import com.mulerun.chat.error.MuleRunCircuitOpenException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.http.ModelCircuitBreakers;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Circuit breaking per model: a model that failed repeatedly is skipped for a cool-down,
 * then tried once again; failures that say nothing about the model do not count.
 */
class ChatCompletionTemplateCircuitBreakerTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final Duration COOL_DOWN = Duration.ofSeconds(30);

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder()
		.model("gpt-5")
		.userMessage("Hi")
		.build();

	static WireMockServer server;

	private final MutableClock clock = new MutableClock();

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

	private ChatCompletionTemplate template(List<String> fallbackModels) {
		return ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.apiKey("sk-test-0123456789abcdefghij")
			.retrySettings(RetrySettings.none())
			.fallbackModels(fallbackModels)
			.modelCircuitBreakers(ModelCircuitBreakers.of(2, COOL_DOWN, this.clock))
			.build();
	}

	private static void stub(String model, ResponseDefinitionBuilder response) {
		server.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo(model)))
			.willReturn(response));
	}

	private static ResponseDefinitionBuilder status(int status) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"failed\",\"type\":\"error\",\"code\":\"" + status + "\"}}");
	}

	private static ResponseDefinitionBuilder answer(String model) {
		return aResponse().withHeader("Content-Type", "application/json").withBody("""
				{"id":"c1","object":"chat.completion","model":"%s","choices":[{"index":0,
				"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""".formatted(model));
	}

	private static List<String> modelsSent() {
		List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
		Collections.reverse(events);
		return events.stream()
			.map((event) -> TemplateTestSupport.MAPPER.readTree(event.getRequest().getBodyAsString()))
			.map((body) -> body.get("model").asString())
			.toList();
	}

	@Test
	void failingModelIsSkippedDuringTheCoolDownThenTriedOnceAgain() {
		stub("gpt-5", status(503));
		stub("claude-sonnet-4-5", answer("claude-sonnet-4-5"));
		try (ChatCompletionTemplate template = template(List.of("claude-sonnet-4-5"))) {
			for (int call = 0; call < 4; call++) {
				assertThat(template.create(REQUEST).model()).isEqualTo("claude-sonnet-4-5");
			}
			assertThat(modelsSent()).as("gpt-5 is skipped after two failures in a row")
				.containsExactly("gpt-5", "claude-sonnet-4-5", "gpt-5", "claude-sonnet-4-5", "claude-sonnet-4-5",
						"claude-sonnet-4-5");

			server.resetRequests();
			stub("gpt-5", answer("gpt-5"));
			this.clock.advance(COOL_DOWN.plusSeconds(1));
			assertThat(template.create(REQUEST).model()).as("after the cool-down one call goes through")
				.isEqualTo("gpt-5");
			assertThat(template.create(REQUEST).model()).as("the circuit closed again").isEqualTo("gpt-5");
			assertThat(modelsSent()).containsExactly("gpt-5", "gpt-5");
		}
	}

	@Test
	void skippedModelIsRecordedOnTheObservation() {
		stub("gpt-5", status(503));
		stub("claude-sonnet-4-5", answer("claude-sonnet-4-5"));
		List<String> events = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				events.add(event.getContextualName());
			}

		});
		try (ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.apiKey("sk-test-0123456789abcdefghij")
			.retrySettings(RetrySettings.none())
			.fallbackModels(List.of("claude-sonnet-4-5"))
			.modelCircuitBreakers(ModelCircuitBreakers.of(1, COOL_DOWN, this.clock))
			.observationRegistry(registry)
			.build()) {
			template.create(REQUEST);
			template.create(REQUEST);
		}
		assertThat(events).containsExactly("model gpt-5 failed (server_error), falling back to claude-sonnet-4-5",
				"model gpt-5 failed (circuit_open), falling back to claude-sonnet-4-5");
	}

	@Test
	void failuresThatSayNothingAboutTheModelDoNotOpenTheCircuit() {
		stub("gpt-5", status(400));
		try (ChatCompletionTemplate template = template(List.of())) {
			for (int call = 0; call < 3; call++) {
				assertThat(catchThrowable(() -> template.create(REQUEST)))
					.isInstanceOf(MuleRunBadRequestException.class);
			}
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "gpt-5", "gpt-5");
	}

	@Test
	void lastModelWithAnOpenCircuitFailsTheCallWithoutSendingIt() {
		stub("gpt-5", status(503));
		try (ChatCompletionTemplate template = template(List.of())) {
			assertThat(catchThrowable(() -> template.create(REQUEST))).isInstanceOf(MuleRunServerException.class);
			assertThat(catchThrowable(() -> template.create(REQUEST))).isInstanceOf(MuleRunServerException.class);
			StepVerifier.create(template.createMono(REQUEST))
				.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(MuleRunCircuitOpenException.class)
					.hasMessageContaining("gpt-5")
					.satisfies((open) -> assertThat(((MuleRunCircuitOpenException) open).model()).isEqualTo("gpt-5")))
				.verify(BLOCK);
		}
		assertThat(modelsSent()).containsExactly("gpt-5", "gpt-5");
	}

	/**
	 * A clock the test moves forward.
	 */
	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
