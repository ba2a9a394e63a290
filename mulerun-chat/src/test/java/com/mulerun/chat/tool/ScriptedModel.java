package com.mulerun.chat.tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.model.ChatJson;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

/**
 * A WireMock model that answers a conversation turn by turn (a stateful scenario: the
 * n-th request gets the n-th answer), with helpers that write answers with tool calls and
 * read back the requests that were sent.
 */
final class ScriptedModel implements AutoCloseable {

	static final String PATH = "/v1/chat/completions";

	final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	ScriptedModel() {
		this.server.start();
	}

	com.mulerun.chat.ChatCompletionTemplateBuilder templateBuilder() {
		return ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey("sk-test-key-1234567890")
			.retrySettings(RetrySettings.none());
	}

	/**
	 * Answers the n-th request with the n-th JSON body.
	 */
	ScriptedModel answers(String... bodies) {
		return script("application/json", bodies);
	}

	/**
	 * Answers the n-th request with the n-th server-sent-event body.
	 */
	ScriptedModel streams(String... bodies) {
		return script("text/event-stream", bodies);
	}

	/**
	 * Answers every request with the same JSON body.
	 */
	ScriptedModel alwaysAnswers(String body) {
		this.server.stubFor(post(PATH)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
		return this;
	}

	private ScriptedModel script(String contentType, String... bodies) {
		for (int i = 0; i < bodies.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "turn " + i;
			this.server.stubFor(post(PATH).inScenario("conversation")
				.whenScenarioStateIs(state)
				.willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(bodies[i]))
				.willSetStateTo("turn " + (i + 1)));
		}
		return this;
	}

	/**
	 * Returns the bodies of the requests received, in order.
	 */
	List<JsonNode> requests() {
		List<ServeEvent> events = new ArrayList<>(this.server.getAllServeEvents());
		Collections.reverse(events);
		return events.stream()
			.map((event) -> ChatJson.mapper().readTree(event.getRequest().getBodyAsString()))
			.toList();
	}

	static JsonNode json(String json) {
		return ChatJson.mapper().readTree(json);
	}

	/**
	 * A completion whose message calls tools; each call is {@code {id, name, arguments}}.
	 * The message and the first call carry properties the model does not name, which must
	 * be sent back verbatim.
	 */
	static String toolCalls(String[]... calls) {
		StringBuilder json = new StringBuilder();
		for (int i = 0; i < calls.length; i++) {
			String[] call = calls[i];
			json.append((i > 0) ? "," : "")
				.append("{\"id\":\"")
				.append(call[0])
				.append("\",\"type\":\"function\",\"function\":{\"name\":\"")
				.append(call[1])
				.append("\",\"arguments\":")
				.append(ChatJson.mapper().writeValueAsString(call[2]))
				.append("}")
				.append((i == 0) ? ",\"extra_content\":{\"google\":{\"thought_signature\":\"c2ln\"}}" : "")
				.append("}");
		}
		return """
				{"id":"chatcmpl-t","object":"chat.completion","created":1,"model":"gpt-5",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[%s],
				   "reasoning_content":"thinking","provider_state":{"turn":1}},"finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
				""".formatted(json);
	}

	static String[] call(String id, String name, String arguments) {
		return new String[] { id, name, arguments };
	}

	static String answer(String text) {
		return """
				{"id":"chatcmpl-a","object":"chat.completion","created":2,"model":"gpt-5",
				 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":20,"completion_tokens":3,"total_tokens":23}}
				""".formatted(ChatJson.mapper().writeValueAsString(text));
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
