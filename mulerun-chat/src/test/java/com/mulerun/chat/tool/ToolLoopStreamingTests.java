package com.mulerun.chat.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.error.MuleRunToolLoopException;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.mulerun.chat.tool.ScriptedModel.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool-calling conversations through {@code stream()}: every round's chunks reach the
 * subscriber in order, tool calls whose arguments arrive in many fragments are assembled
 * and executed, and the next round continues the same stream.
 */
class ToolLoopStreamingTests {

	static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder()
		.userMessage("What is the weather in Paris and Rome?")
		.build();

	final ScriptedModel model = new ScriptedModel();

	final ChatCompletionTemplate template = this.model.templateBuilder().build();

	final ToolLoopTests.WeatherTools weather = new ToolLoopTests.WeatherTools();

	@AfterEach
	void stop() {
		this.template.close();
		this.model.close();
	}

	/**
	 * A round that calls {@code weather} twice, each call's arguments split into
	 * one-to-four-character fragments, with provider fields on the message and the first
	 * call.
	 */
	static String toolCallRound(String... cities) {
		List<String> events = new ArrayList<>();
		events.add(chunk("{\"role\":\"assistant\",\"content\":null}", null));
		for (int i = 0; i < cities.length; i++) {
			String extra = (i == 0) ? ",\"extra_content\":{\"google\":{\"thought_signature\":\"c2ln\"}}" : "";
			events.add(chunk("{\"tool_calls\":[{\"index\":" + i + ",\"id\":\"call_" + i
					+ "\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}" + extra + "}]}",
					null));
			String arguments = "{\"city\": \"" + cities[i] + "\"}";
			for (int start = 0; start < arguments.length(); start += 1 + (start % 4)) {
				String fragment = arguments.substring(start, Math.min(arguments.length(), start + 1 + (start % 4)));
				events.add(chunk("{\"tool_calls\":[{\"index\":" + i + ",\"function\":{\"arguments\":"
						+ ChatJson.mapper().writeValueAsString(fragment) + "}}]}", null));
			}
		}
		events.add(chunk("{}", "tool_calls"));
		return sse(events);
	}

	static String textRound(String... deltas) {
		List<String> events = new ArrayList<>();
		events.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
		for (String delta : deltas) {
			events.add(chunk("{\"content\":" + ChatJson.mapper().writeValueAsString(delta) + "}", null));
		}
		events.add(chunk("{}", "stop"));
		return sse(events);
	}

	private static String chunk(String delta, String finishReason) {
		return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5\",\"choices\":[{\"index\":0,"
				+ "\"delta\":" + delta + ",\"finish_reason\":"
				+ ((finishReason != null) ? "\"" + finishReason + "\"" : "null") + "}]}";
	}

	private static String sse(List<String> events) {
		return events.stream().map((event) -> "data: " + event + "\n\n").collect(Collectors.joining())
				+ "data: [DONE]\n\n";
	}

	static int eventCount(String sse) {
		return sse.split("\n\n").length - 1;
	}

	@Test
	void everyRoundsChunksAreEmittedInOrderAndTheToolCallsAreAssembledFromTheirFragments() {
		String first = toolCallRound("Paris", "Rome");
		String second = textRound("Paris is ", "warmer ", "than Rome.");
		this.model.streams(first, second);

		List<ChatCompletionChunk> chunks = this.template
			.stream(REQUEST, CallOptions.builder().tools(ChatTools.from(this.weather)).build())
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(chunks).hasSize(eventCount(first) + eventCount(second));
		assertThat(chunks.stream()
			.map(ChatCompletionChunk::text)
			.filter((text) -> text != null)
			.collect(Collectors.joining())).isEqualTo("Paris is warmer than Rome.");
		assertThat(chunks.get(eventCount(first) - 1).choices().get(0).finishReason().value()).isEqualTo("tool_calls");
		assertThat(this.weather.cities).containsExactlyInAnyOrder("Paris", "Rome");
		List<JsonNode> requests = this.model.requests();
		assertThat(requests).hasSize(2);
		assertThat(requests).allSatisfy((request) -> assertThat(request.get("stream").asBoolean()).isTrue());
		assertThat(requests.get(1).get("messages")).isEqualTo(
				json("""
						[{"role":"user","content":"What is the weather in Paris and Rome?"},
						 {"role":"assistant","tool_calls":[
						   {"id":"call_0","type":"function","function":{"name":"weather","arguments":"{\\"city\\": \\"Paris\\"}"},
						    "extra_content":{"google":{"thought_signature":"c2ln"}}},
						   {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\": \\"Rome\\"}"}}]},
						 {"role":"tool","content":"Sunny in Paris","tool_call_id":"call_0"},
						 {"role":"tool","content":"Sunny in Rome","tool_call_id":"call_1"}]
						"""));
	}

	@Test
	void streamTextGivesOnlyTheTextOfTheFinalRound() {
		this.model.streams(toolCallRound("Paris"), textRound("Sunny ", "in Paris."));

		StepVerifier
			.create(this.template.streamText(REQUEST,
					CallOptions.builder().tools(ChatTools.from(this.weather)).build()))
			.expectNext("Sunny ", "in Paris.")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void threeStreamedRoundsAndBlockingToolsOffTheEventLoop() {
		this.model.streams(toolCallRound("Paris"), toolCallRound("Rome"), toolCallRound("Oslo"), textRound("Done."));

		StepVerifier
			.create(this.template.streamText(REQUEST,
					CallOptions.builder().tools(ChatTools.from(this.weather)).build()))
			.expectNext("Done.")
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		assertThat(this.model.requests()).extracting((request) -> request.get("messages").size())
			.containsExactly(1, 3, 5, 7);
		assertThat(this.weather.threads).hasSize(3)
			.allSatisfy((thread) -> assertThat(thread.nonBlocking()).as(thread.name()).isFalse());
	}

	@Test
	void streamAggregatedWithDefaultToolsGivesTheFinalRoundsAnswer() {
		this.model.streams(toolCallRound("Paris"), textRound("Sunny ", "in Paris."));
		try (ChatCompletionTemplate withDefaults = this.model.templateBuilder()
			.defaultTools(ChatTools.from(this.weather))
			.build()) {

			StepVerifier.create(withDefaults.streamAggregated(REQUEST)).assertNext((completion) -> {
				assertThat(completion.content()).isEqualTo("Sunny in Paris.");
				assertThat(completion.choices().get(0).message().toolCallsOrEmpty()).isEmpty();
				assertThat(completion.choices().get(0).finishReason().value()).isEqualTo("stop");
			}).expectComplete().verify(Duration.ofSeconds(10));
		}
		assertThat(this.weather.cities).containsExactly("Paris");
		assertThat(this.model.requests()).hasSize(2);
	}

	@Test
	void theStreamingLoopStopsAtTheLimitAfterEmittingEveryRoundsChunks() {
		String round = toolCallRound("Paris");
		this.model.streams(round, round, round);

		List<ChatCompletionChunk> received = new ArrayList<>();
		StepVerifier
			.create(this.template.stream(REQUEST,
					CallOptions.builder().tools(ChatTools.from(this.weather)).maxToolRoundTrips(2).build()))
			.recordWith(() -> received)
			.thenConsumeWhile((chunk) -> true)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MuleRunToolLoopException.class)
				.hasMessageContaining("maxToolRoundTrips=2"))
			.verify(Duration.ofSeconds(10));

		assertThat(received).hasSize(3 * eventCount(round));
		assertThat(this.model.requests()).hasSize(3);
	}

}
