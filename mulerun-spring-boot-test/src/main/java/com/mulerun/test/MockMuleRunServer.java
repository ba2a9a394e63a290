package com.mulerun.test;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.error.MuleRunNotFoundException;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.StreamOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.core.JacksonException;

/**
 * An in-process mock of the MuleRun chat completions endpoint
 * ({@code POST /v1/chat/completions}) that speaks the real wire format:
 * {@code chat.completion} JSON for a plain request, {@code chat.completion.chunk}
 * server-sent events ending with {@code data: [DONE]} for a streaming one, and
 * OpenAI-shaped error bodies. It runs on Reactor Netty's {@link HttpServer} on
 * {@code 127.0.0.1} and a random port, on an event loop of its own (one daemon thread):
 * it neither shares nor waits for the application's Reactor Netty resources, so the two
 * stop in any order, at once.
 *
 * <pre class="code">
 * try (MockMuleRunServer server = MockMuleRunServer.start()) {
 *     server.whenLastUserMessageContains("weather").respondWithToolCall("get_weather", "{\"city\":\"Paris\"}");
 *     server.whenAnyRequest().respondWithText("Hello there!");
 *     ChatCompletionTemplate template = ChatCompletionTemplate.builder()
 *         .baseUrl(server.baseUrl()).apiKey("sk-test").build();
 *     assertThat(template.chat("Hi")).isEqualTo("Hello there!");
 *     assertThat(server.lastRequest().model()).isEqualTo("gpt-5");
 * }
 * </pre>
 *
 * <p>
 * Stubs are checked in the order they were registered; the first that matches answers. A
 * request that no stub matches gets {@code 404} with the error code
 * {@code no_stub_matched} and a message naming the model and the last user message, which
 * the client raises as a {@code MuleRunNotFoundException}. A request without a bearer
 * token gets {@code 401}, like the real API. Every request to the endpoint is recorded,
 * in order.
 *
 * <p>
 * In a Spring Boot test, {@code @AutoConfigureMockMuleRun} starts one, points
 * {@code mulerun.base-url} at it and resets it after each test. Thread-safe.
 */
public final class MockMuleRunServer implements AutoCloseable {

	/**
	 * The path the endpoint is served at (any path ending with {@code /chat/completions}
	 * is accepted).
	 */
	public static final String COMPLETIONS_PATH = "/v1/chat/completions";

	private static final String DEFAULT_MODEL = "gpt-5";

	private final LoopResources loops = LoopResources.create("mock-mulerun", 1, 1, true, false);

	private final DisposableServer server;

	private final List<Stub> stubs = new CopyOnWriteArrayList<>();

	private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

	private final AtomicLong sequence = new AtomicLong();

	private MockMuleRunServer(int port) {
		this.server = HttpServer.create()
			.runOn(this.loops, false)
			.host("127.0.0.1")
			.port(port)
			.handle(this::handle)
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Starts a server on {@code 127.0.0.1} and a random free port.
	 * @return the running server
	 */
	public static MockMuleRunServer start() {
		return start(0);
	}

	/**
	 * Starts a server on {@code 127.0.0.1} and the given port.
	 * @param port the port, or {@code 0} for a random free one
	 * @return the running server
	 */
	public static MockMuleRunServer start(int port) {
		return new MockMuleRunServer(port);
	}

	/**
	 * Returns the base URL to configure the client with ({@code mulerun.base-url}), such
	 * as {@code http://127.0.0.1:54321}.
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Returns the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Tells whether the server still accepts connections.
	 * @return {@code false} once it was stopped
	 */
	public boolean isRunning() {
		return !this.server.isDisposed();
	}

	/**
	 * Stops the server and closes its connections; does nothing when it is stopped
	 * already.
	 */
	public void stop() {
		if (!this.server.isDisposed()) {
			this.server.disposeNow(Duration.ofSeconds(5));
			// nothing is left to finish on the loop: no quiet period
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(5));
		}
	}

	/**
	 * Stops the server, like {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Removes every stub and forgets every recorded request; the server keeps running on
	 * the same port.
	 */
	public void reset() {
		this.stubs.clear();
		this.recorded.clear();
	}

	// --- stubbing
	// ------------------------------------------------------------------------------------------

	/**
	 * Starts a stub that matches every request.
	 * @return the stub's condition, to finish with a {@code respondWith...} method
	 */
	public StubBuilder whenAnyRequest() {
		return new StubBuilder(this.stubs::add, StubBuilder.ANY_REQUEST, (request) -> true);
	}

	/**
	 * Starts a stub that matches the requests the predicate accepts.
	 * @param predicate the condition on the typed request
	 * @return the stub's condition
	 */
	public StubBuilder when(Predicate<ChatCompletionRequest> predicate) {
		return whenAnyRequest().and(predicate);
	}

