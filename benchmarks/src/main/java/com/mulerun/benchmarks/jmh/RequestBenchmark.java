package com.mulerun.benchmarks.jmh;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.StreamOptions;
import com.mulerun.chat.validation.ChatCompletionRequestValidator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mulerun.benchmarks.Payloads;
import com.mulerun.benchmarks.clients.RawWebClient.RawCompletion;
import com.mulerun.benchmarks.clients.RawWebClient.RawMessage;
import com.mulerun.benchmarks.clients.RawWebClient.RawRequest;
import com.mulerun.benchmarks.clients.RawWebClient.RawStreamOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-request work outside the network: serialising the streaming request (the
 * template's model with {@code ChatJson}, the same work the template's {@code prepare} +
 * validate + serialise does, and a raw record with a default Jackson 3 mapper), and
 * reading a non-streaming response body (the template's {@code ChatCompletion} against a
 * minimal record).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestBenchmark {

	private final ObjectWriter requestWriter = ChatJson.mapper().writerFor(ChatCompletionRequest.class);

	private final ObjectReader completionReader = ChatJson.mapper().readerFor(ChatCompletion.class);

	private final JsonMapper rawMapper = JsonMapper.builder().build();

	private final ChatCompletionRequest defaults = ChatCompletionRequest.builder().model(Payloads.MODEL).build();

	private final ChatCompletionRequest request = ChatCompletionRequest.builder()
		.model(Payloads.MODEL)
		.systemMessage(Payloads.SYSTEM_PROMPT)
		.userMessage(Payloads.USER_PROMPT)
		.build();

	private final ChatCompletionRequest streamRequest = this.request.mutate()
		.stream(true)
		.streamOptions(new StreamOptions(true, null, null))
		.build();

	private final RawRequest rawRequest = new RawRequest(Payloads.MODEL,
			List.of(new RawMessage("system", Payloads.SYSTEM_PROMPT), new RawMessage("user", Payloads.USER_PROMPT)),
			true, new RawStreamOptions(true));

	private final byte[] completion = Payloads.completionBody();

	@Benchmark
	public byte[] templateSerialize() {
		return this.requestWriter.writeValueAsBytes(this.streamRequest);
	}

	@Benchmark
	public byte[] templatePrepareValidateSerialize() {
		ChatCompletionRequest merged = this.request.withDefaults(this.defaults)
			.mutate()
			.stream(true)
			.streamOptions(new StreamOptions(true, null, null))
			.build();
		ChatCompletionRequestValidator.INSTANCE.validate(merged, true);
		return this.requestWriter.writeValueAsBytes(merged);
	}

	@Benchmark
	public byte[] rawSerialize() {
		return this.rawMapper.writeValueAsBytes(this.rawRequest);
	}

	@Benchmark
	public ChatCompletion templateReadCompletion() {
		return this.completionReader.readValue(this.completion);
	}

	@Benchmark
	public RawCompletion rawReadCompletion() {
		return this.rawMapper.readValue(this.completion, RawCompletion.class);
	}

}
