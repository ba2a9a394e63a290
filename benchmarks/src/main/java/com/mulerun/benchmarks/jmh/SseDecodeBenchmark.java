package com.mulerun.benchmarks.jmh;

import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.stream.SseEventHandler;
import com.mulerun.chat.stream.SseFrameDecoder;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mulerun.benchmarks.Payloads;
import com.mulerun.benchmarks.clients.RawWebClient.RawChunk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Flux;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import org.springframework.http.codec.json.JacksonJsonDecoder;

/**
 * Decoding one 200-chunk event stream, delivered one event per network read as the fake
 * endpoint sends it; scores are per chunk. The template's path ({@link SseFrameDecoder}
 * over the bytes, then the chunk parsed from the frame's bytes) against Spring's
 * ({@link ServerSentEventHttpMessageReader} into {@code ServerSentEvent<String>}, then
 * {@code readValue} of the data string), each with frames alone and with chunk
 * deserialisation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(SseDecodeBenchmark.CHUNKS)
public class SseDecodeBenchmark {

	static final int CHUNKS = 200;

	private static final ResolvableType SSE_STRING = ResolvableType.forClassWithGenerics(ServerSentEvent.class,
			String.class);

	private final ObjectReader chunkReader = ChatJson.mapper().readerFor(ChatCompletionChunk.class);

	private final JsonMapper rawMapper = JsonMapper.builder().build();

	private final ObjectReader rawChunkReader = this.rawMapper.readerFor(RawChunk.class);

	private final ServerSentEventHttpMessageReader springReader = new ServerSentEventHttpMessageReader(
			new JacksonJsonDecoder());

	private byte[][] events;

	@Setup
	public void setup() {
		this.events = Payloads.stream(CHUNKS).events().toArray(byte[][]::new);
	}

	@Benchmark
	public void templateFrames(Blackhole blackhole) {
		SseFrameDecoder decoder = new SseFrameDecoder();
		SseEventHandler handler = (type, data, offset, length) -> blackhole.consume(length);
		for (byte[] event : this.events) {
			DataBuffer buffer = NettyBuffers.read(event);
			decoder.decode(buffer, handler);
			DataBufferUtils.release(buffer);
		}
	}

	@Benchmark
	public void templateFramesAndChunks(Blackhole blackhole) {
		SseFrameDecoder decoder = new SseFrameDecoder();
		SseEventHandler handler = (type, data, offset, length) -> {
			if (length != 6 || data[offset] != '[') {
				blackhole.consume(this.chunkReader.<ChatCompletionChunk>readValue(data, offset, length));
			}
		};
		for (byte[] event : this.events) {
			DataBuffer buffer = NettyBuffers.read(event);
			decoder.decode(buffer, handler);
			DataBufferUtils.release(buffer);
		}
	}

	@Benchmark
	public void templateFramesAndRawChunks(Blackhole blackhole) {
		SseFrameDecoder decoder = new SseFrameDecoder();
		SseEventHandler handler = (type, data, offset, length) -> {
			if (length != 6 || data[offset] != '[') {
				blackhole.consume(this.rawChunkReader.<RawChunk>readValue(data, offset, length));
			}
		};
		for (byte[] event : this.events) {
			DataBuffer buffer = NettyBuffers.read(event);
			decoder.decode(buffer, handler);
			DataBufferUtils.release(buffer);
		}
	}

	@Benchmark
	public void springFrames(Blackhole blackhole) {
		this.springReader.read(SSE_STRING, message(), Map.of()).doOnNext(blackhole::consume).blockLast();
	}

	@Benchmark
	public void springFramesAndTemplateChunks(Blackhole blackhole) {
		sseData().map((data) -> ChatJson.mapper().readValue(data, ChatCompletionChunk.class))
			.doOnNext(blackhole::consume)
			.blockLast();
	}

	@Benchmark
	public void springFramesAndRawChunks(Blackhole blackhole) {
		sseData().map((data) -> this.rawMapper.readValue(data, RawChunk.class))
			.doOnNext(blackhole::consume)
			.blockLast();
	}

	@SuppressWarnings("unchecked")
	private Flux<String> sseData() {
		return this.springReader.read(SSE_STRING, message(), Map.of())
			.map((event) -> ((ServerSentEvent<String>) event).data())
			.takeWhile((data) -> !"[DONE]".equals(data));
	}

	private ReactiveHttpInputMessage message() {
		DataBuffer[] buffers = new DataBuffer[this.events.length];
		for (int i = 0; i < buffers.length; i++) {
			buffers[i] = NettyBuffers.read(this.events[i]);
		}
		return new Message(Flux.fromArray(buffers));
	}

	private static final class Message implements ReactiveHttpInputMessage {

		private static final HttpHeaders HEADERS = new HttpHeaders();

		static {
			HEADERS.setContentType(MediaType.TEXT_EVENT_STREAM);
		}

		private final Flux<DataBuffer> body;

		Message(Flux<DataBuffer> body) {
			this.body = body;
		}

		@Override
		public HttpHeaders getHeaders() {
			return HEADERS;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return this.body;
		}

	}

}