	/**
	 * Starts a stub that matches requests for the given model.
	 * @param model the model id
	 * @return the stub's condition
	 */
	public StubBuilder whenModel(String model) {
		return whenAnyRequest().andModel(model);
	}

	/**
	 * Starts a stub that matches requests whose last user message contains the given
	 * text.
	 * @param text the text
	 * @return the stub's condition
	 */
	public StubBuilder whenLastUserMessageContains(String text) {
		return whenAnyRequest().andLastUserMessageContains(text);
	}

	/**
	 * Starts a stub that matches requests whose last user message is the given text.
	 * @param text the text
	 * @return the stub's condition
	 */
	public StubBuilder whenLastUserMessageEquals(String text) {
		return whenAnyRequest().andLastUserMessageEquals(text);
	}

	/**
	 * Returns the registered stubs, in the order they are checked.
	 * @return a snapshot of the stubs
	 */
	public List<Stub> stubs() {
		return List.copyOf(this.stubs);
	}

	/**
	 * Returns the text of the last message whose role is {@code user}, as stubs match it;
	 * handy in {@link StubBuilder#respondUsing}.
	 * @param request the request
	 * @return the text, or {@code null} when the request has no user message
	 */
	public static @Nullable String lastUserMessageOf(ChatCompletionRequest request) {
		return WireFormat.lastUserMessage(request);
	}

	// --- captured requests
	// ---------------------------------------------------------------------------------

	/**
	 * Returns the typed requests received, in order.
	 * @return a snapshot of the requests
	 */
	public List<ChatCompletionRequest> requests() {
		return this.recorded.stream().map(RecordedRequest::request).toList();
	}

	/**
	 * Returns the requests received with their raw bodies and headers, in order.
	 * @return a snapshot of the recorded requests
	 */
	public List<RecordedRequest> recordedRequests() {
		return List.copyOf(this.recorded);
	}

	/**
	 * Returns the raw JSON bodies of the requests received, in order.
	 * @return a snapshot of the bodies
	 */
	public List<String> requestBodies() {
		return this.recorded.stream().map(RecordedRequest::body).toList();
	}

	/**
	 * Returns the number of requests received.
	 * @return the count
	 */
	public int requestCount() {
		return this.recorded.size();
	}

	/**
	 * Returns the last typed request received.
	 * @return the request
	 * @throws IllegalStateException when no request was received
	 */
	public ChatCompletionRequest lastRequest() {
		return lastRecordedRequest().request();
	}

	/**
	 * Returns the last request received with its raw body and headers.
	 * @return the recorded request
	 * @throws IllegalStateException when no request was received
	 */
	public RecordedRequest lastRecordedRequest() {
		List<RecordedRequest> snapshot = recordedRequests();
		if (snapshot.isEmpty()) {
			throw new IllegalStateException("The mock MuleRun server at " + baseUrl() + " has received no request");
		}
		return snapshot.get(snapshot.size() - 1);
	}

	@Override
	public String toString() {
		return "MockMuleRunServer[" + baseUrl() + ", stubs=" + this.stubs.size() + ", requests=" + this.recorded.size()
				+ "]";
	}

