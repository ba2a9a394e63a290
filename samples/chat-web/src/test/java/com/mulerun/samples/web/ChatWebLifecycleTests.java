package com.mulerun.samples.web;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as {@code main} starts it, offline, without a key: it says so once,
 * answers, sees a page stop an answer, and closes (as on Ctrl-C) without a warning, an
 * error or a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatWebLifecycleTests {

	private static final ParameterizedTypeReference<ServerSentEvent<ChatEvent>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Test
	void startsAnswersSeesAStopAndClosesWithoutAWarning(CapturedOutput output) {
		ConfigurableApplicationContext context = SpringApplication.run(ChatWebApplication.class, "--server.port=0",
				"--mulerun.offline.mode=always", "--mulerun.offline.chunk-delay=50ms");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		WebClient client = WebClient.create("http://127.0.0.1:" + port);

		List<ChatEvent> whole = stream(client).map(ServerSentEvent::data).collectList().block(Duration.ofSeconds(30));
		ChatEvent first = stream(client).map(ServerSentEvent::data).blockFirst(Duration.ofSeconds(30));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut().contains("Answer stopped by the page after "));
		context.close();

		assertThat(whole).last().isEqualTo(ChatEvent.done("gpt-5", "stop"));
		assertThat(first.type()).isEqualTo("delta");
		assertThat(output.getOut()).containsOnlyOnce(
				"[offline] mulerun.offline.mode is always: answers come from the " + "starter's offline mode");
		assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	private static Flux<ServerSentEvent<ChatEvent>> stream(WebClient client) {
		return client.post()
			.uri("/api/chat/stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new ChatController.Conversation(null,
					List.of(new ChatController.Conversation.Message("user", "Hello"))))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(EVENT);
	}

}
