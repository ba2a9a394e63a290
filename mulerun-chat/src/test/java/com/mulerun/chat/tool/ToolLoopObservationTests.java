package com.mulerun.chat.tool;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.observation.ChatCompletionObservationContext;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.mulerun.chat.tool.ScriptedModel.answer;
import static com.mulerun.chat.tool.ScriptedModel.call;
import static com.mulerun.chat.tool.ScriptedModel.toolCalls;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each tool execution is an {@code execute_tool} observation, a child of the
 * chat observation of the answer that asked for it, with the arguments and the result
 * only when content recording is on.
 */
class ToolLoopObservationTests {

	static final String TOOL_OBSERVATION = "gen_ai.tool.execution";

	static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Weather?").build();

	final ScriptedModel model = new ScriptedModel();

	final TestObservationRegistry registry = TestObservationRegistry.create();

	final ToolLoopTests.WeatherTools weather = new ToolLoopTests.WeatherTools();

	@AfterEach
	void stop() {
		this.model.close();
	}

	@Test
	void eachExecutionIsAChildOfTheChatObservationThatAskedForItWithoutContent() {
		this.model.answers(toolCalls(call("call_1", "weather", "{\"city\":\"Paris\"}")), answer("Sunny."));
		try (ChatCompletionTemplate template = this.model.templateBuilder()
			.observationRegistry(this.registry)
			.build()) {
			template.create(REQUEST, CallOptions.builder().tools(ChatTools.from(this.weather)).build());
		}

		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 2)
			.hasNumberOfObservationsWithNameEqualTo(TOOL_OBSERVATION, 1)
			.hasObservationWithNameEqualTo(TOOL_OBSERVATION)
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasContextualNameEqualTo("execute_tool weather")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "execute_tool")
			.hasLowCardinalityKeyValue("gen_ai.tool.name", "weather")
			.hasLowCardinalityKeyValue("gen_ai.tool.type", "function")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("gen_ai.tool.call.id", "call_1")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.tool.call.arguments")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.tool.call.result")
			.hasParentObservationContextSatisfying((parent) -> {
				assertThat(parent).isInstanceOf(ChatCompletionObservationContext.class);
				assertThat(((ChatCompletionObservationContext) parent).getResponse().id()).isEqualTo("chatcmpl-t");
			});
	}

	@Test
	void aStreamedRoundsExecutionsAreChildrenOfThatRoundsObservation() {
		this.model.streams(ToolLoopStreamingTests.toolCallRound("Paris"), ToolLoopStreamingTests.textRound("Sunny."));
		try (ChatCompletionTemplate template = this.model.templateBuilder()
			.observationRegistry(this.registry)
			.build()) {
			template.stream(REQUEST, CallOptions.builder().tools(ChatTools.from(this.weather)).build())
				.blockLast(java.time.Duration.ofSeconds(10));
		}

		assertThat(this.registry).hasObservationWithNameEqualTo(TOOL_OBSERVATION)
			.that()
			.hasHighCardinalityKeyValue("gen_ai.tool.call.id", "call_0")
			.hasParentObservationContextSatisfying((parent) -> assertThat(
					((ChatCompletionObservationContext) parent).getResponse().choices().get(0).finishReason().value())
				.isEqualTo("tool_calls"));
	}

	@Test
	void argumentsAndResultsAreRecordedWithContentRecordingAndFailuresHaveAnErrorType() {
		this.model.answers(toolCalls(call("call_1", "weather", "{\"city\":\"Paris\"}"), call("call_2", "sensor", "{}")),
				answer("Sunny."));
		try (ChatCompletionTemplate template = this.model.templateBuilder()
			.observationRegistry(this.registry)
			.observationIncludeContent(true)
			.build()) {
			template.create(REQUEST, CallOptions.builder().tools(ChatTools.from(this.weather)).build());
		}

		assertThat(this.registry)
			.hasAnObservation((observation) -> observation.hasNameEqualTo(TOOL_OBSERVATION)
				.hasHighCardinalityKeyValue("gen_ai.tool.call.id", "call_1")
				.hasHighCardinalityKeyValue("gen_ai.tool.call.arguments", "{\"city\":\"Paris\"}")
				.hasHighCardinalityKeyValue("gen_ai.tool.call.result", "Sunny in Paris")
				.doesNotHaveError())
			.hasAnObservation((observation) -> observation.hasNameEqualTo(TOOL_OBSERVATION)
				.hasHighCardinalityKeyValue("gen_ai.tool.call.id", "call_2")
				.hasLowCardinalityKeyValue("error.type", "IllegalStateException")
				.hasError());
	}

}
