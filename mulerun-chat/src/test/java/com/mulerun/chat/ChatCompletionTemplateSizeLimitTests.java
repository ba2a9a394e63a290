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

	@Test
	void aLargeEventAndALargeBodyUnderTheLimitsAreReadToTheirExactContent() {
		String json = "caf\u00e9 \\\"quoted\\\"\\n\\u00e9 \u201c\u65e5\u672c\u201d \ud83d\ude00 \\ud83d\\ude80 ";
		String text = "caf\u00e9 \"quoted\"\n\u00e9 \u201c\u65e5\u672c\u201d \ud83d\ude00 \ud83d\ude80 ";
		int repeats = 40_000;
		String content = json.repeat(repeats);
		String chunk = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\""
				+ content + "\"},\"finish_reason\":\"stop\"}]}";
		String completion = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
				+ "\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]}";
		String events = "data: " + chunk + "\n\ndata: [DONE]\n\n";
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream", events).end(),
				(connection) -> connection.chunkedHeaders(200, "application/json", completion).end())) {
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(server.baseUrl())
				.retrySettings(RetrySettings.none())
				.build();

			String streamed = template.streamAggregated(REQUEST)
				.block(Duration.ofSeconds(30))
				.choices()
				.get(0)
				.message()
				.text();
			String created = template.create(REQUEST).choices().get(0).message().text();

			assertThat(chunk.length()).isGreaterThan(1024 * 1024);
			assertThat(streamed).isEqualTo(text.repeat(repeats));
			assertThat(created).isEqualTo(text.repeat(repeats));
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
