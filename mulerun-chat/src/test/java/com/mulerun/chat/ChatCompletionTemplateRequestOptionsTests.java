package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.error.MuleRunValidationException;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.StreamOptions;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What {@link ChatCompletionTemplate} sends for a stream
 * ({@code stream_options.include_usage} on by default, off on request, never overriding
 * the request's own stream options) and which per-call {@link CallOptions} override the
 * template's configuration.
 */
class ChatCompletionTemplateRequestOptionsTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final String STREAM = """
			data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}

			data: [DONE]

			""";

	private static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",
			"content":"Hello"},"finish_reason":"stop"}]}""";

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder()
		.model("gpt-5")
		.userMessage("Hi")
		.build();

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
	void stubStream() {
		server.resetAll();
		server.stubFor(post("/v1/chat/completions").withHeader("Accept", equalTo("text/event-stream"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		server.stubFor(post("/v1/chat/completions").withHeader("Accept", equalTo("application/json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)));
	}

	private static ChatCompletionTemplateBuilder builder() {
		return ChatCompletionTemplate.builder().baseUrl(server.baseUrl()).retrySettings(RetrySettings.none());
	}

	private static void verifyBody(String json) {
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson(json)));
	}

	// --- stream_options.include_usage
	// -------------------------------------------------------------------

	@Test
	void aStreamAsksForUsageByDefault() {
		builder().build().stream(REQUEST).blockLast(BLOCK);

		verifyBody("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true,"
				+ "\"stream_options\":{\"include_usage\":true}}");
	}

	@Test
	void aStreamSendsNoStreamOptionsWhenUsageIsTurnedOff() {
		builder().includeUsage(false).build().stream(REQUEST).blockLast(BLOCK);

		verifyBody("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
	}

	@Test
	void streamOptionsSetByTheRequestWinOverTheTemplatesDefault() {
		ChatCompletionRequest request = REQUEST.mutate().streamOptions(new StreamOptions(false, true, null)).build();

		builder().build().stream(request).blockLast(BLOCK);

		verifyBody("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true,"
				+ "\"stream_options\":{\"include_usage\":false,\"include_obfuscation\":true}}");
	}

	@Test
	void streamOptionsOfTheTemplatesDefaultOptionsWinOverIncludeUsage() {
		ChatCompletionTemplate template = builder()
			.defaultOptions(ChatCompletionRequest.builder().streamOptions(new StreamOptions(null, false, null)).build())
			.build();

		template.stream(REQUEST).blockLast(BLOCK);

		verifyBody("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true,"
				+ "\"stream_options\":{\"include_obfuscation\":false}}");
	}

	@Test
	void aBlockingCallNeverSendsStreamFieldsEvenWhenTheRequestAskedToStream() {
		String content = builder().build().create(REQUEST.mutate().stream(true).build()).content();

		assertThat(content).isEqualTo("Hello");
		verifyBody("{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
	}

	@Test
	void aBlockingCallWithStreamOptionsIsRejectedBeforeAnythingIsSent() {
		ChatCompletionRequest request = REQUEST.mutate().streamOptions(new StreamOptions(true, null, null)).build();

		Throwable failure = catchThrowable(() -> builder().build().create(request));

		assertThat(failure).isInstanceOf(MuleRunValidationException.class).hasMessageContaining("stream_options");
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	// --- per-call overrides
	// -------------------------------------------------------------------------

	@Test
	void perCallHeadersAreSentNextToTheDefaultHeadersAndTheBearerToken() {
		ChatCompletionTemplate template = builder().apiKey("sk-test-options-0123456789")
			.defaultHeader("x-team", "search")
			.build();
		CallOptions options = CallOptions.builder().header("x-trace-id", "trace-1").build();

		template.create(REQUEST, options);
		template.stream(REQUEST, options).blockLast(BLOCK);

		server.verify(exactly(2),
				postRequestedFor(urlEqualTo("/v1/chat/completions"))
					.withHeader("Authorization", equalTo("Bearer sk-test-options-0123456789"))
					.withHeader("x-trace-id", equalTo("trace-1"))
					.withHeader("x-team", equalTo("search")));
		template.create(REQUEST);
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("x-trace-id", absent())
			.withHeader("x-team", equalTo("search")));
	}

	@Test
	void perCallRetrySettingsOverrideTheTemplates() {
		server.resetAll();
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503).withBody("busy")));
		ChatCompletionTemplate template = builder().build();
		RetrySettings threeRetries = RetrySettings.DEFAULTS.withMaxRetries(3)
			.withInitialBackoff(Duration.ofMillis(1))
			.withMaxBackoff(Duration.ofMillis(1));

		Throwable failure = catchThrowable(
				() -> template.create(REQUEST, CallOptions.builder().retrySettings(threeRetries).build()));
		Throwable streamFailure = catchThrowable(
				() -> template.stream(REQUEST, CallOptions.builder().retrySettings(threeRetries).build())
					.blockLast(BLOCK));

		assertThat(failure).isExactlyInstanceOf(MuleRunServerException.class);
		assertThat(streamFailure).isExactlyInstanceOf(MuleRunServerException.class);
		server.verify(exactly(8), postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

}
