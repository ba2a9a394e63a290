package com.mulerun.starter;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that uses nothing but the starter, {@code mulerun.api-key} and
 * {@code mulerun.base-url}, and gets an answer both blocking and streaming.
 */
@SpringBootTest
class StarterApplicationTests {

	static final WireMockServer server = startServer();

	@Autowired
	ChatCompletionTemplate template;

	static WireMockServer startServer() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post("/v1/chat/completions").withHeader("Accept", equalTo("application/json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"c1","object":"chat.completion","created":1,"model":"gpt-5",
								 "choices":[{"index":0,"message":{"role":"assistant","content":"Blocking answer"},"finish_reason":"stop"}]}
								""")));
		server.stubFor(post("/v1/chat/completions").withHeader("Accept", equalTo("text/event-stream"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"id":"c2","choices":[{"index":0,"delta":{"role":"assistant","content":"Streamed "}}]}

					data: {"id":"c2","choices":[{"index":0,"delta":{"content":"answer"},"finish_reason":"stop"}]}

					data: [DONE]

					""")));
		return server;
	}

	@DynamicPropertySource
	static void mulerunProperties(DynamicPropertyRegistry registry) {
		registry.add("mulerun.api-key", () -> "sk-starter-test");
		registry.add("mulerun.base-url", server::baseUrl);
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@Test
	void answersBlocking() {
		assertThat(this.template.chat("Hello")).isEqualTo("Blocking answer");
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization",
				equalTo("Bearer sk-starter-test")));
	}

	@Test
	void answersStreaming() {
		List<String> text = this.template.streamText(ChatCompletionRequest.builder().userMessage("Hello").build())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(text).containsExactly("Streamed ", "answer");
	}

	@SpringBootApplication
	static class Application {

	}

}
