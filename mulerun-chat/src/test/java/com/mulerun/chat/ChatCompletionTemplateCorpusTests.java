package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.mulerun.chat.TemplateTestSupport.REQUEST;
import static com.mulerun.chat.TemplateTestSupport.assertApiError;
import static com.mulerun.chat.TemplateTestSupport.assertCompletion;
import static com.mulerun.chat.TemplateTestSupport.corpus;
import static com.mulerun.chat.TemplateTestSupport.corpusCase;
import static com.mulerun.chat.TemplateTestSupport.corpusNames;
import static com.mulerun.chat.TemplateTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Serves every case of the real-gateway corpus through WireMock with its status, headers
 * and body bytes, and checks that {@link ChatCompletionTemplate} produces the outcome
 * {@code corpus/expectations.json} states: event streams whole and dribbled in small
 * chunked pieces, JSON and HTML bodies through {@code create}.
 */
class ChatCompletionTemplateCorpusTests {

	private static final Duration BLOCK = Duration.ofSeconds(15);

	static WireMockServer server;

	ChatCompletionTemplate template;

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
	void createTemplate() {
		server.resetAll();
		this.template = ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.apiKey("sk-test-corpus-0123456789")
			.retrySettings(RetrySettings.none())
			.build();
	}

	static Stream<Arguments> streams() {
		List<Arguments> arguments = new ArrayList<>();
		for (String name : corpusNames("sse")) {
			arguments.add(Arguments.of(name, false));
			arguments.add(Arguments.of(name, true));
		}
		return arguments.stream();
	}

	static Stream<String> bodies() {
		List<String> names = new ArrayList<>(corpusNames("json"));
		names.addAll(corpusNames("html"));
		return names.stream();
	}

	static Stream<String> errorBodies() {
		return bodies().filter((name) -> "error".equals(outcome(name)));
	}

	@Test
	void theCorpusCoversEveryKindOfCaseTheSuiteServes() {
		assertThat(corpusNames("sse")).hasSizeGreaterThanOrEqualTo(25);
		assertThat(bodies()).hasSizeGreaterThanOrEqualTo(14);
		assertThat(corpusNames("sse").stream().map(ChatCompletionTemplateCorpusTests::outcome).distinct())
			.containsExactlyInAnyOrder("success", "incomplete", "error");
	}

	@ParameterizedTest(name = "{0} dribbled={1}")
	@MethodSource("streams")
	void everyCorpusStreamEndsAsTheExpectationsState(String name, boolean dribbled) {
		stub(name, dribbled);
		JsonNode expect = corpusCase(name).get("expect");
		List<ChatCompletionChunk> delivered = new CopyOnWriteArrayList<>();
		Throwable failure = catchThrowable(
				() -> ChatCompletionAggregator.aggregate(this.template.stream(REQUEST).doOnNext(delivered::add))
					.block(BLOCK));
		switch (outcome(name)) {
			case "success" -> {
				assertThat(failure).as("failure").isNull();
				ChatCompletion aggregate = aggregate(delivered);
				assertCompletion(aggregate, expect);
			}
			case "incomplete" -> {
				assertThat(failure).isExactlyInstanceOf(MuleRunStreamException.class);
				MuleRunStreamException incomplete = (MuleRunStreamException) failure;
				assertThat(incomplete.requestId()).isEqualTo(text(expect.get("requestId")));
				assertThat(incomplete.chunksReceived()).isEqualTo(delivered.size()).isPositive();
				assertThat(incomplete.partial()).isNotNull();
				assertCompletion(incomplete.partial(), expect);
				assertCompletion(aggregate(delivered), expect);
				assertThat(incomplete.getMessage()).contains("Stream ended before it was complete");
			}
			default -> {
				assertApiError(failure, expect);
				assertThat(((MuleRunApiException) failure).getMessage()).startsWith("Stream error");
				ChatCompletion partial = aggregate(delivered);
				JsonNode choices = expect.get("choices");
				assertThat(partial.choices()).hasSize(choices.size());
				for (int i = 0; i < choices.size(); i++) {
					assertThat(partial.choices().get(i).message().text()).as("partial content")
						.isEqualTo(text(choices.get(i).get("content")));
				}
			}
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bodies")
	void everyCorpusBodyGivesTheCompletionOrTheTypedErrorOfTheExpectations(String name) {
		stub(name, false);
		JsonNode expect = corpusCase(name).get("expect");
		Throwable failure = catchThrowable(() -> {
			ChatCompletion completion = this.template.create(REQUEST);
			assertCompletion(completion, expect);
		});
		if ("success".equals(outcome(name))) {
			assertThat(failure).as("failure").isNull();
		}
		else {
			assertApiError(failure, expect);
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errorBodies")
	void everyCorpusErrorBodyRaisesTheSameTypedErrorWhenAStreamWasRequested(String name) {
		stub(name, false);
		List<ChatCompletionChunk> delivered = new CopyOnWriteArrayList<>();
		Throwable failure = catchThrowable(
				() -> this.template.stream(REQUEST).doOnNext(delivered::add).blockLast(BLOCK));
		assertApiError(failure, corpusCase(name).get("expect"));
		assertThat(delivered).isEmpty();
	}

	private static ChatCompletion aggregate(List<ChatCompletionChunk> chunks) {
		ChatCompletionAggregator aggregator = new ChatCompletionAggregator();
		chunks.forEach(aggregator::add);
		return aggregator.result();
	}

	private static String outcome(String name) {
		return corpusCase(name).get("expect").get("outcome").asString();
	}

	private static void stub(String name, boolean dribbled) {
		JsonNode http = corpusCase(name).get("http");
		byte[] body = corpus(name);
		ResponseDefinitionBuilder response = aResponse().withStatus(http.get("status").asInt()).withBody(body);
		for (Map.Entry<String, JsonNode> header : http.get("headers").properties()) {
			response.withHeader(header.getKey(), header.getValue().asString());
		}
		if (dribbled) {
			int pieces = (body.length > 100_000) ? 64 : Math.min(body.length, 48);
			response.withChunkedDribbleDelay(pieces, 40);
		}
		server.stubFor(post("/v1/chat/completions").willReturn(response));
	}

}
