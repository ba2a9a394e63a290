package com.mulerun.chat;

import com.mulerun.chat.TemplateTestSupport.RecordingScheduler;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunQuotaExceededException;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.error.MuleRunStreamErrorEventException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import reactor.core.publisher.Mono;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.mulerun.chat.TemplateTestSupport.REQUEST;
import static com.mulerun.chat.TemplateTestSupport.await;
import static com.mulerun.chat.TemplateTestSupport.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which failures {@link ChatCompletionTemplate} retries, how long it waits in between,
 * and that a stream is retried only until its first chunk reached the subscriber.
 * Attempts are counted on the server; waits the server asks for are checked on a
 * virtual-time scheduler that records every delay requested from it.
 */
class ChatCompletionTemplateRetryTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	/**
	 * Backoffs so short that retries without a server-requested delay need no waiting.
	 */
	private static final RetrySettings FAST = RetrySettings.DEFAULTS.withMaxRetries(2)
		.withInitialBackoff(Duration.ofMillis(1))
		.withMaxBackoff(Duration.ofMillis(1));

	/**
	 * Distinct timeouts, so that the recording scheduler can tell them from retry delays.
	 */
	private static final Timeouts VIRTUAL_TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(99),
			Duration.ofSeconds(98), Duration.ofSeconds(997));

	private static final String STREAM = """
			data: {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

			data: {"id":"c1","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

			data: [DONE]

			""";

	private static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",
			"content":"Hello"},"finish_reason":"stop"}]}""";

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

	private static ChatCompletionTemplate template(RetrySettings policy) {
		return ChatCompletionTemplate.builder().baseUrl(server.baseUrl()).retrySettings(policy).build();
	}

	private static ChatCompletionTemplate virtualTemplate(RetrySettings policy, RecordingScheduler scheduler) {
		ATTEMPTS_STARTED.set(0);
		return ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			// counts each attempt when it is subscribed, on the thread that resubscribes
			// after a retry delay
			.webClientBuilder(WebClient.builder().filter((request, next) -> Mono.defer(() -> {
				ATTEMPTS_STARTED.incrementAndGet();
				return next.exchange(request);
			})))
			.clientConnector(new ReactorClientHttpConnector())
			.retrySettings(policy)
			.timeouts(VIRTUAL_TIMEOUTS)
			.scheduler(scheduler)
			.build();
	}

	private static ResponseDefinitionBuilder error(int status) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"status " + status + "\",\"type\":\"t\",\"code\":\"c\"}}");
	}

	private static ResponseDefinitionBuilder sse(String body) {
		return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	/**
	 * Answers the first request with {@code first} and every later one with {@code then}.
	 */
	private static void stubSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
		server.stubFor(post("/v1/chat/completions").inScenario("retry")
			.whenScenarioStateIs(STARTED)
			.willReturn(first)
			.willSetStateTo("answered"));
		server
			.stubFor(post("/v1/chat/completions").inScenario("retry").whenScenarioStateIs("answered").willReturn(then));
	}

	@Test
	void eachRetryIsLoggedOnceAtDebug() {
		Logger root = (Logger) LoggerFactory.getLogger("com.mulerun");
		Level level = root.getLevel();
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		root.addAppender(appender);
		root.setLevel(Level.DEBUG);
		try {
			stubSequence(error(503), aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION));
			assertThat(template(FAST).create(REQUEST).content()).isEqualTo("Hello");
		}
		finally {
			root.detachAppender(appender);
			root.setLevel(level);
		}
		assertThat(attempts()).isEqualTo(2);
		assertThat(appender.list).filteredOn((event) -> event.getFormattedMessage().contains("Retr"))
			.singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("Retry 1/2").contains("503"));
	}

	private static int attempts() {
		return server.getAllServeEvents().size();
	}

	// --- which failures are retried
	// -------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(ints = { 408, 409, 429, 500, 502, 503, 529 })
	void transientStatusesAreRetriedUpToMaxRetriesAndTheLastFailureCarriesTheEarlierOnes(int status) {
		server.stubFor(post("/v1/chat/completions").willReturn(error(status)));
		ChatCompletionTemplate template = template(FAST);

		Throwable created = catchThrowable(() -> template.create(REQUEST));
		server.verify(exactly(3), postRequestedFor(urlEqualTo("/v1/chat/completions")));
		server.resetRequests();
		Throwable streamed = catchThrowable(() -> template.stream(REQUEST).blockLast(BLOCK));
		server.verify(exactly(3), postRequestedFor(urlEqualTo("/v1/chat/completions")));

		for (Throwable failure : List.of(created, streamed)) {
			assertThat(failure).isInstanceOf(MuleRunApiException.class);
			assertThat(((MuleRunApiException) failure).statusCode()).isEqualTo(status);
			assertThat(failure.getSuppressed()).filteredOn(MuleRunApiException.class::isInstance).hasSize(2);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void clientErrorsAreNeverRetried(int status) {
		server.stubFor(post("/v1/chat/completions").willReturn(error(status)));
		ChatCompletionTemplate template = template(FAST);

		Throwable created = catchThrowable(() -> template.create(REQUEST));
		Throwable streamed = catchThrowable(() -> template.stream(REQUEST).blockLast(BLOCK));

		server.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(List.of(created, streamed)).allSatisfy((failure) -> {
			assertThat(failure).isInstanceOf(MuleRunApiException.class);
			assertThat(((MuleRunApiException) failure).statusCode()).isEqualTo(status);
			assertThat(((MuleRunApiException) failure).isRetryable()).isFalse();
		});
	}

	@Test
	void insufficientQuotaIsNotRetriedAlthoughItIs429() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody(corpus("openai-429-insufficient-quota.json"))));

		Throwable failure = catchThrowable(() -> template(FAST).create(REQUEST));

		assertThat(failure).isExactlyInstanceOf(MuleRunQuotaExceededException.class);
		assertThat(attempts()).isOne();
	}

	@Test
	void shouldRetryFalseIsHonouredEvenForA503() {
		server.stubFor(post("/v1/chat/completions").willReturn(error(503).withHeader("x-should-retry", "false")));

		Throwable failure = catchThrowable(() -> template(FAST).create(REQUEST));

		assertThat(failure).isExactlyInstanceOf(MuleRunServerException.class);
		assertThat(((MuleRunApiException) failure).shouldRetryHeader()).isFalse();
		assertThat(attempts()).isOne();
	}

	@Test
	void shouldRetryTrueMakesAnOtherwiseFinalStatusRetryable() {
		stubSequence(error(400).withHeader("x-should-retry", "true"),
				aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION));

		ChatCompletion completion = template(FAST).create(REQUEST);

		assertThat(completion.content()).isEqualTo("Hello");
		assertThat(attempts()).isEqualTo(2);
	}

	@Test
	void aConnectionResetBeforeTheResponseIsRetried() {
		stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION));

		assertThat(template(FAST).create(REQUEST).content()).isEqualTo("Hello");
		assertThat(attempts()).isEqualTo(2);
	}

	@Test
	void everyAttemptSendsTheSameRequestBody() {
		server.stubFor(post("/v1/chat/completions").willReturn(error(500)));

		catchThrowable(() -> template(FAST).create(REQUEST));
		catchThrowable(() -> template(FAST).stream(REQUEST).blockLast(BLOCK));

		List<ServeEvent> events = server.getAllServeEvents();
		assertThat(events).hasSize(6);
		List<String> createBodies = events.stream()
			.map((event) -> event.getRequest().getBodyAsString())
			.filter((body) -> !body.contains("\"stream\""))
			.toList();
		List<String> streamBodies = events.stream()
			.map((event) -> event.getRequest().getBodyAsString())
			.filter((body) -> body.contains("\"stream\":true"))
			.toList();
		assertThat(createBodies).hasSize(3).containsOnly(createBodies.get(0));
		assertThat(streamBodies).hasSize(3).containsOnly(streamBodies.get(0));
	}

	// --- streams: retried only before the first chunk
	// -------------------------------------------------

	@Test
	void aStreamThatFailsBeforeItsFirstChunkIsRetriedAndEveryTokenArrivesOnce() {
		stubSequence(error(503), sse(STREAM));

		List<ChatCompletionChunk> chunks = template(FAST).stream(REQUEST).collectList().block(BLOCK);

		assertThat(chunks).extracting(ChatCompletionChunk::text).containsExactly("Hel", "lo");
		assertThat(attempts()).isEqualTo(2);
	}

	@Test
	void aStreamWhoseFirstEventIsATransientErrorIsRetriedBeforeAnyOutput() {
		stubSequence(sse(new String(corpus("claude-compat-stream-error-first-event.sse"),
				java.nio.charset.StandardCharsets.UTF_8)), sse(STREAM));

		List<ChatCompletionChunk> chunks = template(FAST).stream(REQUEST).collectList().block(BLOCK);

		assertThat(chunks).extracting(ChatCompletionChunk::text).containsExactly("Hel", "lo");
		assertThat(attempts()).isEqualTo(2);
	}

	@Test
	void aStreamThatFailsAfterItsFirstChunkIsNotRetried() {
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream")
					.chunk(STREAM.substring(0, STREAM.indexOf("data: [DONE]")))
					.reset(),
				(connection) -> connection.chunkedHeaders(200, "text/event-stream").chunk(STREAM).end())) {
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(scripted.baseUrl())
				.retrySettings(FAST)
				.build();
			List<ChatCompletionChunk> chunks = new CopyOnWriteArrayList<>();

			Throwable failure = catchThrowable(() -> template.stream(REQUEST).doOnNext(chunks::add).blockLast(BLOCK));

			assertThat(chunks).extracting(ChatCompletionChunk::text).containsExactly("Hel", "lo");
			assertThat(failure).isExactlyInstanceOf(MuleRunStreamException.class);
			assertThat(((MuleRunStreamException) failure).chunksReceived()).isEqualTo(2);
			assertThat(scripted.requestCount()).isOne();
		}
	}

	@Test
	void aTransientErrorEventAfterOutputIsNotRetried() {
		server.stubFor(post("/v1/chat/completions").willReturn(
				sse(new String(corpus("openai-midstream-error.sse"), java.nio.charset.StandardCharsets.UTF_8))));
		List<ChatCompletionChunk> chunks = new CopyOnWriteArrayList<>();

		Throwable failure = catchThrowable(() -> template(FAST).stream(REQUEST).doOnNext(chunks::add).blockLast(BLOCK));

		assertThat(failure).isExactlyInstanceOf(MuleRunStreamErrorEventException.class);
		assertThat(((MuleRunApiException) failure).isRetryable()).isTrue();
		assertThat(chunks).hasSize(4);
		assertThat(attempts()).isOne();
	}

	// --- how long the template waits
	// --------------------------------------------------------------------

	@Test
	void retryAfterSecondsIsWaitedExactlyBeforeTheNextAttempt() {
		RecordingScheduler scheduler = new RecordingScheduler();
		stubSequence(error(429).withHeader("Retry-After", "2"),
				aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION));
		CompletableFuture<ChatCompletion> result = virtualTemplate(FAST, scheduler).createMono(REQUEST).toFuture();

		Duration delay = awaitRetryDelay(scheduler);

		assertThat(delay).isEqualTo(Duration.ofSeconds(2));
		scheduler.advanceTimeBy(delay.minusMillis(1));
		assertThat(attemptsStarted(scheduler)).isOne();
		scheduler.advanceTimeBy(Duration.ofMillis(1));
		assertThat(attemptsStarted(scheduler)).isEqualTo(2);
		assertThat(result.orTimeout(10, TimeUnit.SECONDS).join().content()).isEqualTo("Hello");
		assertThat(attempts()).isEqualTo(2);
	}

	@Test
	void retryAfterAsAnHttpDateIsWaitedUntilThatDate() {
		RecordingScheduler scheduler = new RecordingScheduler();
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
		stubSequence(error(503).withHeader("Retry-After", date), sse(STREAM));
		CompletableFuture<List<ChatCompletionChunk>> result = virtualTemplate(FAST, scheduler).stream(REQUEST)
			.collectList()
			.toFuture();

		Duration delay = awaitRetryDelay(scheduler);

		assertThat(delay).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
		scheduler.advanceTimeBy(delay);
		assertThat(result.orTimeout(10, TimeUnit.SECONDS).join()).hasSize(2);
		assertThat(attempts()).isEqualTo(2);
	}

	@Test
	void retryAfterMsTakesPrecedenceOverRetryAfter() {
		RecordingScheduler scheduler = new RecordingScheduler();
		stubSequence(error(429).withHeader("retry-after-ms", "1500").withHeader("Retry-After", "30"),
				aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION));
		CompletableFuture<ChatCompletion> result = virtualTemplate(FAST, scheduler).createMono(REQUEST).toFuture();

		Duration delay = awaitRetryDelay(scheduler);

		assertThat(delay).isEqualTo(Duration.ofMillis(1500));
		scheduler.advanceTimeBy(delay);
		assertThat(result.orTimeout(10, TimeUnit.SECONDS).join().content()).isEqualTo("Hello");
	}

	@Test
	void aServerRequestedDelayIsCappedAtMaxServerDelay() {
		RecordingScheduler scheduler = new RecordingScheduler();
		stubSequence(error(503).withHeader("Retry-After", "3600"),
				aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION));
		RetrySettings policy = FAST.withMaxServerDelay(Duration.ofSeconds(5));
		CompletableFuture<ChatCompletion> result = virtualTemplate(policy, scheduler).createMono(REQUEST).toFuture();

		Duration delay = awaitRetryDelay(scheduler);

		assertThat(delay).isEqualTo(Duration.ofSeconds(5));
		scheduler.advanceTimeBy(delay);
		assertThat(result.orTimeout(10, TimeUnit.SECONDS).join().content()).isEqualTo("Hello");
	}

	@Test
	void theFinalFailureReportsTheRequestedDelayOfEveryAttempt() {
		server.stubFor(post("/v1/chat/completions").willReturn(error(429).withHeader("Retry-After", "0.002")));

		Throwable failure = catchThrowable(() -> template(FAST.withMaxRetries(1)).create(REQUEST));

		assertThat(failure).isExactlyInstanceOf(MuleRunRateLimitException.class);
		assertThat(((MuleRunApiException) failure).retryAfter()).isEqualTo(Duration.ofMillis(2));
		assertThat(failure.getSuppressed()).filteredOn(MuleRunApiException.class::isInstance)
			.singleElement()
			.satisfies((earlier) -> assertThat(((MuleRunApiException) earlier).retryAfter())
				.isEqualTo(Duration.ofMillis(2)));
		assertThat(attempts()).isEqualTo(2);
	}

	@Test
	void withoutAServerHintTheBackoffOfThePolicyIsUsed() {
		RecordingScheduler scheduler = new RecordingScheduler();
		server.stubFor(post("/v1/chat/completions").willReturn(error(500)));
		RetrySettings policy = RetrySettings.DEFAULTS.withMaxRetries(2)
			.withInitialBackoff(Duration.ofSeconds(1))
			.withMultiplier(3)
			.withJitter(0);
		CompletableFuture<ChatCompletion> result = virtualTemplate(policy, scheduler).createMono(REQUEST).toFuture();

		assertThat(awaitRetryDelay(scheduler)).isEqualTo(Duration.ofSeconds(1));
		scheduler.advanceTimeBy(Duration.ofSeconds(1));
		await(BLOCK, "the second retry is scheduled", () -> retryDelays(scheduler).size() == 2);
		assertThat(retryDelays(scheduler)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3));
		scheduler.advanceTimeBy(Duration.ofSeconds(3));
		assertThat(catchThrowable(() -> result.orTimeout(10, TimeUnit.SECONDS).join()))
			.hasCauseExactlyInstanceOf(MuleRunServerException.class);
		assertThat(attempts()).isEqualTo(3);
	}

	private static List<Duration> retryDelays(RecordingScheduler scheduler) {
		return scheduler.delaysExcept(VIRTUAL_TIMEOUTS.response(), VIRTUAL_TIMEOUTS.streamIdle(),
				VIRTUAL_TIMEOUTS.overall());
	}

	private static Duration awaitRetryDelay(RecordingScheduler scheduler) {
		await(BLOCK, "a retry delay is scheduled", () -> !retryDelays(scheduler).isEmpty());
		List<Duration> delays = retryDelays(scheduler);
		assertThat(delays).hasSize(1);
		return delays.get(0);
	}

	private static final AtomicInteger ATTEMPTS_STARTED = new AtomicInteger();

	private static long attemptsStarted(RecordingScheduler scheduler) {
		return ATTEMPTS_STARTED.get();
	}

}
