package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunValidationException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.Tool;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ChatCompletionTemplate} against WireMock: the exact request it sends
 * and the typed results of blocking, {@code Mono} and streaming calls.
 */
class ChatCompletionTemplateTests {

	static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1715392980,"model":"gpt-5",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How are you?","refusal":null},
			 "logprobs":null,"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":10,"completion_tokens":6,"total_tokens":16}}
			""";

	static final String STREAM = """
			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

			data: [DONE]

			""";

	WireMockServer server;

	ChatCompletionTemplate template;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
		this.template = ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("sk-test-key-1234567890")
			.retrySettings(RetrySettings.none())
			.build();
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.server.stop();
	}

	@Test
	void blockingCallSendsExactlyTheFieldsThatWereSetAndReturnsTheTypedCompletion() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
		ChatCompletion completion = this.template
			.create(ChatCompletionRequest.builder().model("gpt-4.1").userMessage("Hi").build());
		assertThat(completion.content()).isEqualTo("Hello! How are you?");
		assertThat(completion.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(completion.usage().totalTokens()).isEqualTo(16);
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("Authorization", equalTo("Bearer sk-test-key-1234567890"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(
					equalToJson("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
	}

	@Test
	void defaultModelIsFilledInWhenTheRequestNamesNone() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
		assertThat(this.template.chat("Hi")).isEqualTo("Hello! How are you?");
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(
				equalToJson("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
	}

	@Test
	void monoCallReturnsTheTypedCompletion() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
		StepVerifier.create(this.template.createMono(ChatCompletionRequest.builder().userMessage("Hi").build()))
			.assertNext((completion) -> assertThat(completion.id()).isEqualTo("chatcmpl-1"))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void streamReturnsEveryChunkAndAsksForUsage() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		List<ChatCompletionChunk> chunks = this.template
			.stream(ChatCompletionRequest.builder().message(ChatMessage.user("Hi")).build())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(chunks).hasSize(4);
		assertThat(chunks.get(3).usage().totalTokens()).isEqualTo(7);
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("Accept", equalTo("text/event-stream"))
			.withRequestBody(equalToJson("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
					+ "\"stream\":true,\"stream_options\":{\"include_usage\":true}}")));
	}

	static Stream<Arguments> invalidRequests() {
		return Stream.of(Arguments.of(ChatCompletionRequest.builder().build(), "messages"),
				Arguments.of(ChatCompletionRequest.builder().userMessage("Hi").temperature(3.5).build(), "temperature"),
				Arguments.of(ChatCompletionRequest.builder().userMessage("Hi").topLogprobs(3).build(), "top_logprobs"),
				Arguments.of(ChatCompletionRequest.builder()
					.userMessage("Hi")
					.tool(Tool.function("get weather", null, null))
					.build(), "tools[0].function.name"),
				Arguments.of(ChatCompletionRequest.builder()
					.userMessage("Hi")
					.message(ChatMessage.tool("", "result"))
					.build(), "messages[1].tool_call_id"));
	}

	@ParameterizedTest
	@MethodSource("invalidRequests")
	void invalidRequestsAreRefusedBeforeAnythingIsSent(ChatCompletionRequest request, String path) {
		assertThatExceptionOfType(MuleRunValidationException.class).isThrownBy(() -> this.template.create(request))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(MuleRunValidationException.Violation::path)
				.contains(path));
		StepVerifier.create(this.template.stream(request))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(MuleRunValidationException.class).hasMessageContaining(path))
			.verify(Duration.ofSeconds(10));
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void validationCanBeSwitchedOff() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
		ChatCompletionTemplate lenient = ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("k")
			.validation(false)
			.build();
		lenient.create(ChatCompletionRequest.builder().userMessage("Hi").temperature(3.5).build());
		this.server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson(
				"{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":3.5}")));
		lenient.close();
	}

	@Test
	void streamTextAndAggregateGiveTheAnswer() {
		this.server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		ChatCompletionRequest request = ChatCompletionRequest.builder().userMessage("Hi").build();
		assertThat(this.template.streamText(request).collectList().block(Duration.ofSeconds(10))).containsExactly("Hel",
				"lo");
		ChatCompletion aggregate = this.template.streamAggregated(request).block(Duration.ofSeconds(10));
		assertThat(aggregate.content()).isEqualTo("Hello");
		assertThat(aggregate.usage().promptTokens()).isEqualTo(5);
	}

}
