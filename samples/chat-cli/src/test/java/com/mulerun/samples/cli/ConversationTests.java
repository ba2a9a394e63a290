package com.mulerun.samples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation against the mock endpoint: stopping an answer, and what the next
 * question sends.
 */
class ConversationTests {

	private final MockMuleRunServer server = MockMuleRunServer.start();

	private final ChatCompletionTemplate template = ChatCompletionTemplate.builder()
		.baseUrl(this.server.baseUrl())
		.apiKey("sk-test")
		.build();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final WaitingIndicator waiting = new WaitingIndicator(print(this.err), false);

	private final Conversation conversation = new Conversation(this.template, "gpt-5", print(this.out), print(this.err),
			this.waiting);

	@AfterEach
	void stop() {
		this.template.close();
		this.server.close();
	}

	@Test
	void stoppingAnAnswerEndsItAtOnceKeepsWhatArrivedAndTheNextQuestionCarriesIt() throws Exception {
		this.server.whenLastUserMessageEquals("Count")
			.respondWith(MockResponse.chunks("one ", "two ", "three ", "four ", "five ")
				.withChunkDelay(Duration.ofSeconds(2)));
		this.server.whenAnyRequest().respondWithText("ok");

		CompletableFuture<Conversation.Outcome> outcome = CompletableFuture
			.supplyAsync(() -> this.conversation.ask("Count"));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> text(this.out).startsWith("one"));
		assertThat(this.conversation.stopAnswer()).isTrue();

		assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(Conversation.Outcome.STOPPED);
		assertThat(text(this.out)).isEqualTo("one " + System.lineSeparator());
		assertThat(text(this.err)).contains("[stopped] the answer was cut short");
		assertThat(this.conversation.ask("Go on")).isEqualTo(Conversation.Outcome.ANSWERED);
		assertThat(this.server.lastRequest().messages()).hasSize(3);
		assertThat(this.conversation.stopAnswer()).isFalse();
	}

	@Test
	void aFailedQuestionIsNotKeptSoItCanBeAskedAgain() {
		this.server.whenAnyRequest().respondWith(MockResponse.serverError(), MockResponse.text("fine"));
		Conversation failing = new Conversation(ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("sk-test")
			.retrySettings(RetrySettings.none())
			.build(), "gpt-5", print(this.out), print(this.err), this.waiting);

		assertThat(failing.ask("Hi")).isEqualTo(Conversation.Outcome.FAILED);
		assertThat(text(this.err)).startsWith("[error] HTTP 500");
		assertThat(failing.ask("Hi")).isEqualTo(Conversation.Outcome.ANSWERED);
		assertThat(this.server.lastRequest().messages()).hasSize(1);
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

	private static String text(ByteArrayOutputStream bytes) {
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
