package com.mulerun.samples.mvc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import com.mulerun.test.autoconfigure.AutoConfigureMockMuleRun;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat API over HTTP against the mock endpoint: the blocking call, the SSE stream, a
 * failed call, and the chat metrics in Actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mulerun.offline.mode=never", "mulerun.retry.max-retries=0" })
@AutoConfigureMockMuleRun
class ChatMvcApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMuleRunServer mockMuleRun;

	private RestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void answersWithTheWholeCompletionThroughTheBlockingCall() {
		this.mockMuleRun.whenLastUserMessageEquals("Hi")
			.respondWith(MockResponse.text("Hello there!").withUsage(3, 4).withModel("gpt-4.1"));

		Map<String, Object> reply = this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(conversation("gpt-4.1", "Hi"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});

		assertThat(reply).containsEntry("content", "Hello there!")
			.containsEntry("model", "gpt-4.1")
			.containsEntry("finishReason", "stop");
		assertThat(reply.get("usage")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("total_tokens", 7);
		assertThat(this.mockMuleRun.lastRequest().stream()).isNull();
	}

	@Test
	void streamsTheAnswerAsServerSentEvents() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.chunks("Hel", "lo!").withUsage(3, 2));

		String events = this.client.post()
			.uri("/api/chat/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.body(conversation(null, "Hi"))
			.retrieve()
			.body(String.class);

		assertThat(events.lines().filter((line) -> line.startsWith("data:"))).containsExactly(
				"data:{\"type\":\"delta\",\"text\":\"Hel\"}", "data:{\"type\":\"delta\",\"text\":\"lo!\"}",
				"data:{\"type\":\"usage\",\"promptTokens\":3,\"completionTokens\":2,\"totalTokens\":5}",
				"data:{\"type\":\"done\",\"model\":\"gpt-5\",\"finishReason\":\"stop\"}");
		assertThat(this.mockMuleRun.lastRequest().stream()).isTrue();
	}

	@Test
	void answersAFailedCallWithAProblemDetailCarryingTheApiStatus() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.rateLimited(Duration.ofSeconds(3)));

		ResponseEntity<Map<String, Object>> response = this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(conversation(null, "Hi"))
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});

		assertThat(response.getStatusCode().value()).isEqualTo(429);
		assertThat(response.getBody()).containsEntry("title", "The chat call failed");
		assertThat((String) response.getBody().get("detail")).startsWith("HTTP 429 (rate_limit_exceeded)");
	}

	@Test
	void showsTheChatCallsInTheActuatorMetrics() {
		this.mockMuleRun.whenAnyRequest().respondWithText("ok");
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(conversation("claude-sonnet-4-5", "Hi"))
			.retrieve()
			.toBodilessEntity();

		Map<String, Object> metric = this.client.get()
			.uri("/actuator/metrics/gen_ai.client.operation.duration?tag=gen_ai.request.model:claude-sonnet-4-5")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});

		assertThat(metric).containsEntry("name", "gen_ai.client.operation.duration");
		assertThat(metric.get("measurements")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(Map.of("statistic", "COUNT", "value", 1.0));
	}

	private static ChatController.Conversation conversation(String model, String prompt) {
		return new ChatController.Conversation(model, List.of(new ChatController.Conversation.Message("user", prompt)));
	}

}
