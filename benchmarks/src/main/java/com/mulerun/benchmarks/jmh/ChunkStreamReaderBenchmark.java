package com.mulerun.benchmarks.jmh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mulerun.benchmarks.Payloads;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.stream.ChunkStreamReader;
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
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * The template's stream reader ({@link ChunkStreamReader}: SSE frames, chunk parsing,
 * error checks, the running aggregate and the idle timer) over a 200-chunk stream
 * delivered one event per network read; per chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ChunkStreamReaderBenchmark.CHUNKS)
public class ChunkStreamReaderBenchmark {

	static final int CHUNKS = 200;

	private final ChunkStreamReader reader = new ChunkStreamReader(ChatJson.mapper(),
			ChatCompletionTemplate.DEFAULT_MAX_EVENT_SIZE, Schedulers.parallel());

	private final HttpHeaders headers = new HttpHeaders();

	private byte[][] events;

	@Setup
	public void setup() {
		this.events = Payloads.stream(CHUNKS).events().toArray(byte[][]::new);
	}

	@Benchmark
	public void templateChunkStreamReader(Blackhole blackhole) {
		List<DataBuffer> reads = new ArrayList<>(this.events.length);
		for (byte[] event : this.events) {
			reads.add(NettyBuffers.read(event));
		}
		this.reader
			.read(Flux.fromIterable(reads), 200, this.headers, Duration.ofMinutes(1), (error) -> false, (aggregate) -> {
			})
			.doOnNext(blackhole::consume)
			.blockLast();
	}

}
