package com.mulerun.chat;

import java.time.Duration;

import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.model.ChatCompletionRequest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The bound on a stream's total time ({@code mulerun.http.stream-max-duration}): off by
 * default, it ends a stream that comments alone keep alive, and it never holds back a
 * stream that ends in time.
 */
class ChatCompletionTemplateStreamMaxDurationTests {

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	private static final String COMPLETE_STREAM = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":"
			+ "{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

	@Test
	void aStreamKeptAliveByCommentsAloneEndsWithAStreamMaxDurationTimeout() {
		// comments every 100 ms against an idle timeout of 1 s: a wide margin, so that a
		// loaded machine cannot make the stream look idle before the bound ends it
		Duration max = Duration.ofMillis(2500);
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream", COMPLETE_STREAM).end(),
				(connection) -> connection.chunkedHeaders(200, "text/event-stream")
					.commentEvery(Duration.ofMillis(100)))) {
			ChatCompletionTemplate template = template(server,
					Timeouts.DEFAULTS.withStreamIdle(Duration.ofSeconds(1)).withStreamMaxDuration(max));
			// a first stream warms the connection up, so that the bound of the second is
			// spent on comments
			StepVerifier.create(template.streamText(REQUEST))
				.expectNext("Hi")
				.expectComplete()
				.verify(Duration.ofSeconds(10));

			StepVerifier.create(template.stream(REQUEST)).expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(MuleRunClientTimeoutException.class)
					.hasMessageContaining("mulerun.http.stream-max-duration");
				MuleRunClientTimeoutException timeout = (MuleRunClientTimeoutException) failure;
				assertThat(timeout.kind()).isEqualTo(MuleRunClientTimeoutException.Kind.STREAM_MAX_DURATION);
				assertThat(timeout.timeout()).isEqualTo(max);
				assertThat(timeout.isRetryable()).isFalse();
			}).verify(Duration.ofSeconds(10));
			assertThat(server.requestCount()).isEqualTo(2);
			template.close();
		}
	}

	@Test
	void aStreamThatEndsBeforeTheBoundCompletesWithoutWaitingForIt() {
		try (ScriptedHttpServer server = new ScriptedHttpServer(
				(connection) -> connection.chunkedHeaders(200, "text/event-stream", COMPLETE_STREAM).end())) {
			ChatCompletionTemplate template = template(server,
					Timeouts.DEFAULTS.withStreamMaxDuration(Duration.ofMinutes(5)));

			StepVerifier.create(template.streamText(REQUEST))
				.expectNext("Hi")
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			template.close();
		}
	}

	@Test
	void theBoundIsOffByDefaultAndMustBePositiveWhenSet() {
		assertThat(Timeouts.DEFAULTS.streamMaxDuration()).isNull();
		assertThat(Timeouts.DEFAULTS.withStreamMaxDuration(Duration.ofMinutes(30))
			.withOverall(Duration.ofMinutes(1))
			.streamMaxDuration()).isEqualTo(Duration.ofMinutes(30));
		assertThatIllegalArgumentException().isThrownBy(() -> Timeouts.DEFAULTS.withStreamMaxDuration(Duration.ZERO))
			.withMessage("streamMaxDuration timeout must be positive (was PT0S)");
	}

	private static ChatCompletionTemplate template(ScriptedHttpServer server, Timeouts timeouts) {
		return ChatCompletionTemplate.builder()
			.baseUrl(server.baseUrl())
			.timeouts(timeouts)
			.retrySettings(RetrySettings.DEFAULTS.withInitialBackoff(Duration.ofMillis(1)))
			.build();
	}

}
