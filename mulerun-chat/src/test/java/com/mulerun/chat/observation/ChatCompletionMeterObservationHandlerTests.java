package com.mulerun.chat.observation;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.Usage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSupport;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ChatCompletionMeterObservationHandler}: the GenAI client metrics of
 * blocking, streamed, failed and cancelled calls, their units, tags and bucket
 * boundaries, and in which bucket a value lands.
 */
class ChatCompletionMeterObservationHandlerTests {

	static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
			10.24, 20.48, 40.96, 81.92);

	static final List<Double> TOKEN_BUCKETS = List.of(1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0, 65536.0,
			262144.0, 1048576.0, 4194304.0, 16777216.0, 67108864.0);

	static final List<Double> CHUNK_BUCKETS = List.of(0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0,
			7.5, 10.0);

	WireMockServer server;

	SimpleMeterRegistry meterRegistry;

	ObservationRegistry observationRegistry;

	ChatCompletionTemplate template;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
		this.meterRegistry = new SimpleMeterRegistry();
		this.observationRegistry = ObservationRegistry.create();
		this.observationRegistry.observationConfig()
			.observationHandler(new ChatCompletionMeterObservationHandler(this.meterRegistry));
		this.template = ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("k")
			.retrySettings(RetrySettings.none())
			.observationRegistry(this.observationRegistry)
			.build();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	Tags lowCardinalityTags(String responseModel, String errorType) {
		return Tags.of("gen_ai.operation.name", "chat", "gen_ai.provider.name", "mulerun", "gen_ai.request.model",
				"gpt-5", "gen_ai.response.model", responseModel, "server.address", "localhost", "server.port",
				Integer.toString(this.server.port()), "error.type", errorType);
	}

	static List<Double> buckets(DistributionSummary summary) {
		return Arrays.stream(summary.takeSnapshot().histogramCounts()).map(CountAtBucket::bucket).toList();
	}

	static List<Double> bucketsInSeconds(Timer timer) {
		return Arrays.stream(timer.takeSnapshot().histogramCounts())
			.map((count) -> roundMicros(count.bucket(TimeUnit.SECONDS)))
			.toList();
	}

	static double roundMicros(double seconds) {
		return Math.round(seconds * 1e6) / 1e6;
	}

	DistributionSummary tokens(String type) {
		return this.meterRegistry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", type).summary();
	}

	@Test
	void blockingCallRecordsDurationAndTokenUsageWithTheirUnitsTagsAndBuckets() {
		this.server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(ChatCompletionObservationTests.COMPLETION)));
		this.template.create(ChatCompletionRequest.builder().userMessage("Hi").build());

		Tags tags = lowCardinalityTags("gpt-5-2025-08-07", "none");
		Timer duration = this.meterRegistry.get("gen_ai.client.operation.duration").timer();
		assertThat(duration.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
		assertThat(duration.getId().getBaseUnit()).isEqualTo("seconds");
		assertThat(duration.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
		assertThat(duration.count()).isEqualTo(1);
		assertThat(duration.totalTime(TimeUnit.SECONDS)).isPositive().isLessThan(10);
		assertThat(bucketsInSeconds(duration)).isEqualTo(DURATION_BUCKETS);

		DistributionSummary input = tokens("input");
		DistributionSummary output = tokens("output");
		assertThat(input.getId().getBaseUnit()).isEqualTo("{token}");
		assertThat(input.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags.and("gen_ai.token.type", "input"));
		assertThat(output.getId().getTags())
			.containsExactlyInAnyOrderElementsOf(tags.and("gen_ai.token.type", "output"));
		assertThat(input.count()).isEqualTo(1);
		assertThat(input.totalAmount()).isEqualTo(10);
		assertThat(output.totalAmount()).isEqualTo(6);
		assertThat(buckets(input)).isEqualTo(TOKEN_BUCKETS);
		assertThat(buckets(output)).isEqualTo(TOKEN_BUCKETS);

		assertThat(this.meterRegistry.find("gen_ai.client.operation.time_to_first_chunk").meter()).isNull();
		assertThat(this.meterRegistry.find("gen_ai.client.operation.time_per_output_chunk").meter()).isNull();
	}

	@Test
	void streamRecordsTokenUsageOfTheAggregateAndChunkTimings() {
		this.server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(ChatCompletionObservationTests.STREAM)));
		StepVerifier.create(this.template.stream(ChatCompletionRequest.builder().userMessage("Hi").build()))
			.expectNextCount(4)
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		Tags tags = lowCardinalityTags("gpt-5-mini", "none");
		assertThat(this.meterRegistry.get("gen_ai.client.operation.duration").tags(tags).timer().count()).isEqualTo(1);
		assertThat(tokens("input").totalAmount()).isEqualTo(5);
		assertThat(tokens("output").totalAmount()).isEqualTo(2);

		Timer firstChunk = this.meterRegistry.get("gen_ai.client.operation.time_to_first_chunk").timer();
		assertThat(firstChunk.getId().getBaseUnit()).isEqualTo("seconds");
		assertThat(firstChunk.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
		assertThat(firstChunk.count()).isEqualTo(1);
		assertThat(firstChunk.totalTime(TimeUnit.SECONDS)).isPositive().isLessThan(10);
		assertThat(bucketsInSeconds(firstChunk)).isEqualTo(CHUNK_BUCKETS);

		Timer perChunk = this.meterRegistry.get("gen_ai.client.operation.time_per_output_chunk").timer();
		assertThat(perChunk.getId().getBaseUnit()).isEqualTo("seconds");
		assertThat(perChunk.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
		assertThat(perChunk.count()).isEqualTo(3);
		assertThat(bucketsInSeconds(perChunk)).isEqualTo(CHUNK_BUCKETS);
	}

	@Test
	void cancelledStreamRecordsTheUsageSeenSoFar() {
		StringBuilder body = new StringBuilder();
		body.append("data: {\"id\":\"c9\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5\",")
			.append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A\"}}],")
			.append("\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1,\"total_tokens\":8}}\n\n");
		for (int i = 0; i < 400; i++) {
			body.append("data: {\"id\":\"c9\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5\",")
				.append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more text\"}}]}\n\n");
		}
		this.server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(body.toString())
				.withChunkedDribbleDelay(100, 10000)));
		StepVerifier.create(this.template.stream(ChatCompletionRequest.builder().userMessage("Hi").build()).take(1))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		Tags tags = lowCardinalityTags("gpt-5", "none");
		assertThat(this.meterRegistry.get("gen_ai.client.operation.duration").tags(tags).timer().count()).isEqualTo(1);
		assertThat(tokens("input").getId().getTags())
			.containsExactlyInAnyOrderElementsOf(tags.and("gen_ai.token.type", "input"));
		assertThat(tokens("input").totalAmount()).isEqualTo(7);
		assertThat(tokens("output").totalAmount()).isEqualTo(1);
		assertThat(this.meterRegistry.get("gen_ai.client.operation.time_to_first_chunk").timer().count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("gen_ai.client.operation.time_per_output_chunk").meter()).isNull();
	}

	@Test
	void failedCallRecordsTheDurationWithTheErrorTypeAndNoTokens() {
		this.server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody(ChatCompletionObservationTests.RATE_LIMIT)));
		assertThatExceptionOfType(MuleRunRateLimitException.class)
			.isThrownBy(() -> this.template.create(ChatCompletionRequest.builder().userMessage("Hi").build()));
		Timer duration = this.meterRegistry.get("gen_ai.client.operation.duration").timer();
		assertThat(duration.getId().getTags())
			.containsExactlyInAnyOrderElementsOf(lowCardinalityTags("none", "MuleRunRateLimitException"));
		assertThat(duration.count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("gen_ai.client.token.usage").meter()).isNull();
	}

	@Test
	void measurementsLandInTheExpectedBuckets() {
		MockClock clock = new MockClock();
		SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
		ObservationRegistry observationRegistry = ObservationRegistry.create();
		observationRegistry.observationConfig()
			.observationHandler(new ChatCompletionMeterObservationHandler(meterRegistry));
		ChatCompletionObservationContext context = new ChatCompletionObservationContext(
				ChatCompletionRequest.builder().model("gpt-5").userMessage("Hi").build(), true, "api.mulerun.com", 443);
		Observation observation = ChatCompletionObservationDocumentation.CHAT_COMPLETION
			.observation(null, DefaultChatCompletionObservationConvention.INSTANCE, () -> context, observationRegistry)
			.start();
		context.recordChunk(TimeUnit.MILLISECONDS.toNanos(30));
		context.recordChunk(TimeUnit.MILLISECONDS.toNanos(230));
		context.recordChunk(TimeUnit.MILLISECONDS.toNanos(240));
		context.setResponse(
				ChatCompletion.builder().model("gpt-5").usage(new Usage(3000, 100, 3100, null, null, null)).build());
		clock.add(Duration.ofMillis(300));
		observation.stop();

		Timer duration = meterRegistry.get("gen_ai.client.operation.duration").timer();
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);
		assertThat(countAt(duration, 0.16)).isZero();
		assertThat(countAt(duration, 0.32)).isEqualTo(1);
		Timer firstChunk = meterRegistry.get("gen_ai.client.operation.time_to_first_chunk").timer();
		assertThat(firstChunk.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30);
		assertThat(countAt(firstChunk, 0.02)).isZero();
		assertThat(countAt(firstChunk, 0.04)).isEqualTo(1);
		Timer perChunk = meterRegistry.get("gen_ai.client.operation.time_per_output_chunk").timer();
		assertThat(perChunk.count()).isEqualTo(2);
		assertThat(perChunk.max(TimeUnit.MILLISECONDS)).isEqualTo(200);
		assertThat(countAt(perChunk, 0.01)).isEqualTo(1);
		assertThat(countAt(perChunk, 0.1)).isEqualTo(1);
		assertThat(countAt(perChunk, 0.25)).isEqualTo(2);
		DistributionSummary input = meterRegistry.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "input")
			.summary();
		DistributionSummary output = meterRegistry.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "output")
			.summary();
		assertThat(countAt(input, 64)).isZero();
		assertThat(countAt(input, 256)).isEqualTo(1);
		assertThat(countAt(output, 1024)).isZero();
		assertThat(countAt(output, 4096)).isEqualTo(1);
		assertThat(input.getId().getTag("server.address")).isEqualTo("api.mulerun.com");
		assertThat(input.getId().getTag("server.port")).isEqualTo("443");
	}

	@Test
	void handlerSupportsOnlyChatCompletionContexts() {
		ChatCompletionMeterObservationHandler handler = new ChatCompletionMeterObservationHandler(this.meterRegistry);
		assertThat(handler.supportsContext(new Observation.Context())).isFalse();
		assertThat(handler
			.supportsContext(new ChatCompletionObservationContext(ChatCompletionRequest.EMPTY, false, "localhost", 80)))
			.isTrue();
	}

	static double countAt(HistogramSupport meter, double bucket) {
		boolean timer = meter instanceof Timer;
		return Arrays.stream(meter.takeSnapshot().histogramCounts())
			.filter((count) -> roundMicros(timer ? count.bucket(TimeUnit.SECONDS) : count.bucket()) == bucket)
			.findFirst()
			.orElseThrow()
			.count();
	}

}
