package com.mulerun.chat;

import java.time.Duration;

import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.error.MuleRunMalformedResponseException;
import com.mulerun.chat.model.ChatCompletionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Odd bytes from a server stay typed: whatever a response holds, a caller of the template
 * gets a {@link MuleRunException} subtype with the original failure as its cause, never a
 * JDK or Netty exception.
 */
class ChatCompletionTemplateOddBytesTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	@ParameterizedTest
	@ValueSource(strings = { "data: null\n\n", "data: {\"id\":\"c1\",\"choices\":[null]}\n\n", "data: 42\n\n",
			"data: \"text\"\n\n", "data: []\n\n" })
	void aStreamEventThatIsNotAChunkObjectIsAMalformedResponse(String events) throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream", events).end())) {
			Throwable failure = catchThrowable(() -> template(server).stream(REQUEST).blockLast(BLOCK));

			assertThat(failure).isInstanceOf(MuleRunMalformedResponseException.class)
				.hasMessageContaining("stream chunk 1");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "{\"id\":\"c1\",\"choices\":[null]}", "42", "[]", "\"text\"" })
	void aCompletionBodyThatIsNotACompletionObjectIsAMalformedResponse(String body) throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "application/json", body).end())) {
			Throwable failure = catchThrowable(() -> template(server).create(REQUEST));

			assertThat(failure).isInstanceOf(MuleRunMalformedResponseException.class).hasMessageContaining("the body");
		}
	}

	@Test
	void aGarbageChunkSizeLineInAStreamIsATypedFailureWithTheCodecErrorAsCause() throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream").raw("ZZZ\r\n").close())) {
			Throwable failure = catchThrowable(() -> template(server).stream(REQUEST).blockLast(BLOCK));

			assertThat(failure).isInstanceOf(MuleRunException.class);
			assertThat(failure).hasRootCauseInstanceOf(NumberFormatException.class);
		}
	}

	@Test
	void aGarbageChunkSizeLineInACompletionIsATypedFailureWithTheCodecErrorAsCause() throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "application/json").raw("ZZZ\r\n").close())) {
			Throwable failure = catchThrowable(() -> template(server).create(REQUEST));

			assertThat(failure).isInstanceOf(MuleRunException.class);
			assertThat(failure).hasRootCauseInstanceOf(NumberFormatException.class);
		}
	}

	private static ChatCompletionTemplate template(ScriptedHttpServer server) {
		return ChatCompletionTemplate.builder().baseUrl(server.baseUrl()).retrySettings(RetrySettings.none()).build();
	}

}
