package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.error.MuleRunMalformedResponseException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.error.MuleRunStreamErrorEventException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.http.MuleRunRetry;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import com.mulerun.chat.stream.SseEventTooLargeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.mulerun.chat.TemplateTestSupport.REQUEST;
import static com.mulerun.chat.TemplateTestSupport.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What {@link ChatCompletionTemplate} raises when a response breaks: connection faults
 * before and during a stream, error bodies and frames inside a successful response,
 * documents that are not event streams and events over the size limit. Every failure is a
 * typed {@link MuleRunException}; none is swallowed.
 */
class ChatCompletionTemplateRobustnessTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final String CHUNK_1 = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
			+ "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";

	private static final String CHUNK_2 = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
			+ "[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n";

	private static final String LAST_CHUNK = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
			+ "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

	static WireMockServer server;

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void reset() {
		server.resetAll();
	}

	private static ChatCompletionTemplate template(String baseUrl) {
		return ChatCompletionTemplate.builder().baseUrl(baseUrl).retrySettings(RetrySettings.none()).build();
	}

	private static Outcome stream(ChatCompletionTemplate template) {
		List<ChatCompletionChunk> chunks = new CopyOnWriteArrayList<>();
		Throwable failure = catchThrowable(() -> template.stream(REQUEST).doOnNext(chunks::add).blockLast(BLOCK));
		return new Outcome(chunks, failure);
	}

	private static void stubStream(String contentType, String body) {
		server.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
	}

	// --- connection faults
	// --------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "RANDOM_DATA_THEN_CLOSE", "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
	void aConnectionThatFailsBeforeAnyResponseRaisesARetryableConnectionException(Fault fault) {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withFault(fault)));
		ChatCompletionTemplate template = template(server.baseUrl());

		Outcome streamed = stream(template);
		Throwable created = catchThrowable(() -> template.create(REQUEST));

		for (Throwable failure : List.of(streamed.failure(), created)) {
			assertThat(failure).isInstanceOf(MuleRunConnectionException.class);
			assertThat(((MuleRunConnectionException) failure).beforeResponse()).isTrue();
			assertThat(MuleRunRetry.isRetryable(failure)).isTrue();
		}
		assertThat(streamed.chunks()).isEmpty();
	}

	@Test
	void aMalformedHttpChunkRightAfterTheHeadersEndsTheStreamWithATypedStreamException() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		Outcome outcome = stream(template(server.baseUrl()));

		assertThat(outcome.failure()).isInstanceOf(MuleRunStreamException.class)
			.hasMessageStartingWith("Stream ended before it was complete: the connection failed after 0 chunks");
		MuleRunStreamException incomplete = (MuleRunStreamException) outcome.failure();
		assertThat(incomplete.chunksReceived()).isZero();
		assertThat(incomplete.getCause()).isNotNull().isNotInstanceOf(MuleRunException.class);
		// nothing was delivered, so sending the request again cannot duplicate a token
		assertThat(MuleRunRetry.isRetryable(incomplete)).isTrue();
	}

	@Test
	void aMalformedHttpChunkInANonStreamingCallRaisesAConnectionExceptionAfterTheResponseStarted() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		Throwable failure = catchThrowable(() -> template(server.baseUrl()).create(REQUEST));

		assertThat(failure).isInstanceOf(MuleRunConnectionException.class)
			.hasMessageContaining("while reading the response");
		assertThat(((MuleRunConnectionException) failure).beforeResponse()).isFalse();
	}

	@Test
	void aStreamResetAfterTwoChunksDeliversThemOnceAndRaisesAStreamExceptionWithThePartialResult() {
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream")
					.chunk(CHUNK_1)
					.chunk(CHUNK_2 + "data: {\"id\":\"c1\",\"choi")
					.reset())) {
			Outcome outcome = stream(template(scripted.baseUrl()));

			assertThat(outcome.chunks()).extracting(ChatCompletionChunk::text).containsExactly("Hel", "lo");
			assertThat(outcome.failure()).isExactlyInstanceOf(MuleRunStreamException.class)
				.hasMessageContaining("after 2 chunks (mid-event)")
				.hasMessageEndingWith("[request id req_scripted]");
			MuleRunStreamException incomplete = (MuleRunStreamException) outcome.failure();
			assertThat(incomplete.chunksReceived()).isEqualTo(2);
			assertThat(incomplete.requestId()).isEqualTo("req_scripted");
			assertThat(incomplete.partial().content()).isEqualTo("Hello");
			assertThat(incomplete.partial().choices().get(0).finishReason()).isNull();
		}
	}

	@Test
	void aStreamWhoseConnectionClosesWithoutTheLastChunkRaisesAStreamException() {
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream").chunk(CHUNK_1).close())) {
			Outcome outcome = stream(template(scripted.baseUrl()));

			assertThat(outcome.chunks()).hasSize(1);
			assertThat(outcome.failure()).isExactlyInstanceOf(MuleRunStreamException.class);
			assertThat(((MuleRunStreamException) outcome.failure()).partial().content()).isEqualTo("Hel");
		}
	}

	@Test
	void aStreamResetAfterDoneCompletesNormally() {
		try (ScriptedHttpServer scripted = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream")
					.chunk(CHUNK_1 + CHUNK_2 + LAST_CHUNK)
					.reset())) {
			Outcome outcome = stream(template(scripted.baseUrl()));

			assertThat(outcome.failure()).isNull();
			assertThat(outcome.chunks()).hasSize(3);
		}
	}

	// --- errors inside a successful response
	// ----------------------------------------------------------

	@Test
	void aPlainJsonErrorBodyWithStatus200ToAStreamingRequestRaisesTheApiErrorWithTheProviderMessage() {
		String body = "{\"error\":{\"message\":\"The model `gpt-9` does not exist\",\"type\":\"invalid_request_error\","
				+ "\"code\":\"model_not_found\"}}";
		for (String contentType : List.of("application/json", "text/event-stream")) {
			stubStream(contentType, body);

			Outcome outcome = stream(template(server.baseUrl()));

			assertThat(outcome.failure()).as(contentType).isInstanceOf(MuleRunApiException.class);
			MuleRunApiException error = (MuleRunApiException) outcome.failure();
			assertThat(error.providerMessage()).isEqualTo("The model `gpt-9` does not exist");
			assertThat(error.errorCode()).isEqualTo("model_not_found");
			assertThat(error.httpStatus()).isEqualTo(200);
			assertThat(outcome.chunks()).isEmpty();
		}
	}

	@Test
	void anErrorEventFrameRaisesAStreamErrorAfterTheChunksBeforeIt() {
		stubStream("text/event-stream", CHUNK_1 + "event: error\ndata: {\"message\":\"Overloaded\","
				+ "\"type\":\"overloaded_error\"}\n\n" + LAST_CHUNK);

		Outcome outcome = stream(template(server.baseUrl()));

		assertThat(outcome.chunks()).extracting(ChatCompletionChunk::text).containsExactly("Hel");
		assertThat(outcome.failure()).isExactlyInstanceOf(MuleRunStreamErrorEventException.class);
		MuleRunApiException error = (MuleRunApiException) outcome.failure();
		assertThat(error.providerMessage()).isEqualTo("Overloaded");
		assertThat(error.errorType()).isEqualTo("overloaded_error");
	}

	@Test
	void anErrorEventFrameWithANumericCodeTakesTheClassOfThatStatus() {
		stubStream("text/event-stream",
				"event: error\ndata: {\"error\":{\"message\":\"Overloaded\",\"code\":529}}\n\n");

		Outcome outcome = stream(template(server.baseUrl()));

		assertThat(outcome.failure()).isExactlyInstanceOf(MuleRunServerException.class);
		assertThat(((MuleRunApiException) outcome.failure()).statusCode()).isEqualTo(529);
		assertThat(((MuleRunApiException) outcome.failure()).httpStatus()).isEqualTo(200);
	}

	@Test
	void aDataErrorObjectInTheSameNetworkReadAsEarlierChunksStillDeliversThoseChunksFirst() {
		stubStream("text/event-stream", CHUNK_1 + CHUNK_2
				+ "data: {\"error\":{\"message\":\"Upstream timed out\",\"type\":\"server_error\"}}\n\ndata: [DONE]\n\n");

		Outcome outcome = stream(template(server.baseUrl()));

		assertThat(outcome.chunks()).extracting(ChatCompletionChunk::text).containsExactly("Hel", "lo");
		assertThat(outcome.failure()).isExactlyInstanceOf(MuleRunStreamErrorEventException.class)
			.hasMessage("Stream error (server_error): Upstream timed out");
	}

	// --- bodies that are not event streams
	// ----------------------------------------------------------------

	@Test
	void anHtmlPageWithStatus200RaisesAMalformedResponseException() {
		String html = new String(corpus("proxy-502-html.html"), java.nio.charset.StandardCharsets.UTF_8);
		for (String contentType : List.of("text/html", "text/event-stream")) {
			stubStream(contentType, html);
			ChatCompletionTemplate template = template(server.baseUrl());

			Outcome outcome = stream(template);
			Throwable created = catchThrowable(() -> template.create(REQUEST));

			assertThat(outcome.failure()).as(contentType).isExactlyInstanceOf(MuleRunMalformedResponseException.class);
			assertThat(((MuleRunMalformedResponseException) outcome.failure()).statusCode()).isEqualTo(200);
			assertThat(((MuleRunMalformedResponseException) outcome.failure()).responseBody())
				.contains("502 Bad Gateway");
			assertThat(created).as(contentType).isExactlyInstanceOf(MuleRunMalformedResponseException.class);
		}
	}

	@Test
	void aChunkThatIsNotJsonRaisesAMalformedResponseExceptionNamingTheChunk() {
		stubStream("text/event-stream", CHUNK_1 + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\n\n" + LAST_CHUNK);

		Outcome outcome = stream(template(server.baseUrl()));

		assertThat(outcome.chunks()).hasSize(1);
		assertThat(outcome.failure()).isExactlyInstanceOf(MuleRunMalformedResponseException.class)
			.hasMessageContaining("stream chunk 2 is not a valid chat completion chunk");
	}

	@Test
	void aTruncatedNonStreamingBodyRaisesAMalformedResponseException() {
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hel")));

		Throwable failure = catchThrowable(() -> template(server.baseUrl()).create(REQUEST));

		assertThat(failure).isExactlyInstanceOf(MuleRunMalformedResponseException.class)
			.hasMessageContaining("not a valid chat completion");
	}

	@Test
	void anEventLargerThanTheConfiguredLimitRaisesTheEventTooLargeExceptionAsIs() {
		server.stubFor(post("/v1/chat/completions").willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody(
					CHUNK_1 + new String(corpus("large-single-event.sse"), java.nio.charset.StandardCharsets.UTF_8))));
		ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.retrySettings(RetrySettings.DEFAULTS)
			.maxEventSize(64 * 1024)
			.build();

		Outcome outcome = stream(template);

		// the role chunk before the large event is still delivered
		assertThat(outcome.chunks()).extracting(ChatCompletionChunk::text).containsExactly("Hel", null);
		assertThat(outcome.failure()).isExactlyInstanceOf(SseEventTooLargeException.class)
			.hasMessageContaining("65536 bytes")
			.hasMessageContaining("mulerun.http.max-event-size");
		assertThat(((SseEventTooLargeException) outcome.failure()).maxEventSize()).isEqualTo(65536);
		assertThat(server.getAllServeEvents()).hasSize(1);
	}

	@Test
	void theSameLargeEventIsDeliveredIntactUnderTheDefaultLimit() {
		server
			.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(corpus("large-single-event.sse"))));

		ChatCompletion aggregate = ChatCompletionAggregator.aggregate(template(server.baseUrl()).stream(REQUEST))
			.block(BLOCK);

		assertThat(aggregate.choices().get(0).message().toolCallsOrEmpty()).hasSize(1);
	}

	/**
	 * The chunks a subscriber received and how the stream ended.
	 */
	private record Outcome(List<ChatCompletionChunk> chunks, Throwable failure) {
	}

}