	// --- serving
	// -------------------------------------------------------------------------------------------

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		return request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> dispatch(request, response, body));
	}

	private Mono<Void> dispatch(HttpServerRequest httpRequest, HttpServerResponse response, byte[] body) {
		long number = this.sequence.incrementAndGet();
		response.header("x-request-id", "req_mock_" + number);
		String path = httpRequest.fullPath();
		if (!HttpMethod.POST.equals(httpRequest.method()) || !path.endsWith("/chat/completions")) {
			return sendJson(response, 404,
					WireFormat.openAiError("invalid_request_error", "unknown_url",
							"The mock MuleRun server serves POST " + COMPLETIONS_PATH + " only, not "
									+ httpRequest.method().name() + " " + path));
		}
		ChatCompletionRequest request;
		try {
			request = ChatJson.mapper().readValue(body, ChatCompletionRequest.class);
		}
		catch (JacksonException ex) {
			return sendJson(response, 400,
					WireFormat.openAiError("invalid_request_error", "invalid_json",
							"The mock MuleRun server could not read the request body as a chat completion request: "
									+ ex.getOriginalMessage()));
		}
		this.recorded.add(new RecordedRequest(httpRequest.method().name(), path, headers(httpRequest),
				new String(body, StandardCharsets.UTF_8), request));
		String authorization = httpRequest.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
			return sendJson(response, 401, WireFormat.openAiError("invalid_request_error", "missing_api_key",
					"You didn't provide an API key: send it as 'Authorization: Bearer <key>'"));
		}
		MockResponse answer;
		try {
			answer = answer(request);
		}
		catch (RuntimeException ex) {
			return sendJson(response, 500, WireFormat.openAiError("server_error", "stub_failed",
					"A stub of the mock MuleRun server failed: " + ex));
		}
		if (answer == null) {
			return sendJson(response, 404,
					WireFormat.openAiError("invalid_request_error", "no_stub_matched", noMatchMessage(request)));
		}
		Mono<Void> send = Mono.defer(() -> send(response, request, answer, number));
		Duration delay = answer.responseDelay();
		return delay.isZero() ? send : Mono.delay(delay).then(send);
	}

	private @Nullable MockResponse answer(ChatCompletionRequest request) {
		for (Stub stub : this.stubs) {
			MockResponse answer = stub.answer(request);
			if (answer != null) {
				return answer;
			}
		}
		return null;
	}

	private String noMatchMessage(ChatCompletionRequest request) {
		String lastUserMessage = WireFormat.lastUserMessage(request);
		StringBuilder message = new StringBuilder("No stub matched the request (model=").append(request.model())
			.append(", stream=")
			.append(Boolean.TRUE.equals(request.stream()))
			.append(", last user message=")
			.append((lastUserMessage != null) ? '"' + WireFormat.abbreviate(lastUserMessage, 80) + '"' : "none")
			.append(')');
		List<Stub> snapshot = stubs();
		if (snapshot.isEmpty()) {
			message.append("; no stub is registered: add one such as "
					+ "mockMuleRunServer.whenAnyRequest().respondWithText(\"...\")");
		}
		else {
			message.append("; stubs checked: ");
			List<String> descriptions = new ArrayList<>();
			for (Stub stub : snapshot) {
				descriptions.add("[" + stub.description() + ", answered " + stub.matchCount() + "]");
			}
			message.append(String.join(", ", descriptions));
		}
		return message.toString();
	}

	private Mono<Void> send(HttpServerResponse response, ChatCompletionRequest request, MockResponse answer,
			long number) {
		answer.headers().forEach(response::header);
		if (answer.isError()) {
			String body = answer.errorBody();
			String trimmed = body.stripLeading();
			boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
			return sendBody(response, answer.status(), json ? "application/json" : "text/plain; charset=utf-8", body);
		}
		WireFormat.Answer identity = new WireFormat.Answer("chatcmpl-mock-" + number, Instant.now().getEpochSecond(),
				(answer.model() != null) ? answer.model() : Objects.requireNonNullElse(request.model(), DEFAULT_MODEL));
		WireFormat.Tokens tokens = WireFormat.tokens(request, answer);
		boolean stream = Boolean.TRUE.equals(request.stream());
		if (!stream) {
			if (answer.failAfterChunks() >= 0) {
				return closeConnection(response);
			}
			return sendJson(response, 200, WireFormat.completion(identity, answer, tokens));
		}
		StreamOptions options = request.streamOptions();
		boolean includeUsage = options != null && Boolean.TRUE.equals(options.includeUsage());
		List<String> events = new ArrayList<>(WireFormat.streamEvents(identity, answer, tokens, includeUsage));
		boolean close = false;
		if (answer.failAfterChunks() >= 0) {
			events = new ArrayList<>(events.subList(0, Math.min(answer.failAfterChunks(), events.size())));
			close = true;
		}
		else if (answer.streamErrorAfterChunks() >= 0) {
			events = new ArrayList<>(events.subList(0, Math.min(answer.streamErrorAfterChunks(), events.size())));
			events.add(WireFormat.errorEvent(Objects.requireNonNull(answer.streamErrorBody())));
		}
		else {
			events.add(WireFormat.done());
		}
		Flux<String> source = Flux.fromIterable(events);
		if (!answer.chunkDelay().isZero()) {
			source = source.delayElements(answer.chunkDelay());
		}
		Flux<ByteBuf> buffers = source.map((event) -> Unpooled.wrappedBuffer(event.getBytes(StandardCharsets.UTF_8)));
		response.status(200)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
			.header(HttpHeaderNames.CACHE_CONTROL, "no-cache");
		Mono<Void> sent = response.sendHeaders().then().then(response.send(buffers, (buffer) -> true).then());
		return close ? sent.then(closeConnection(response)) : sent;
	}

	private static Mono<Void> closeConnection(HttpServerResponse response) {
		return Mono.create((sink) -> response.withConnection((connection) -> close(connection, sink::success)));
	}

	private static void close(Connection connection, Runnable onClosed) {
		connection.channel().close().addListener((future) -> onClosed.run());
	}

	private static Mono<Void> sendJson(HttpServerResponse response, int status, String json) {
		return sendBody(response, status, "application/json", json);
	}

	private static Mono<Void> sendBody(HttpServerResponse response, int status, String contentType, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, contentType)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
			.sendByteArray(Mono.just(bytes))
			.then();
	}

	private static Map<String, List<String>> headers(HttpServerRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : request.requestHeaders()) {
			headers.computeIfAbsent(header.getKey(), (name) -> new ArrayList<>()).add(header.getValue());
		}
		return headers;
	}

}
