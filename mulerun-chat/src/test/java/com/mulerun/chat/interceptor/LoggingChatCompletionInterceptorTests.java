package com.mulerun.chat.interceptor;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionInterceptor;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LoggingChatCompletionInterceptor}: what is logged at which level,
 * streams logged once as their aggregate, and credentials that never reach a log event.
 */
class LoggingChatCompletionInterceptorTests {

	static final String API_KEY = "sk-secret-test-key-123456";

	static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1715392980,"model":"gpt-5",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How are you?"},
			 "finish_reason":"stop"}],
			 "usage":{"prompt_tokens":10,"completion_tokens":6,"total_tokens":16}}
			""";

	static final String STREAM = """
			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

			data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

			data: [DONE]

			""";

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	WireMockServer server;

	Logger logger;

	ListAppender<ILoggingEvent> appender;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
		this.logger = (Logger) LoggerFactory.getLogger(LoggingChatCompletionInterceptor.LOGGER_NAME);
		this.appender = new ListAppender<>();
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void stop() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(null);
		this.server.stop();
	}

	ChatCompletionTemplate template(ChatCompletionInterceptor... interceptors) {
		return ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(API_KEY)
			.retrySettings(RetrySettings.none())
			.interceptors(List.of(interceptors))
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

	static ChatCompletionRequest hi() {
		return ChatCompletionRequest.builder().userMessage("Hi there").build();
	}

	List<ILoggingEvent> events() {
		return events(this.appender);
	}

	static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
		synchronized (appender) {
			return new ArrayList<>(appender.list);
		}
	}

	List<ILoggingEvent> events(Level level) {
		return events().stream().filter((event) -> event.getLevel() == level).toList();
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void aCallIsLoggedAsOneInfoSummaryAndItsBodiesAtDebug(String level) {
		this.logger.setLevel(Level.toLevel(level));
		stubCompletion();
		template(new LoggingChatCompletionInterceptor(true)).create(hi());
		List<ILoggingEvent> infos = events(Level.INFO);
		assertThat(infos).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage())
				.contains("model=gpt-5", "stream=false", "status=ok", "duration=", "ms",
						"tokens=[prompt=10, completion=6, total=16]", "finish=[stop]", "id=chatcmpl-1")
				.doesNotContain("Hi there", "Hello! How are you?"));
		List<ILoggingEvent> debugs = events(Level.DEBUG);
		assertThat(debugs).hasSize(2);
		assertThat(debugs.get(0).getFormattedMessage()).startsWith("Chat completion request")
			.contains("\"content\":\"Hi there\"", "\"model\":\"gpt-5\"");
		assertThat(debugs.get(1).getFormattedMessage()).startsWith("Chat completion response (body)")
			.contains("\"content\":\"Hello! How are you?\"");
		assertThat(events()).hasSize(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void aMonoCallIsLoggedLikeABlockingCall(String level) {
		this.logger.setLevel(Level.toLevel(level));
		stubCompletion();
		StepVerifier.create(template(new LoggingChatCompletionInterceptor(true)).createMono(hi()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(events(Level.INFO)).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("status=ok", "id=chatcmpl-1"));
		assertThat(events(Level.DEBUG)).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void aStreamIsLoggedOnceAsItsAggregateNeverChunkByChunk(String level) {
		this.logger.setLevel(Level.toLevel(level));
		stubStream();
		StepVerifier.create(template(new LoggingChatCompletionInterceptor(true)).stream(hi()))
			.expectNextCount(4)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(events(Level.INFO)).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage())
				.contains("model=gpt-5", "stream=true", "status=ok", "chunks=4",
						"tokens=[prompt=5, completion=2, total=7]", "finish=[stop]", "id=c1")
				.doesNotContain("Hel"));
		List<ILoggingEvent> debugs = events(Level.DEBUG);
		assertThat(debugs).hasSize(2);
		assertThat(debugs.get(0).getFormattedMessage()).contains("\"stream\":true");
		assertThat(debugs.get(1).getFormattedMessage()).startsWith("Chat completion response (aggregate of the stream)")
			.contains("\"content\":\"Hello\"", "\"object\":\"chat.completion\"");
		assertThat(events()).noneMatch((event) -> event.getFormattedMessage().contains("chat.completion.chunk"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void bodiesAreNotLoggedWithoutIncludeBodies(String level) {
		this.logger.setLevel(Level.toLevel(level));
		stubCompletion();
		ChatCompletionTemplate template = template(new LoggingChatCompletionInterceptor());
		template.create(hi());
		assertThat(events()).singleElement().satisfies((event) -> assertThat(event.getLevel()).isEqualTo(Level.INFO));
		this.server.resetAll();
		stubStream();
		template.stream(hi()).blockLast(TIMEOUT);
		assertThat(events()).hasSize(2).allSatisfy((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.INFO);
			assertThat(event.getFormattedMessage()).doesNotContain("Hi there", "Hello", "Hel");
		});
	}

	@Test
	void bodiesAreNotLoggedAtInfoEvenWithIncludeBodies() {
		this.logger.setLevel(Level.INFO);
		stubStream();
		template(new LoggingChatCompletionInterceptor(true)).stream(hi()).blockLast(TIMEOUT);
		assertThat(events()).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.INFO);
			assertThat(event.getFormattedMessage()).contains("status=ok", "chunks=4");
		});
	}

	@Test
	void nothingIsLoggedWhenTheLoggerIsOff() {
		this.logger.setLevel(Level.OFF);
		stubCompletion();
		template(new LoggingChatCompletionInterceptor(true)).create(hi());
		assertThat(events()).isEmpty();
	}

	@Test
	void aFailedCallIsLoggedAsOneWarningWithTheExceptionMessage() {
		this.logger.setLevel(Level.DEBUG);
		this.server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")));
		assertThatExceptionOfType(MuleRunRateLimitException.class)
			.isThrownBy(() -> template(new LoggingChatCompletionInterceptor()).create(hi()));
		assertThat(events()).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("status=error(MuleRunRateLimitException)",
					"Rate limit reached");
		});
	}

	@Test
	void aFailedStreamIsLoggedAsOneWarning() {
		this.logger.setLevel(Level.DEBUG);
		this.server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")));
		StepVerifier.create(template(new LoggingChatCompletionInterceptor(true)).stream(hi()))
			.expectError(MuleRunRateLimitException.class)
			.verify(TIMEOUT);
		assertThat(events(Level.WARN)).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("stream=true", "chunks=0",
					"status=error(MuleRunRateLimitException)", "Rate limit reached"));
		assertThat(events(Level.INFO)).isEmpty();
		assertThat(events(Level.DEBUG)).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).startsWith("Chat completion request"));
	}

	@Test
	void aCancelledStreamIsLoggedAsCancelledWithItsPartialAggregate() {
		this.logger.setLevel(Level.DEBUG);
		stubStream();
		StepVerifier.create(template(new LoggingChatCompletionInterceptor(true)).stream(hi()).take(2))
			.expectNextCount(2)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(events(Level.INFO)).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("status=cancelled", "chunks=2",
					"tokens=n/a", "finish=[]", "id=c1"));
		assertThat(events(Level.DEBUG)).hasSize(2)
			.last()
			.satisfies((event) -> assertThat(event.getFormattedMessage())
				.startsWith("Chat completion response (partial aggregate of the stream)")
				.contains("\"content\":\"Hel\""));
	}

	@Test
	void theLoggedRequestIncludesWhatEarlierInterceptorsAdded() {
		this.logger.setLevel(Level.DEBUG);
		stubCompletion();
		ChatCompletionInterceptor defaults = new ChatCompletionInterceptor() {

			@Override
			public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
				return chain.proceed(request.mutate().metadata(Map.of("team", "search")).build(), options);
			}

		};
		LoggingChatCompletionInterceptor logging = new LoggingChatCompletionInterceptor(true);
		template(defaults, logging).create(hi());
		assertThat(events(Level.DEBUG).get(0).getFormattedMessage()).contains("\"metadata\":{\"team\":\"search\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void credentialsNeverReachTheLog(String level) {
		this.logger.setLevel(Level.toLevel(level));
		stubCompletion();
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.userMessage("my key is " + API_KEY + " and my header is Authorization: Bearer " + API_KEY)
			.extra("api_key", "plain-secret-value")
			.build();
		CallOptions options = CallOptions.builder()
			.header("Authorization", "Bearer " + API_KEY)
			.header("x-api-key", API_KEY)
			.header("Cookie", "session=" + API_KEY)
			.header("X-Tenant", "acme")
			.build();
		ChatCompletionTemplate template = template(new LoggingChatCompletionInterceptor(true));
		template.create(request, options);
		this.server.resetAll();
		stubStream();
		template.stream(request, options).blockLast(TIMEOUT);
		this.server.resetAll();
		this.server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY
					+ "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
		assertThatExceptionOfType(MuleRunAuthenticationException.class)
			.isThrownBy(() -> template.create(request, options));
		List<ILoggingEvent> events = events();
		assertThat(events(Level.DEBUG)).hasSize(5);
		assertThat(events(Level.DEBUG).get(0).getFormattedMessage()).contains("X-Tenant=[acme]",
				"Authorization=[redacted]", "x-api-key=[redacted]", "Cookie=[redacted]", "Bearer [redacted]",
				"\"api_key\":\"[redacted]\"");
		assertThat(events(Level.WARN)).hasSize(1);
		assertThat(events).isNotEmpty().allSatisfy(LoggingChatCompletionInterceptorTests::assertHasNoSecret);
	}

	@Test
	void theApiKeyAppearsNowhereInTheLogsEvenWithEveryLoggerAtTrace() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Level rootLevel = root.getLevel();
		List<Appender<ILoggingEvent>> rootAppenders = new ArrayList<>();
		root.iteratorForAppenders().forEachRemaining(rootAppenders::add);
		ListAppender<ILoggingEvent> everything = new ListAppender<>();
		everything.start();
		try {
			rootAppenders.forEach(root::detachAppender);
			root.addAppender(everything);
			root.setLevel(Level.TRACE);
			stubCompletion();
			ChatCompletionTemplate template = template(new LoggingChatCompletionInterceptor(true));
			CallOptions options = CallOptions.builder().header("x-api-key", API_KEY).build();
			template.create(hi(), options);
			this.server.resetAll();
			stubStream();
			template.stream(hi(), options).blockLast(TIMEOUT);
		}
		finally {
			root.detachAppender(everything);
			root.setLevel(rootLevel);
			rootAppenders.forEach(root::addAppender);
		}
		List<ILoggingEvent> events = events(everything);
		assertThat(events).as("loggers other than the interceptor's logged at TRACE")
			.anyMatch((event) -> !event.getLoggerName().equals(LoggingChatCompletionInterceptor.LOGGER_NAME));
		assertThat(events)
			.filteredOn((event) -> event.getLoggerName().equals(LoggingChatCompletionInterceptor.LOGGER_NAME))
			.hasSize(6);
		assertThat(events).allSatisfy(LoggingChatCompletionInterceptorTests::assertHasNoSecret);
	}

	@Test
	void scrubReplacesBearerTokensSecretKeysAndCredentialFields() {
		assertThat(LoggingChatCompletionInterceptor.scrub("Authorization: Bearer abc.def-ghi"))
			.isEqualTo("Authorization: Bearer [redacted]");
		assertThat(LoggingChatCompletionInterceptor.scrub("key=sk-proj-AbC_123-xyz, ask-me, task-12345678"))
			.isEqualTo("key=[redacted], ask-me, task-12345678");
		assertThat(LoggingChatCompletionInterceptor.scrub("{\"apiKey\":\"v\\\"q\",\"password\" : \"p\",\"n\":1}"))
			.isEqualTo("{\"apiKey\":\"[redacted]\",\"password\" : \"[redacted]\",\"n\":1}");
		assertThat(LoggingChatCompletionInterceptor.scrub("the bearer of bad news"))
			.isEqualTo("the bearer of bad news");
		assertThat(LoggingChatCompletionInterceptor.scrub("plain text with $1 and \\ in it"))
			.isEqualTo("plain text with $1 and \\ in it");
	}

	@Test
	void redactHeadersHidesEveryCredentialHeaderInAnyCase() {
		Map<String, Object> shown = LoggingChatCompletionInterceptor
			.redactHeaders(Map.of("AUTHORIZATION", List.of("Bearer x"), "Api-Key", List.of("k"), "X-Api-Key",
					List.of("k"), "cookie", List.of("c"), "X-Tenant", List.of("acme")));
		assertThat(shown).containsEntry("AUTHORIZATION", "[redacted]")
			.containsEntry("Api-Key", "[redacted]")
			.containsEntry("X-Api-Key", "[redacted]")
			.containsEntry("cookie", "[redacted]")
			.containsEntry("X-Tenant", List.of("acme"));
	}

	@Test
	void theDefaultOrderRunsInsideApplicationInterceptors() {
		LoggingChatCompletionInterceptor logging = new LoggingChatCompletionInterceptor();
		assertThat(logging.getOrder()).isEqualTo(LoggingChatCompletionInterceptor.DEFAULT_ORDER);
		assertThat(logging.isIncludeBodies()).isFalse();
		assertThat(new LoggingChatCompletionInterceptor(true, 5).getOrder()).isEqualTo(5);
	}

	static void assertHasNoSecret(ILoggingEvent event) {
		assertThat(event.getFormattedMessage()).doesNotContain(API_KEY).doesNotContain("plain-secret-value");
		if (event.getArgumentArray() != null) {
			for (Object argument : event.getArgumentArray()) {
				assertThat(String.valueOf(argument)).doesNotContain(API_KEY);
			}
		}
		assertThat(String.valueOf(event.getMDCPropertyMap())).doesNotContain(API_KEY);
		for (IThrowableProxy throwable = event.getThrowableProxy(); throwable != null; throwable = throwable
			.getCause()) {
			assertThat(String.valueOf(throwable.getMessage())).doesNotContain(API_KEY);
		}
	}

}
