package com.mulerun.chat.observation;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Records the OpenTelemetry GenAI client metrics of chat completion observations in a
 * {@link MeterRegistry}.
 *
 * <p>
 * Register it with the {@link io.micrometer.observation.ObservationRegistry} the template
 * observes calls with. When an observation stops it records:
 * <ul>
 * <li>{@code gen_ai.client.operation.duration}: the duration of the call;</li>
 * <li>{@code gen_ai.client.token.usage}: the input and the output tokens of the usage
 * (base unit {@code {token}}, tag {@code gen_ai.token.type} = {@code input} or
 * {@code output}), when the response (for a stream the aggregate of the chunks received,
 * also when it was cancelled) has a usage;</li>
 * <li>for streams, {@code gen_ai.client.operation.time_to_first_chunk} (seconds from the
 * start of the call to the first chunk) and
 * {@code gen_ai.client.operation.time_per_output_chunk} (seconds between each later chunk
 * and the one before it).</li>
 * </ul>
 * Every metric has the explicit bucket boundaries the OpenTelemetry conventions recommend
 * as service level objectives, and the low cardinality keys of the observation as tags.
 *
 * <p>
 * The three durations are {@link Timer timers}, exported in the base time unit of the
 * registry: seconds, as the conventions ask, for Prometheus and most registries (set the
 * OTLP registry's {@code baseTimeUnit} to seconds, its default is milliseconds). They are
 * not distribution summaries with base unit {@code s} because Micrometer's fixed-boundary
 * histograms round a summary's value up to a whole number before counting it in a bucket,
 * which would put every sub-second duration in the bucket above one second; timers count
 * nanoseconds exactly. The token usage is a distribution summary with base unit
 * {@code {token}}.
 *
 * <p>
 * This class is the only one of the client that needs {@code micrometer-core}, an
 * optional dependency.
 */
public class ChatCompletionMeterObservationHandler implements ObservationHandler<ChatCompletionObservationContext> {

	/** The base unit of token counts. */
	public static final String TOKENS = "{token}";

	/** The {@code gen_ai.token.type} of input tokens. */
	public static final String TOKEN_TYPE_INPUT = "input";

	/** The {@code gen_ai.token.type} of output tokens. */
	public static final String TOKEN_TYPE_OUTPUT = "output";

	private static final Duration[] DURATION_BUCKETS = millis(10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240,
			20480, 40960, 81920);

	private static final double[] TOKEN_USAGE_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
			4194304, 16777216, 67108864 };

	private static final Duration[] CHUNK_BUCKETS = millis(10, 20, 40, 60, 80, 100, 250, 500, 750, 1000, 2500, 5000,
			7500, 10000);

	private final MeterRegistry meterRegistry;

	/**
	 * Creates a handler recording in the given registry.
	 * @param meterRegistry the registry
	 */
	public ChatCompletionMeterObservationHandler(MeterRegistry meterRegistry) {
		this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry must not be null");
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatCompletionObservationContext;
	}

	@Override
	public void onStart(ChatCompletionObservationContext context) {
		context.put(StartTime.class, new StartTime(this.meterRegistry.config().clock().monotonicTime()));
	}

	@Override
	public void onStop(ChatCompletionObservationContext context) {
		Tags tags = tags(context);
		StartTime start = context.get(StartTime.class);
		if (start != null) {
			long nanos = this.meterRegistry.config().clock().monotonicTime() - start.nanos();
			timer(GenAiNames.CLIENT_OPERATION_DURATION, "GenAI operation duration", DURATION_BUCKETS, tags)
				.record(nanos, TimeUnit.NANOSECONDS);
		}
		recordUsage(context, tags);
		if (context.isStreaming()) {
			recordChunks(context, tags);
		}
	}

	/**
	 * Returns the tags of every metric of the observation: its low cardinality keys.
	 * @param context the context
	 * @return the tags
	 */
	protected Tags tags(ChatCompletionObservationContext context) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return Tags.of(tags);
	}

	private void recordUsage(ChatCompletionObservationContext context, Tags tags) {
		ChatCompletion response = context.getResponse();
		Usage usage = (response != null) ? response.usage() : null;
		if (usage == null) {
			return;
		}
		recordTokens(usage.promptTokens(), TOKEN_TYPE_INPUT, tags);
		recordTokens(usage.completionTokens(), TOKEN_TYPE_OUTPUT, tags);
	}

	private void recordTokens(@Nullable Integer tokens, String type, Tags tags) {
		if (tokens != null && tokens >= 0) {
			DistributionSummary.builder(GenAiNames.CLIENT_TOKEN_USAGE.value())
				.description("Measures number of input and output tokens used")
				.baseUnit(TOKENS)
				.serviceLevelObjectives(TOKEN_USAGE_BUCKETS)
				.tags(tags.and(GenAiNames.TOKEN_TYPE.value(), type))
				.register(this.meterRegistry)
				.record(tokens);
		}
	}

	private void recordChunks(ChatCompletionObservationContext context, Tags tags) {
		Duration timeToFirstChunk = context.getTimeToFirstChunk();
		if (timeToFirstChunk == null) {
			return;
		}
		timer(GenAiNames.CLIENT_OPERATION_TIME_TO_FIRST_CHUNK, "Time to receive the first chunk", CHUNK_BUCKETS, tags)
			.record(timeToFirstChunk);
		List<Duration> intervals = context.getChunkIntervals();
		if (!intervals.isEmpty()) {
			Timer perChunk = timer(GenAiNames.CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
					"Time per output chunk, after the first one", CHUNK_BUCKETS, tags);
			for (Duration interval : intervals) {
				perChunk.record(interval);
			}
		}
	}

	private Timer timer(GenAiNames name, String description, Duration[] buckets, Tags tags) {
		return Timer.builder(name.value())
			.description(description)
			.serviceLevelObjectives(buckets)
			.tags(tags)
			.register(this.meterRegistry);
	}

	private static Duration[] millis(long... millis) {
		Duration[] durations = new Duration[millis.length];
		for (int i = 0; i < millis.length; i++) {
			durations[i] = Duration.ofMillis(millis[i]);
		}
		return durations;
	}

	private record StartTime(long nanos) {
	}

}
