package com.mulerun.chat.error;

import com.mulerun.chat.error.MuleRunClientTimeoutException.Kind;
import com.mulerun.chat.error.MuleRunValidationException.Violation;
import com.mulerun.chat.model.ChatCompletion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the messages and accessors of the exceptions that are not built from an error
 * response.
 */
class MuleRunExceptionMessagesTests {

	@Test
	void streamExceptionSaysHowManyChunksArrivedAndKeepsThePartialResult() {
		ChatCompletion partial = ChatCompletion.builder().id("chatcmpl-partial").build();

		MuleRunStreamException ex = MuleRunStreamException.connectionClosed(12, true, partial, "req_1");

		assertThat(ex.getMessage()).isEqualTo("Stream ended before it was complete: connection closed after 12 chunks"
				+ " without [DONE] or a finish_reason (truncated mid-event) [request id req_1]");
		assertThat(ex.partial()).isSameAs(partial);
		assertThat(ex.chunksReceived()).isEqualTo(12);
		assertThat(ex.requestId()).isEqualTo("req_1");
		assertThat(MuleRunStreamException.connectionClosed(1, false, null, null).getMessage()).isEqualTo(
				"Stream ended before it was complete: connection closed after 1 chunk without [DONE] or a finish_reason");
	}

	@Test
	void timeoutMessagesNameTheTimeoutAndItsProperty() {
		assertThat(new MuleRunClientTimeoutException(Kind.CONNECT, Duration.ofSeconds(10)).getMessage()).isEqualTo(
				"Timed out after 10s connecting to the server (connect timeout, set by mulerun.http.connect-timeout)");
		assertThat(new MuleRunClientTimeoutException(Kind.RESPONSE, Duration.ofMillis(1500)).getMessage())
			.isEqualTo("Timed out after 1.5s waiting for the response headers (response timeout, set by "
					+ "mulerun.http.response-timeout)");
		assertThat(new MuleRunClientTimeoutException(Kind.STREAM_IDLE, Duration.ofSeconds(90)).getMessage())
			.isEqualTo("Timed out after 1m30s waiting for the next chunk of the stream (stream-idle timeout, set by "
					+ "mulerun.http.stream-idle-timeout)");
		MuleRunClientTimeoutException overall = new MuleRunClientTimeoutException(Kind.OVERALL, Duration.ofMinutes(5));
		assertThat(overall.getMessage()).contains("5m", "mulerun.http.overall-timeout");
		assertThat(overall.kind()).isEqualTo(Kind.OVERALL);
		assertThat(overall.timeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(overall.isRetryable()).isFalse();
	}

	@Test
	void validationMessageListsEveryViolation() {
		MuleRunValidationException ex = new MuleRunValidationException(
				List.of(new Violation("temperature", "must be between 0 and 2 (was 3.5)"),
						new Violation("messages", "must not be empty")));

		assertThat(ex.getMessage()).isEqualTo("Invalid chat completion request (2 violations):\n"
				+ " - temperature: must be between 0 and 2 (was 3.5)\n - messages: must not be empty");
		assertThat(ex.violations()).extracting(Violation::path).containsExactly("temperature", "messages");
		assertThat(new MuleRunValidationException(List.of(new Violation("messages[2].content", "must not be empty")))
			.getMessage())
			.isEqualTo("Invalid chat completion request (1 violation):\n - messages[2].content: must not be empty");
	}

	@Test
	void malformedResponseNamesTheProblemAndTheFirstLineOfTheBody() {
		byte[] body = "\n<html><body>Service temporarily unavailable</body></html>\n".getBytes(StandardCharsets.UTF_8);

		MuleRunMalformedResponseException ex = new MuleRunMalformedResponseException(
				"expected a JSON object but found '<'", 200, "req_9", body, null);

		assertThat(ex.getMessage()).isEqualTo("Malformed chat completion response (HTTP 200): expected a JSON object"
				+ " but found '<'; body starts with: <html><body>Service temporarily unavailable</body></html>"
				+ " [request id req_9]");
		assertThat(ex.statusCode()).isEqualTo(200);
		assertThat(ex.requestId()).isEqualTo("req_9");
		assertThat(ex.responseBody()).isEqualTo(new String(body, StandardCharsets.UTF_8));
	}

	@Test
	void malformedResponseTruncatesALargeBody() {
		String json = "{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(5000);

		MuleRunMalformedResponseException ex = MuleRunMalformedResponseException.of("truncated JSON", 200, null, json,
				null);

		String marker = "…(truncated, " + json.length() + " bytes)";
		assertThat(ex.responseBody()).hasSize(2048 + marker.length()).isEqualTo(json.substring(0, 2048) + marker);
		assertThat(ex.getMessage()).hasSizeLessThan(400)
			.startsWith(
					"Malformed chat completion response (HTTP 200): truncated JSON; body starts with: {\"choices\"");
	}

	@Test
	void connectionExceptionTellsWhetherHeadersHadArrived() {
		MuleRunConnectionException refused = new MuleRunConnectionException("Connection refused: api.mulerun.com", true,
				null);

		assertThat(refused.beforeResponse()).isTrue();
		assertThat(refused.isRetryable()).isTrue();
		assertThat(new MuleRunConnectionException("Premature close", false, null).isRetryable()).isFalse();
	}

	@Test
	void messagesNeverCarryBearerTokensOrKeys() {
		String secret = "Bearer sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234";

		List<Exception> exceptions = List.of(
				new MuleRunConnectionException("failed with Authorization: " + secret, true, null),
				MuleRunMalformedResponseException.of("bad", 200, null, "echo: " + secret, null),
				new MuleRunStreamException("reset by peer (" + secret + ")", 3, null, null, null),
				new MuleRunValidationException(List.of(new Violation("headers", "api-key=azure-secret-0001 invalid"))));

		assertThat(exceptions)
			.allSatisfy((ex) -> assertThat(ex.toString()).doesNotContain("AbCdEfGhIjKl", "azure-secret-0001"));
	}

}
