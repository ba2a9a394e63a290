package com.mulerun.chat;

import java.util.concurrent.TimeUnit;

import com.mulerun.benchmarks.Payloads;
import com.mulerun.benchmarks.jmh.NettyBuffers;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.sse.SseFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.ObjectReader;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;

/**
 * The template's own per-response decoder ({@code ChunkStreamDecoder}: SSE frames, chunk parsing, error checks and
 * the running aggregate) over a 200-chunk stream delivered one event per network read; per chunk. In the
 * {@code com.mulerun.chat} package because the decoder is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ChunkStreamDecoderBenchmark.CHUNKS)
public class ChunkStreamDecoderBenchmark {

	static final int CHUNKS = 200;

	private final ObjectReader chunkReader = ChatJson.mapper().readerFor(ChatCompletionChunk.class);

	private final HttpHeaders headers = new HttpHeaders();

	private byte[][] events;

	@Setup
	public void setup() {
		this.events = Payloads.stream(CHUNKS).events().toArray(byte[][]::new);
	}

	@Benchmark
	public void templateChunkStreamDecoder(Blackhole blackhole) {
		ChunkStreamDecoder decoder = new ChunkStreamDecoder(SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE, this.chunkReader,
				200, this.headers);
		for (byte[] event : this.events) {
			DataBuffer buffer = NettyBuffers.read(event);
			blackhole.consume(decoder.decode(buffer));
			DataBufferUtils.release(buffer);
		}
		decoder.endOfInput();
	}

}
