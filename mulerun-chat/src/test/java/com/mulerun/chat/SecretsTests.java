package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunNotFoundException;
import com.mulerun.chat.error.Redaction;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The API key never appears in any log line at any level, in exception messages or in
 * {@code toString()}.
 */
class SecretsTests {

	private static final String KEY = "sk-proj-SecretTestKey0123456789abcdef";

	private WireMockServer server;

	private final List<String> logged = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
		@Override
		protected void append(ILoggingEvent event) {
			SecretsTests.this.logged.add(event.getFormattedMessage());
			if (event.getThrowableProxy() != null) {
				SecretsTests.this.logged.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
			}
		}
	};

	private Level previousLevel;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
		this.previousLevel = root.getLevel();
		this.capture.start();
		root.addAppender(this.capture);
	}

	@AfterEach
	void stop() {
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(this.previousLevel);
		root.detachAppender(this.capture);
		this.server.stop();
	}

	@Test
	void keyNeverAppearsInAnyLogLineDuringBlockingStreamingAndFailingCallsAtTrace() {
		this.server.stubFor(post("/v1/chat/completions").withHeader("Accept", equalTo("application/json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"c1","object":"chat.completion","created":1,"model":"gpt-5",
					 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}
					""")));
		this.server.stubFor(post("/v1/chat/completions").withHeader("Accept", equalTo("text/event-stream"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"id":"c2","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}

					data: [DONE]

					""")));
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.TRACE);
		ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(KEY)
			.retrySettings(RetrySettings.DEFAULTS.withInitialBackoff(Duration.ofMillis(1))
				.withMaxBackoff(Duration.ofMillis(2)))
			.build();
		ChatCompletionRequest request = ChatCompletionRequest.builder().userMessage("Hi").build();
		assertThat(template.create(request).content()).isEqualTo("ok");
		assertThat(template.streamText(request).collectList().block(Duration.ofSeconds(10))).containsExactly("ok");

		this.server.resetAll();
		this.server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
					+ ". You can find your API key at https://platform.openai.com/account/api-keys.\","
					+ "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));
		Throwable failure = catchThrowable(() -> template.create(request));
		template.close();

		assertThat(failure).isInstanceOf(MuleRunAuthenticationException.class);
		assertThat(failure.getMessage()).doesNotContain(KEY);
		assertThat(failure.toString()).doesNotContain(KEY);
		assertThat(((MuleRunApiException) failure).responseBody()).doesNotContain(KEY);
		assertThat(this.logged).as("log lines captured at TRACE").isNotEmpty();
		assertThat(this.logged).noneMatch((line) -> line.contains(KEY));
	}

	@Test
	void credentialsEchoedInErrorDetailsAndHeadersAreRedactedByValueAndByName() {
		String configuredKey = "mr_live_ConfiguredKey7f3a9";
		String callKey = "mr_call_PerCallKey5d21c8";
		String foreignToken = "sk-ant-ForeignToken0123456789abcdef";
		this.server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Echo-Authorization", "Bearer " + foreignToken)
			.withHeader("X-Echo", "key was " + configuredKey + " then " + callKey)
			.withBody("{\"error\":{\"message\":\"No such model for " + callKey + "\",\"code\":404,"
					+ "\"metadata\":{\"headers\":\"Authorization: Bearer " + foreignToken + "\","
					+ "\"query\":\"x-api-key=" + foreignToken + "\",\"echo\":[\"" + configuredKey + "\"],"
					+ "\"Authorization\":\"" + configuredKey + "\",\"provider\":\"visible\"}}}")));
		ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(configuredKey)
			.retrySettings(RetrySettings.none())
			.build();
		CallOptions options = CallOptions.builder().header("Authorization", "Bearer " + callKey).build();

		Throwable failure = catchThrowable(
				() -> template.create(ChatCompletionRequest.builder().userMessage("Hi").build(), options));
		template.close();

		assertThat(failure).isInstanceOf(MuleRunNotFoundException.class);
		MuleRunApiException api = (MuleRunApiException) failure;
		String exposed = String.join("\n", api.getMessage(), api.toString(), api.responseBody(),
				String.valueOf(api.errorDetails()), String.valueOf(api.responseHeaders()),
				String.valueOf(api.providerMessage()));
		assertThat(exposed).doesNotContain(configuredKey, callKey, foreignToken);
		assertThat(api.errorDetails().toString()).contains("visible").contains(Redaction.REDACTED);
		assertThat(api.responseHeaders()).containsEntry("x-echo-authorization", List.of(Redaction.REDACTED));
		assertThat(api.responseHeaders().get("x-echo")).singleElement()
			.isEqualTo("key was " + Redaction.REDACTED + " then " + Redaction.REDACTED);
	}

	@Test
	void keyNeverAppearsInToStringOfTheTypesThatHoldIt() {
		ChatCompletionTemplateBuilder builder = ChatCompletionTemplate.builder().apiKey(KEY);
		assertThat(builder.toString()).doesNotContain(KEY);
		ChatCompletionTemplate template = builder.build();
		assertThat(template.toString()).doesNotContain(KEY);
		template.close();
		CallOptions options = CallOptions.builder()
			.header("Authorization", "Bearer " + KEY)
			.header("api-key", KEY)
			.header("X-Trace", "visible")
			.build();
		assertThat(options.toString()).doesNotContain(KEY).contains("visible");
		ProxySettings proxy = new ProxySettings("proxy.local", 3128, "user", KEY, null);
		assertThat(proxy.toString()).doesNotContain(KEY).contains("proxy.local");
	}

}
