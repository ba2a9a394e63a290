package com.mulerun.test.example;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.error.MuleRunNotFoundException;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.Role;
import java.time.Duration;

import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import com.mulerun.test.RecordedRequest;
import com.mulerun.test.autoconfigure.AutoConfigureMockMuleRun;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A user's service tested against the mock through the auto-configured client, blocking
 * and streaming.
 */
@SpringBootTest(properties = { "mulerun.retry.max-retries=0", "mulerun.chat.model=gpt-5-mini",
		"mulerun.base-url=http://127.0.0.1:9" })
@AutoConfigureMockMuleRun
class SupportBotTests {

	@Autowired
	SupportBot bot;

	@Autowired
	MockMuleRunServer mockMuleRun;

	@Autowired
	ChatCompletionTemplate template;

	@Test
	void pointsTheAutoConfiguredClientAtTheMockWhateverBaseUrlIsConfigured() {
		assertThat(this.template.baseUrl()).isEqualTo(this.mockMuleRun.baseUrl());
	}

	@Test
	void answersBlockingWithTheStubbedText() {
		this.mockMuleRun.whenLastUserMessageContains("refund").respondWithText("Refunds take five days.");

		assertThat(this.bot.answer("How do I get a refund?")).isEqualTo("Refunds take five days.");
	}

	@Test
	void streamsTheAnswerDeltaByDelta() {
		this.mockMuleRun.whenAnyRequest()
			.respondWith(MockResponse.text("We ship worldwide.").withChunkDelay(Duration.ofMillis(5)));

		StepVerifier.create(this.bot.streamAnswer("Do you ship abroad?"))
			.expectNext("We", " ship", " worldwide.")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void sendsTheInstructionsTheQuestionTheConfiguredModelAndTheKey() {
		this.mockMuleRun.whenAnyRequest().respondWithText("Hello!");

		this.bot.answer("Hi there");

		assertThat(this.mockMuleRun.requests()).singleElement().satisfies((request) -> {
			assertThat(request.model()).isEqualTo("gpt-5-mini");
			assertThat(request.messagesOrEmpty()).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.USER);
			assertThat(request.messagesOrEmpty().get(0).content().text()).isEqualTo(SupportBot.INSTRUCTIONS);
		});
		RecordedRequest recorded = this.mockMuleRun.lastRecordedRequest();
		assertThat(recorded.lastUserMessage()).isEqualTo("Hi there");
		assertThat(recorded.header("Authorization")).isEqualTo("Bearer " + AutoConfigureMockMuleRun.DEFAULT_API_KEY);
		assertThat(recorded.body()).contains("\"model\":\"gpt-5-mini\"");
	}

	@Test
	void rateLimitRaisesRateLimitExceptionWithTheRequestedDelay() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.rateLimited(Duration.ofSeconds(3)));

		MuleRunRateLimitException error = catchThrowableOfType(MuleRunRateLimitException.class,
				() -> this.bot.answer("Hi"));

		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(error.isRetryable()).isTrue();
	}

	@Test
	void serverErrorRaisesServerExceptionAfterOneRequestWhenRetriesAreOff() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.serverError());

		assertThatExceptionOfType(MuleRunServerException.class).isThrownBy(() -> this.bot.answer("Hi"))
			.satisfies((error) -> assertThat(error.statusCode()).isEqualTo(500));
		assertThat(this.mockMuleRun.requestCount()).isEqualTo(1);
	}

	@Test
	void connectionClosedMidStreamRaisesStreamException() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.text("This answer never ends").failAfterChunks(2));

		StepVerifier.create(this.bot.streamAnswer("Tell me everything"))
			.expectNext("This")
			.expectErrorSatisfies(
					(error) -> assertThat(error).isInstanceOfSatisfying(MuleRunStreamException.class, (streamError) -> {
						assertThat(streamError.chunksReceived()).isEqualTo(2);
						assertThat(streamError.partial().content()).isEqualTo("This");
					}))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void questionNoStubExpectsRaisesNotFoundExceptionNamingTheQuestion() {
		this.mockMuleRun.whenLastUserMessageContains("refund").respondWithText("Refunds take five days.");

		assertThatExceptionOfType(MuleRunNotFoundException.class)
			.isThrownBy(() -> this.bot.answer("Where is my parcel?"))
			.withMessageContaining("No stub matched the request (model=gpt-5-mini")
			.withMessageContaining("last user message=\"Where is my parcel?\"");
	}

}
