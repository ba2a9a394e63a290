package com.mulerun.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A fast, local, OpenAI-compatible chat completions endpoint: Reactor Netty on
 * {@code 127.0.0.1}, an ephemeral port, its own event loops (threads named
 * {@value #THREAD_PREFIX}..., so the benchmark can leave them out of the client's
 * allocation and CPU sums), serving pre-serialised bodies.
 *
 * <p>
 * {@code POST .../chat/completions} with a bearer token and a body holding
 * {@link Payloads#PROMPT_MARKER} gets a {@code chat.completion} (or, when the body holds
 * {@code "stream":true}, the event stream, one event per HTTP chunk, each flushed on its
 * own as a real server streaming tokens does). Anything else is answered with an error
 * status and counted in {@link #rejected()}, so a client that sends a wrong request
 * cannot pass unnoticed.
 */
public final class FakeOpenAiServer implements AutoCloseable {

	/** The prefix of the names of the server's threads. */
	public static final String THREAD_PREFIX = "fakesrv";

	/** The API key the server expects. */
	public static final String API_KEY = "sk-bench-0000";

	private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] MARKER = Payloads.PROMPT_MARKER.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FEATURE_MARKER = Payloads.FEATURE_MARKER.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TOOL_MESSAGE = "\"role\":\"tool\"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TOOL_NAME = Payloads.TOOL_NAME.getBytes(StandardCharsets.US_ASCII);

	private final DisposableServer server;

	private final LoopResources loops;

	private final ByteBuf completion;

	private final ByteBuf structured;

	private final ByteBuf toolCall;

	private final ByteBuf[] events;

	private final Payloads.EventStream stream;

	private final int burst;

	private final Duration burstGap;

	private final Scheduler pacer;

	private final AtomicLong completions = new AtomicLong();

	private final AtomicLong streams = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicLong featureRequestBytes = new AtomicLong();

	private final AtomicInteger activeStreams = new AtomicInteger();

	private final AtomicInteger peakActiveStreams = new AtomicInteger();

	private final AtomicReference<Sinks.@Nullable Empty<Void>> gate = new AtomicReference<>();

	private FakeOpenAiServer(Payloads.EventStream stream, int loopThreads, int burst, Duration burstGap) {
		this.stream = stream;
		this.burst = burst;
		this.burstGap = burstGap;
		this.completion = constant(Payloads.completionBody());
		this.structured = constant(Payloads.structuredBody());
		this.toolCall = constant(Payloads.toolCallBody());
		List<byte[]> eventBytes = stream.events();
		this.events = new ByteBuf[eventBytes.size()];
		for (int i = 0; i < this.events.length; i++) {
			this.events[i] = constant(eventBytes.get(i));
		}
		this.pacer = burstGap.isZero() ? Schedulers.immediate() : Schedulers.newParallel(THREAD_PREFIX + "-pacer", 1);
		this.loops = LoopResources.create(THREAD_PREFIX, 1, loopThreads, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			// a deep accept queue: the soak opens a thousand connections at once
			.option(io.netty.channel.ChannelOption.SO_BACKLOG, 4096)
			.handle(this::handle)
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Starts a server that streams every event as fast as it can.
	 * @param chunks the number of chunk events per stream
	 * @param loopThreads the number of event loop threads
	 * @return the started server
	 */
	public static FakeOpenAiServer start(int chunks, int loopThreads) {
		return new FakeOpenAiServer(Payloads.stream(chunks), loopThreads, Integer.MAX_VALUE, Duration.ZERO);
	}

	/**
	 * Starts a server that streams in bursts of {@code burst} events separated by
	 * {@code gap}, so that streams stay open for a while (the soak uses it to hold many
	 * streams open at once).
	 * @param chunks the number of chunk events per stream
	 * @param loopThreads the number of event loop threads
	 * @param burst the number of events per burst
	 * @param gap the pause between bursts
	 * @return the started server
	 */
	public static FakeOpenAiServer startPaced(int chunks, int loopThreads, int burst, Duration gap) {
		return new FakeOpenAiServer(Payloads.stream(chunks), loopThreads, burst, gap);
	}

	private static ByteBuf constant(byte[] bytes) {
		ByteBuf direct = Unpooled.directBuffer(bytes.length, bytes.length);
		direct.writeBytes(bytes);
		return Unpooled.unreleasableBuffer(direct);
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		if (!request.uri().endsWith("/chat/completions") || !"POST".equals(request.method().name())) {
			this.rejected.incrementAndGet();
			return response.status(HttpResponseStatus.NOT_FOUND).send();
		}
		String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		if (authorization == null || !authorization.equals("Bearer " + API_KEY)) {
			this.rejected.incrementAndGet();
			return request.receive().then(response.status(HttpResponseStatus.UNAUTHORIZED).send().then());
		}
		return request.receive().aggregate().flatMap((body) -> {
			if (indexOf(body, MARKER) < 0) {
				this.rejected.incrementAndGet();
				return response.status(HttpResponseStatus.BAD_REQUEST).send().then();
			}
			boolean streaming = indexOf(body, STREAM_TRUE) >= 0;
			response.header("x-request-id", "req_7b1c2f0d9e8a4c3b")
				.header("openai-processing-ms", "212")
				.header("openai-version", "2020-10-01");
			if (!streaming) {
				this.completions.incrementAndGet();
				ByteBuf answer = answer(body);
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.readableBytes()))
					.send(Mono.just(answer.duplicate()))
					.then();
			}
			this.streams.incrementAndGet();
			int active = this.activeStreams.incrementAndGet();
			this.peakActiveStreams.accumulateAndGet(active, Math::max);
			return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
				.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
				.send(events(), (buffer) -> true)
				.then()
				.doFinally((signal) -> this.activeStreams.decrementAndGet());
		});
	}

	/**
	 * Returns the non-streaming answer: the completion, unless the body carries the
	 * feature marker; then the final answer after a tool result, a tool call when the
	 * tool is advertised, else the structured answer.
	 */
	private ByteBuf answer(ByteBuf body) {
		if (indexOf(body, FEATURE_MARKER) < 0) {
			return this.completion;
		}
		this.featureRequestBytes.addAndGet(body.readableBytes());
		if (indexOf(body, TOOL_MESSAGE) >= 0) {
			return this.completion;
		}
		return (indexOf(body, TOOL_NAME) >= 0) ? this.toolCall : this.structured;
	}

	private Flux<ByteBuf> events() {
		if (this.burst >= this.events.length) {
			return Flux.range(0, this.events.length).map((i) -> this.events[i].duplicate());
		}
		int bursts = (this.events.length + this.burst - 1) / this.burst;
		Sinks.Empty<Void> held = this.gate.get();
		Mono<Void> afterFirstBurst = (held != null) ? held.asMono() : Mono.empty();
		return Flux.range(0, bursts)
			.concatMap((b) -> Flux.range(b * this.burst, Math.min(this.burst, this.events.length - b * this.burst))
				.map((i) -> this.events[i].duplicate())
				.delaySubscription(delay(b, afterFirstBurst)));
	}

	private Mono<?> delay(int burst, Mono<Void> afterFirstBurst) {
		if (burst == 0) {
			return Mono.just(0L);
		}
		Mono<Long> gap = Mono.delay(this.burstGap, this.pacer);
		return (burst == 1) ? afterFirstBurst.then(gap) : gap;
	}

	/**
	 * Holds the streams that start from now on after their first burst, until
	 * {@link #release()}: a paced server's streams then stay open and receiving for as
	 * long as the caller needs (the soak measures the client's heap meanwhile).
	 */
	public void hold() {
		this.gate.set(Sinks.empty());
	}

	/**
	 * Lets the held streams go on and stops holding new ones.
	 */
	public void release() {
		Sinks.Empty<Void> held = this.gate.getAndSet(null);
		if (held != null) {
			held.tryEmitEmpty();
		}
	}

	/**
	 * Returns the number of streams being served now. @return the count
	 */
	public int activeStreams() {
		return this.activeStreams.get();
	}

	/**
	 * Starts counting the peak of streams served at once anew.
	 */
	public void resetPeak() {
		this.peakActiveStreams.set(this.activeStreams.get());
	}

	private static int indexOf(ByteBuf body, byte[] needle) {
		int end = body.writerIndex() - needle.length;
		outer: for (int i = body.readerIndex(); i <= end; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (body.getByte(i + j) != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * Returns the base URL, {@code http://127.0.0.1:PORT}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Returns the stream the server sends.
	 * @return the stream
	 */
	public Payloads.EventStream stream() {
		return this.stream;
	}

	/** Returns the number of non-streaming requests answered. @return the count */
	public long completions() {
		return this.completions.get();
	}

	/** Returns the number of streams started. @return the count */
	public long streams() {
		return this.streams.get();
	}

	/**
	 * Returns the bytes of the request bodies that carried the feature marker. @return
	 * the count
	 */
	public long featureRequestBytes() {
		return this.featureRequestBytes.get();
	}

	/**
	 * Returns the number of requests rejected (wrong path, key or body). @return the
	 * count
	 */
	public long rejected() {
		return this.rejected.get();
	}

	/** Returns the most streams that were open at once. @return the peak */
	public int peakActiveStreams() {
		return this.peakActiveStreams.get();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater().block(Duration.ofSeconds(5));
		this.pacer.dispose();
	}

}
