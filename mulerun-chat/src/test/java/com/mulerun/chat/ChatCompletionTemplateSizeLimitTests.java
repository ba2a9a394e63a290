package com.mulerun.chat;

import java.time.Duration;

import com.mulerun.chat.error.MuleRunMalformedResponseException;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.stream.SseEventTooLargeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A response over a size limit fails with a message that states the limit, the property
 * that sets it and the size seen, for {@code create()} and for streams.
 */
class ChatCompletionTemplateSizeLimitTests {

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	private static final String BIG_COMPLETION = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
			+ "\"assistant\",\"content\":\"" + "x".repeat(5000) + "\"},\"finish_reason\":\"stop\"}]}";

	@Test
	void aCompletionOverTheLimitNamesTheLimitThePropertyAndTheAnnouncedSize() {
		int length = BIG_COMPLETION.length();
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
						+ length + "\r\n\r\n" + BIG_COMPLETION))) {
			Throwable failure = catchThrowable(() -> template(server).create(REQUEST));

			assertThat(failure).isInstanceOf(MuleRunMalformedResponseException.class)
				.hasMessageContaining("over the limit of 1024 bytes (mulerun.http.max-in-memory-size)")
				.hasMessageContaining(length + " bytes announced by Content-Length")
				.hasMessageNotContaining("the body is empty");
		}
	}

	@Test
	void aChunkedCompletionOverTheLimitNamesTheBytesThatArrived() {
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "application/json", BIG_COMPLETION).end())) {
			Throwable failure = catchThrowable(() -> template(server).create(REQUEST));

			assertThat(failure).isInstanceOf(MuleRunMalformedResponseException.class)
				.hasMessageContaining("over the limit of 1024 bytes (mulerun.http.max-in-memory-size): at least ")
				.hasMessageNotContaining("the body is empty");
		}
	}

	@Test
	void aStreamEventOverTheLimitNamesTheLimitThePropertyAndTheBytesSeen() {
		String event = "data: " + BIG_COMPLETION + "\n\n";
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream", event).end())) {
			Throwable failure = catchThrowable(
					() -> template(server).stream(REQUEST).blockLast(Duration.ofSeconds(10)));

			assertThat(failure).isInstanceOf(SseEventTooLargeException.class)
				.hasMessageContaining("over the limit of 1024 bytes (mulerun.http.max-event-size)");
			assertThat(((SseEventTooLargeException) failure).sizeSeen()).isGreaterThan(1024);
			assertThat(failure.getMessage()).contains(((SseEventTooLargeException) failure).sizeSeen() + " bytes");
		}
	}

	private static ChatCompletionTemplate template(ScriptedHttpServer server) {
		return ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.retrySettings(RetrySettings.none())
			.maxResponseSize(1024)
			.maxEventSize(1024)
			.build();
	}

}
