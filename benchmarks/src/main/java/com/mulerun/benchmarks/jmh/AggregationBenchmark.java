package com.mulerun.benchmarks.jmh;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mulerun.benchmarks.Payloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.ObjectReader;

/**
 * Aggregating a decoded 200-chunk stream into a {@link ChatCompletion} with
 * {@link ChatCompletionAggregator}, per chunk: {@code add} for every chunk and one
 * {@code result()}, as the template does for every stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(AggregationBenchmark.CHUNKS)
public class AggregationBenchmark {

	static final int CHUNKS = 200;

	private List<ChatCompletionChunk> chunks;

	@Setup
	public void setup() {
		ObjectReader reader = ChatJson.mapper().readerFor(ChatCompletionChunk.class);
		this.chunks = new ArrayList<>();
		for (byte[] event : Payloads.stream(CHUNKS).events()) {
			String data = new String(event, java.nio.charset.StandardCharsets.UTF_8).substring(6).trim();
			if (!data.equals("[DONE]")) {
				this.chunks.add(reader.readValue(data));
			}
		}
	}

	@Benchmark
	public ChatCompletion aggregate() {
		ChatCompletionAggregator aggregator = new ChatCompletionAggregator();
		for (ChatCompletionChunk chunk : this.chunks) {
			aggregator.add(chunk);
		}
		return aggregator.result();
	}

}
