package com.mulerun.samples.web;

import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.model.ResponseFormat;
import com.mulerun.chat.model.ToolMessage;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import com.mulerun.test.autoconfigure.AutoConfigureMockMuleRun;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay from the client's stream to the page's server-sent events, over HTTP against
 * the mock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mulerun.offline.mode=never", "mulerun.retry.max-retries=0" })
@AutoConfigureMockMuleRun
@AutoConfigureWebTestClient
class ChatRelayTests {

	private static final ParameterizedTypeReference<ServerSentEvent<ChatEvent>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@Autowired
	MockMuleRunServer mockMuleRun;

	@Test
	void relaysTheAnswerAsDeltasThenUsageThenDoneWithTheModelAndFinishReason() {
		this.mockMuleRun.whenLastUserMessageEquals("Hi")
			.respondWith(MockResponse.chunks("Hel", "lo!").withUsage(3, 2).withFinishReason("length"));

		List<ChatEvent> events = events("gpt-4.1", user("Hi"));

		assertThat(events).containsExactly(ChatEvent.delta("Hel"), ChatEvent.delta("lo!"), ChatEvent.usage(3, 2, 5),
				ChatEvent.done("gpt-4.1", "length"));
		assertThat(this.mockMuleRun.lastRequest().model()).isEqualTo("gpt-4.1");
		assertThat(this.mockMuleRun.lastRequest().stream()).isTrue();
	}

	@Test
	void sendsTheWholeConversationWithTheNewPromptLast() {
		this.mockMuleRun.whenAnyRequest().respondWithText("Paris, still.");

		events("gpt-5", user("Capital of France?"), new ChatController.Conversation.Message("assistant", "Paris."),
				user("And in 1900?"));

		assertThat(this.mockMuleRun.lastRequest().messages()).extracting((message) -> message.role().value())
			.containsExactly("user", "assistant", "user");
		assertThat(this.mockMuleRun.lastRecordedRequest().lastUserMessage()).isEqualTo("And in 1900?");
	}

	@Test
	void takesAPromptOfSixThousandCharactersInThePostBody() {
		String prompt = "é".repeat(3000) + "x".repeat(3000);
		this.mockMuleRun.whenAnyRequest().respondWithText("ok");

		assertThat(events(null, user(prompt))).last().isEqualTo(ChatEvent.done("gpt-5", "stop"));
		assertThat(this.mockMuleRun.lastRecordedRequest().lastUserMessage()).isEqualTo(prompt);
	}

	@Test
	void usesTheDefaultModelWhenThePageNamesNone() {
		this.mockMuleRun.whenAnyRequest().respondWithText("ok");

		assertThat(events("", user("Hi"))).last().isEqualTo(ChatEvent.done("gpt-5", "stop"));
		assertThat(this.mockMuleRun.lastRequest().model()).isEqualTo("gpt-5");
	}

	@Test
	void relaysAToolRoundThenTheAnswerWhenTheModelCallsTheServerClock() {
		this.mockMuleRun.whenLastUserMessageEquals("What time is it?")
			.respondWith(MockResponse.toolCall(ServerClockTools.NAME, "{}"), MockResponse.chunks("It is ", "noon."));

		List<ChatEvent> events = events(null, user("What time is it?"));

		assertThat(events).filteredOn((event) -> !event.type().equals("usage"))
			.containsExactly(ChatEvent.tool(ServerClockTools.NAME), ChatEvent.delta("It is "), ChatEvent.delta("noon."),
					ChatEvent.done("gpt-5", "stop"));
		List<ChatMessage> messages = this.mockMuleRun.lastRequest().messagesOrEmpty();
		assertThat(messages.get(messages.size() - 1)).isInstanceOfSatisfying(ToolMessage.class,
				(clock) -> assertThat(ZonedDateTime.parse(clock.content().text())).isNotNull());
	}

	@Test
	void turnsAnApiErrorIntoAnErrorEventWithTheMessage() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.rateLimited(Duration.ofSeconds(3)));

		List<ChatEvent> events = events(null, user("Hi"));

		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("error");
			assertThat(event.status()).isEqualTo(429);
			assertThat(event.message()).startsWith("HTTP 429 (rate_limit_exceeded): Rate limit reached for requests.");
		});
	}

	@Test
	void turnsAFailureMidStreamIntoAnErrorEventAfterTheDeltasThatArrived() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.text("one two three").failAfterChunks(2));

		List<ChatEvent> events = events(null, user("Count"));

		assertThat(events).hasSize(2).first().isEqualTo(ChatEvent.delta("one"));
		assertThat(events.get(1).type()).isEqualTo("error");
		assertThat(events.get(1).message()).startsWith("Stream ended before it was complete");
	}

	@Test
	void asksForAPromptWithoutCallingTheApiWhenThePromptIsBlankOrMissing() {
		assertThat(events(null, user("   "))).containsExactly(ChatEvent.error("Type a prompt first.", null));
		assertThat(events(null)).containsExactly(ChatEvent.error("Type a prompt first.", null));
		assertThat(this.mockMuleRun.requests()).isEmpty();
	}

	@Test
	void summarizesIntoATypedRecordAskingForItsSchema() {
		this.mockMuleRun.whenAnyRequest()
			.respondWithText(
					"{\"title\":\"Ada's engine\",\"keyPoints\":[\"First program\"],\"sentiment\":\"POSITIVE\"}");

		this.client.get()
			.uri("/api/summary?text={text}", "Ada Lovelace wrote the first program.")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ChatController.Summary.class)
			.isEqualTo(new ChatController.Summary("Ada's engine", List.of("First program"),
					ChatController.Sentiment.POSITIVE));
		assertThat(this.mockMuleRun.lastRequest().responseFormat()).isInstanceOfSatisfying(
				ResponseFormat.JsonSchemaFormat.class,
				(format) -> assertThat(format.jsonSchema().name()).isEqualTo("Summary"));
	}

	@Test
	void answersBadGatewayWhenTheSummaryIsNotTheType() {
		this.mockMuleRun.whenAnyRequest().respondWithText("Sorry, no JSON today.");

		this.client.get().uri("/api/summary?text=x").exchange().expectStatus().isEqualTo(502);
	}

	@Test
	void listsTheSupportedModelsAndTheDefaultOne() {
		this.client.get()
			.uri("/api/models")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ChatController.Models.class)
			.value((models) -> {
				assertThat(models.models()).containsExactlyElementsOf(ChatModels.ALL).hasSize(15);
				assertThat(models.defaultModel()).isEqualTo("gpt-5");
				assertThat(models.offline()).isNull();
			});
	}

	@Test
	void servesThePageAtTheRoot() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<select id=\"model\"").contains("fetch(\"api/chat/stream\""));
	}

	@Test
	void servesTheMarkdownRendererAndTheFavicon() {
		this.client.get().uri("/markdown.js").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/favicon.svg")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("image/svg+xml");
	}

	private static ChatController.Conversation.Message user(String content) {
		return new ChatController.Conversation.Message("user", content);
	}

	private List<ChatEvent> events(String model, ChatController.Conversation.Message... messages) {
		return this.client.post()
			.uri("/api/chat/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new ChatController.Conversation(model, List.of(messages)))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.map(ServerSentEvent::data)
			.collectList()
			.block(Duration.ofSeconds(10));
	}

}
