package com.mulerun.chat;

import com.mulerun.chat.TemplateTestSupport.MeteredPool;
import com.mulerun.chat.TemplateTestSupport.RecordingScheduler;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.http.MuleRunRetry;
import com.mulerun.chat.model.ChatCompletionChunk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.mulerun.chat.TemplateTestSupport.REQUEST;
import static com.mulerun.chat.TemplateTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The four timeouts of {@link ChatCompletionTemplate} against servers that are slow in
 * each phase: each fires as its typed {@link MuleRunClientTimeoutException} soon after
 * its configured value, per-call options override the template's, a stream lives as long
 * as chunks flow, and no pooled connection is left lent out afterwards.
 */
class ChatCompletionTemplateTimeoutTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final Duration SHORT = Duration.ofMillis(250);

	/** How late a timeout may fire on a busy two-core machine. */
	private static final Duration SLACK = Duration.ofMillis(1500);

	private static final String CHUNK_1 = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,"
			+ "\"delta\":{\"content\":\"a\"}}]}\n\n";

	private static final String CHUNK_2 = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,"
			+ "\"delta\":{\"content\":\"b\"}}]}\n\n";

	private static final String CHUNK_3 = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,"
			+ "\"delta\":{\"content\":\"c\"}}]}\n\n";

	private static final String LAST = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"d\"},"
			+ "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

	private static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",
			"content":"Hello"},"finish_reason":"stop"}]}""";

	static WireMockServer server;

	MeteredPool pool;

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().asynchronousResponseEnabled(true));
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void setUp() {
		server.resetAll();
		this.pool = new MeteredPool("timeouts", 10);
	}

	@AfterEach
	void tearDown() {
		this.pool.close();
	}

	private ChatCompletionTemplate template(String baseUrl, Timeouts timeouts) {
		return ChatCompletionTemplate.builder()
			.baseUrl(baseUrl)
			.timeouts(timeouts)
			.retrySettings(RetrySettings.none())
			.clientConnector(this.pool.connector())
			.build();
	}

	private static ResponseDefinitionBuilder completion() {
		return aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION);
	}

	private static Timed timed(Runnable call) {
		long start = System.nanoTime();
		Throwable failure = catchThrowable(call::run);
		return new Timed(failure, Duration.ofNanos(System.nanoTime() - start));
	}

	private static void assertTimeout(Timed timed, MuleRunClientTimeoutException.Kind kind, Duration timeout) {
		assertThat(timed.failure()).isExactlyInstanceOf(MuleRunClientTimeoutException.class);
		MuleRunClientTimeoutException ex = (MuleRunClientTimeoutException) timed.failure();
		assertThat(ex.kind()).isEqualTo(kind);
		assertThat(ex.timeout()).isEqualTo(timeout);
		assertThat(ex.getMessage()).contains(kind.property());
		assertThat(timed.elapsed()).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plus(SLACK));
	}

	/** No connection is left lent out, and the template still works. */
	private void assertNoConnectionLeaked(ChatCompletionTemplate template) {
		this.pool.awaitNoneAcquired();
		server.resetAll();
		server.stubFor(post("/v1/chat/completions").willReturn(completion()));
		assertThat(template.create(REQUEST, CallOptions.builder().responseTimeout(BLOCK).build()).content())
			.isEqualTo("Hello");
		this.pool.awaitNoneAcquired();
	}

	// --- response
	// ---------------------------------------------------------------------------------------

	@Test
	void slowResponseHeadersRaiseAResponseTimeoutForBlockingCalls() {
		server.stubFor(post("/v1/chat/completions").willReturn(completion().withFixedDelay(3000)));
		ChatCompletionTemplate template = template(server.baseUrl(), Timeouts.DEFAULTS.withResponse(SHORT));

		Timed timed = timed(() -> template.create(REQUEST));

		assertTimeout(timed, MuleRunClientTimeoutException.Kind.RESPONSE, SHORT);
		assertThat(MuleRunRetry.isRetryable(timed.failure())).isTrue();
		assertNoConnectionLeaked(template);
	}

	@Test
	void slowResponseHeadersRaiseAResponseTimeoutForStreams() {
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(CHUNK_1 + LAST)
				.withFixedDelay(3000)));
		ChatCompletionTemplate template = template(server.baseUrl(), Timeouts.DEFAULTS.withResponse(SHORT));

		Timed timed = timed(() -> template.stream(REQUEST).blockLast(BLOCK));

		assertTimeout(timed, MuleRunClientTimeoutException.Kind.RESPONSE, SHORT);
		assertNoConnectionLeaked(template);
	}

	@Test
	void aPerCallResponseTimeoutOverridesTheTemplates() {
		server.stubFor(post("/v1/chat/completions").willReturn(completion().withFixedDelay(3000)));
		ChatCompletionTemplate template = template(server.baseUrl(), Timeouts.DEFAULTS);
		Duration perCall = Duration.ofMillis(200);

		Timed timed = timed(() -> template.create(REQUEST, CallOptions.builder().responseTimeout(perCall).build()));

		assertTimeout(timed, MuleRunClientTimeoutException.Kind.RESPONSE, perCall);
	}

	// --- stream idle
	// ------------------------------------------------------------------------------------

	@Test
	void aStreamThatStallsMidwayRaisesAStreamIdleTimeoutAndIsNotRetried() {
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream").chunk(CHUNK_1).stall())) {
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(scripted.baseUrl())
				.timeouts(Timeouts.DEFAULTS.withStreamIdle(SHORT))
				.retrySettings(RetrySettings.DEFAULTS)
				.clientConnector(this.pool.connector())
				.build();
			List<ChatCompletionChunk> chunks = new CopyOnWriteArrayList<>();

			Timed timed = timed(() -> template.stream(REQUEST).doOnNext(chunks::add).blockLast(BLOCK));

			assertTimeout(timed, MuleRunClientTimeoutException.Kind.STREAM_IDLE, SHORT);
			assertThat(chunks).extracting(ChatCompletionChunk::text).containsExactly("a");
			assertThat(MuleRunRetry.isRetryable(timed.failure())).isFalse();
			assertThat(scripted.requestCount()).isOne();
			this.pool.awaitNoneAcquired();
		}
	}

	@Test
	void aStreamWhoseBodyNeverStartsRaisesAPerCallStreamIdleTimeout() {
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream").stall())) {
			ChatCompletionTemplate template = template(scripted.baseUrl(), Timeouts.DEFAULTS);
			Duration perCall = Duration.ofMillis(200);

			Timed timed = timed(() -> template.stream(REQUEST, CallOptions.builder().streamIdleTimeout(perCall).build())
				.blockLast(BLOCK));

			assertTimeout(timed, MuleRunClientTimeoutException.Kind.STREAM_IDLE, perCall);
			this.pool.awaitNoneAcquired();
		}
	}

	@Test
	void aLongStreamWhoseChunksKeepFlowingLivesPastTheIdleTimeout() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			body.append("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
				.append(i)
				.append("\"}}]}\n\n");
		}
		body.append(LAST);
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(body.toString())
				.withChunkedDribbleDelay(8, 800)));
		ChatCompletionTemplate template = template(server.baseUrl(),
				Timeouts.DEFAULTS.withStreamIdle(Duration.ofMillis(400)));

		long start = System.nanoTime();
		String text = String.join("", template.streamText(REQUEST).collectList().block(BLOCK));

		assertThat(text).isEqualTo("0123456789d");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(600));
		assertNoConnectionLeaked(template);
	}

	@Test
	void timeInWhichTheSubscriberRequestsNothingDoesNotCountAsIdle() {
		RecordingScheduler scheduler = new RecordingScheduler();
		// headers and three chunks in one write: the client holds b and c while the
		// subscriber requests nothing
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream", CHUNK_1 + CHUNK_2 + CHUNK_3)
					.stall()
					.chunk(LAST)
					.end())) {
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(scripted.baseUrl())
				.timeouts(Timeouts.DEFAULTS.withStreamIdle(Duration.ofSeconds(30)))
				.retrySettings(RetrySettings.none())
				.scheduler(scheduler)
				.clientConnector(this.pool.connector())
				.build();

			StepVerifier.create(template.streamText(REQUEST), 1)
				.expectNext("a")
				.then(() -> scheduler.advanceTimeBy(Duration.ofMinutes(10)))
				.thenRequest(2)
				.expectNext("b", "c")
				.then(scripted::release)
				.thenRequest(Long.MAX_VALUE)
				.expectNext("d")
				.expectComplete()
				.verify(BLOCK);
		}
	}

	@Test
	void aStalledServerWithPendingDemandTimesOutOnVirtualTime() {
		RecordingScheduler scheduler = new RecordingScheduler();
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream").chunk(CHUNK_1).stall())) {
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(scripted.baseUrl())
				.timeouts(Timeouts.DEFAULTS.withStreamIdle(Duration.ofSeconds(30)))
				.retrySettings(RetrySettings.none())
				.scheduler(scheduler)
				.clientConnector(this.pool.connector())
				.build();

			List<String> texts = new CopyOnWriteArrayList<>();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			Disposable subscription = template.streamText(REQUEST).subscribe(texts::add, failure::set);

			await(BLOCK, "the first chunk arrives", () -> texts.size() == 1);
			scheduler.advanceTimeBy(Duration.ofSeconds(29));
			assertThat(failure.get()).isNull();
			scheduler.advanceTimeBy(Duration.ofSeconds(1));
			await(BLOCK, "the stream fails", () -> failure.get() != null);

			assertThat(failure.get()).isExactlyInstanceOf(MuleRunClientTimeoutException.class);
			assertThat(((MuleRunClientTimeoutException) failure.get()).kind())
				.isEqualTo(MuleRunClientTimeoutException.Kind.STREAM_IDLE);
			assertThat(texts).containsExactly("a");
			assertThat(subscription.isDisposed()).isTrue();
			this.pool.awaitNoneAcquired();
		}
	}

	// --- overall
	// ----------------------------------------------------------------------------------------

	@Test
	void aSlowNonStreamingCallRaisesTheOverallTimeout() {
		server.stubFor(post("/v1/chat/completions").willReturn(completion().withFixedDelay(3000)));
		ChatCompletionTemplate template = template(server.baseUrl(),
				Timeouts.DEFAULTS.withResponse(Duration.ofSeconds(5)).withOverall(SHORT));

		Timed timed = timed(() -> template.create(REQUEST));

		assertTimeout(timed, MuleRunClientTimeoutException.Kind.OVERALL, SHORT);
		assertThat(MuleRunRetry.isRetryable(timed.failure())).isFalse();
		assertNoConnectionLeaked(template);
	}

	@Test
	void theOverallTimeoutIncludesTheWaitBetweenRetries() {
		server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5").withBody("busy")));
		ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.retrySettings(RetrySettings.DEFAULTS)
			.clientConnector(this.pool.connector())
			.build();
		Duration perCall = Duration.ofMillis(300);

		Timed timed = timed(() -> template.create(REQUEST, CallOptions.builder().overallTimeout(perCall).build()));

		assertTimeout(timed, MuleRunClientTimeoutException.Kind.OVERALL, perCall);
		await(BLOCK, "the server logged the request", () -> server.getAllServeEvents().size() == 1);
		this.pool.awaitNoneAcquired();
	}

	// --- connect
	// ----------------------------------------------------------------------------------------

	@Test
	void aServerThatAcceptsNoConnectionRaisesAConnectTimeout() throws IOException {
		List<Socket> fillers = new ArrayList<>();
		try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			fillBacklog(full, fillers);
			Duration connect = Duration.ofMillis(200);
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl("http://127.0.0.1:" + full.getLocalPort())
				.timeouts(Timeouts.DEFAULTS.withConnect(connect))
				.retrySettings(RetrySettings.none())
				.build();

			Timed created = timed(() -> template.create(REQUEST));
			Timed streamed = timed(() -> template.stream(REQUEST).blockLast(BLOCK));

			assertTimeout(created, MuleRunClientTimeoutException.Kind.CONNECT, connect);
			assertTimeout(streamed, MuleRunClientTimeoutException.Kind.CONNECT, connect);
			assertThat(MuleRunRetry.isRetryable(created.failure())).isTrue();
		}
		finally {
			for (Socket filler : fillers) {
				filler.close();
			}
		}
	}

	/**
	 * Connects until the listen backlog of a server that never accepts is full, so that
	 * further connection attempts get no answer.
	 */
	private static void fillBacklog(ServerSocket server, List<Socket> fillers) throws IOException {
		for (int i = 0; i < 64; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 100);
				fillers.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return;
			}
		}
		throw new IllegalStateException("Could not fill the backlog of " + server);
	}

	/**
	 * The failure of a call and how long the call took.
	 */
	private record Timed(Throwable failure, Duration elapsed) {
	}

}
