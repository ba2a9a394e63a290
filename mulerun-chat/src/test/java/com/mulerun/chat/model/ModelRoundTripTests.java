package com.mulerun.chat.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Parses payloads that use every schema and property of the specification into the typed
 * model, checks typed accessors, writes the model back and compares the JSON trees.
 *
 * <p>
 * Trees are compared after removing object members whose value is JSON {@code null}: the
 * model treats a missing value and {@code null} the same (a field that is not set is
 * {@code null} and is never written), so {@code "refusal": null} in a response comes back
 * as no {@code refusal} member at all. Nothing else is forgiven for the hand-written
 * payloads: every other member, including the unknown ones, must come back with the same
 * value and the same JSON number type.
 */
class ModelRoundTripTests {

	private static final JsonMapper mapper = ChatJson.mapper();

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Test
	void requestWithEveryPropertyRoundTripsWithTypedValues() {
		ChatCompletionRequest request = roundTrip(resource("model/request-full.json"), ChatCompletionRequest.class);
		assertThat(request.model()).isEqualTo(ChatModels.GPT_5);
		assertThat(request.modalities()).containsExactly(Modality.TEXT, Modality.AUDIO);
		assertThat(request.verbosity()).isEqualTo(Verbosity.LOW);
		assertThat(request.reasoningEffort()).isEqualTo(ReasoningEffort.MINIMAL);
		assertThat(request.maxCompletionTokens()).isEqualTo(1024);
		assertThat(request.frequencyPenalty()).isEqualTo(0.5);
		assertThat(request.presencePenalty()).isEqualTo(-0.25);
		assertThat(request.webSearchOptions().searchContextSize()).isEqualTo("medium");
		assertThat(request.webSearchOptions().userLocation().type()).isEqualTo("approximate");
		assertThat(request.webSearchOptions().userLocation().approximate())
			.isEqualTo(new WebSearchOptions.WebSearchLocation("GB", "England", "London", "Europe/London", null));
		assertThat(request.topLogprobs()).isEqualTo(5);
		assertThat(request.responseFormat()).isInstanceOfSatisfying(ResponseFormat.JsonSchemaFormat.class, (format) -> {
			assertThat(format.jsonSchema().name()).isEqualTo("weather");
			assertThat(format.jsonSchema().description()).isEqualTo("A weather report");
			assertThat(format.jsonSchema().strict()).isTrue();
			assertThat(format.jsonSchema().schema()).containsEntry("additionalProperties", false);
		});
		assertThat(request.audio()).isEqualTo(new AudioParameters("alloy", "mp3", null));
		assertThat(request.store()).isTrue();
		assertThat(request.stream()).isFalse();
		assertThat(request.stop().sequences()).containsExactly("\n\n", "END");
		assertThat(request.logitBias()).containsExactly(Map.entry("50256", -100), Map.entry("1234", 5));
		assertThat(request.logprobs()).isTrue();
		assertThat(request.maxTokens()).isEqualTo(512);
		assertThat(request.n()).isEqualTo(2);
		assertThat(request.prediction().type()).isEqualTo("content");
		assertThat(request.prediction().content()).isEqualTo(MessageContent.of("The weather in London is"));
		// beyond 2^53: a double would have lost the last digit
		assertThat(request.seed()).isEqualTo(9007199254740993L);
		assertThat(request.streamOptions()).isEqualTo(new StreamOptions(true, false, null));
		assertThat(request.tools()).extracting(Tool::type).containsExactly("function", "custom", "custom");
		assertThat(request.toolChoice()).isInstanceOfSatisfying(ToolChoice.NamedCustom.class,
				(choice) -> assertThat(choice.custom().name()).isEqualTo("run_sql"));
		assertThat(request.parallelToolCalls()).isTrue();
		assertThat(request.functionCall()).isEqualTo(FunctionCallOption.function("get_weather"));
		assertThat(request.functions()).singleElement().satisfies((function) -> {
			assertThat(function.name()).isEqualTo("get_weather");
			assertThat(function.description()).isEqualTo("Gets the current weather");
			assertThat(function.parameters()).containsEntry("type", "object");
		});
		assertThat(request.metadata()).containsExactly(Map.entry("ticket", "T-1042"), Map.entry("team", "support"));
		assertThat(request.temperature()).isEqualTo(0.7);
		assertThat(request.topP()).isEqualTo(0.9);
		assertThat(request.user()).isEqualTo("user-1234");
		assertThat(request.serviceTier()).isEqualTo(ServiceTier.FLEX);
		assertThat(request.extra()).containsOnlyKeys("top_k", "provider").containsEntry("top_k", 40);
	}

	@Test
	void everyMessageRoleRoundTripsAsItsOwnType() {
		ChatCompletionRequest request = roundTrip(resource("model/request-full.json"), ChatCompletionRequest.class);
		List<ChatMessage> messages = request.messages();
		assertThat(messages).extracting(ChatMessage::role)
			.containsExactly(Role.DEVELOPER, Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.FUNCTION,
					Role.of("critic"));
		assertThat(messages.get(0)).isInstanceOfSatisfying(DeveloperMessage.class, (message) -> {
			assertThat(message.content()).isEqualTo(MessageContent.of("Answer in one sentence."));
			assertThat(message.name()).isEqualTo("policy");
		});
		assertThat(messages.get(1)).isInstanceOfSatisfying(SystemMessage.class, (message) -> {
			assertThat(message.content())
				.isEqualTo(MessageContent.of(ContentPart.text("You are a weather assistant.")));
			assertThat(message.name()).isEqualTo("setup");
		});
		assertThat(messages.get(2)).isInstanceOfSatisfying(UserMessage.class, (message) -> {
			assertThat(message.name()).isEqualTo("ana");
			assertThat(message.content()).isInstanceOf(MessageContent.Parts.class);
		});
		assertThat(messages.get(3)).isInstanceOfSatisfying(AssistantMessage.class, (message) -> {
			assertThat(message.name()).isEqualTo("forecaster");
			assertThat(message.text()).isEqualTo("Let me check.");
			assertThat(message.refusal()).isEqualTo("I cannot tell where the photo was taken.");
			assertThat(message.audio()).isEqualTo(AssistantAudio.reference("audio_abc123"));
			assertThat(message.toolCalls()).hasExactlyElementsOfTypes(FunctionToolCall.class, CustomToolCall.class);
			assertThat(message.functionCall()).isEqualTo(new FunctionCall("get_weather", "{\"city\":\"London\"}"));
		});
		assertThat(messages.get(4)).isInstanceOfSatisfying(ToolMessage.class, (message) -> {
			assertThat(message.toolCallId()).isEqualTo("call_fn");
			assertThat(message.content().text()).isEqualTo("{\"temp_c\":21}");
		});
		assertThat(messages.get(5)).isInstanceOfSatisfying(FunctionMessage.class, (message) -> {
			assertThat(message.name()).isEqualTo("get_weather");
			assertThat(message.content()).isEqualTo(MessageContent.of("{\"temp_c\":21}"));
		});
		assertThat(messages.get(6)).isInstanceOfSatisfying(OtherMessage.class, (message) -> {
			assertThat(message.role().value()).isEqualTo("critic");
			assertThat(message.content()).isEqualTo(MessageContent.of("The answer looks right."));
			assertThat(message.extra()).containsExactly(Map.entry("score", 0.9));
		});
	}

	@Test
	void everyContentPartTypeRoundTripsAsItsOwnType() {
		ChatCompletionRequest request = roundTrip(resource("model/request-full.json"), ChatCompletionRequest.class);
		List<ContentPart> userParts = ((MessageContent.Parts) request.messages().get(2).content()).parts();
		assertThat(userParts).extracting(ContentPart::type)
			.containsExactly("text", "image_url", "input_audio", "file", "video_url");
		assertThat(userParts.get(0)).isInstanceOfSatisfying(TextPart.class,
				(part) -> assertThat(part.text()).isEqualTo("What is the weather where this photo was taken?"));
		assertThat(userParts.get(1)).isInstanceOfSatisfying(ImagePart.class, (part) -> assertThat(part.imageUrl())
			.isEqualTo(new ImagePart.ImageUrl("https://example.com/sky.png", "high", null)));
		assertThat(userParts.get(2)).isInstanceOfSatisfying(AudioPart.class, (part) -> assertThat(part.inputAudio())
			.isEqualTo(new AudioPart.InputAudio("UklGRiQAAABXQVZF", "wav", null)));
		assertThat(userParts.get(3)).isInstanceOfSatisfying(FilePart.class,
				(part) -> assertThat(part.file()).isEqualTo(new FilePart.FileData("forecast.pdf",
						"data:application/pdf;base64,JVBERi0xLjQ=", "file-abc123", null)));
		assertThat(userParts.get(4)).isInstanceOfSatisfying(OtherPart.class, (part) -> assertThat(part.extra())
			.containsExactly(Map.entry("video_url", Map.of("url", "https://example.com/clouds.mp4"))));
		List<ContentPart> assistantParts = ((MessageContent.Parts) request.messages().get(3).content()).parts();
		assertThat(assistantParts.get(1)).isInstanceOfSatisfying(RefusalPart.class,
				(part) -> assertThat(part.refusal()).isEqualTo("I cannot tell where the photo was taken."));
	}

	@Test
	void functionToolAndCustomToolsWithTextAndGrammarFormatsRoundTrip() {
		ChatCompletionRequest request = roundTrip(resource("model/request-full.json"), ChatCompletionRequest.class);
		assertThat(request.tools().get(0)).isInstanceOfSatisfying(FunctionTool.class, (tool) -> {
			assertThat(tool.function().name()).isEqualTo("get_weather");
			assertThat(tool.function().description()).isEqualTo("Gets the current weather");
			assertThat(tool.function().strict()).isTrue();
			assertThat(tool.function().parameters()).containsEntry("required", List.of("city"));
		});
		assertThat(request.tools().get(1)).isInstanceOfSatisfying(CustomTool.class, (tool) -> {
			assertThat(tool.custom().name()).isEqualTo("notes");
			assertThat(tool.custom().description()).isEqualTo("Free-form notes");
			assertThat(tool.custom().format()).isEqualTo(CustomToolFormat.text());
		});
		assertThat(request.tools().get(2)).isInstanceOfSatisfying(CustomTool.class, (tool) -> {
			assertThat(tool.custom().format().type()).isEqualTo("grammar");
			assertThat(tool.custom().format().grammar().syntax()).isEqualTo("lark");
			assertThat(tool.custom().format().grammar().definition())
				.isEqualTo("start: \"SELECT \" NAME \" FROM \" NAME");
		});
	}

	static Stream<Arguments> toolChoices() {
		return Stream
			.of(arguments("\"none\"", ToolChoice.none()), arguments("\"auto\"", ToolChoice.auto()),
					arguments("\"required\"", ToolChoice.required()),
					arguments("""
							{"type": "allowed_tools", "allowed_tools": {"mode": "required", "tools": [
							{"type": "function", "function": {"name": "get_weather"}},
							{"type": "custom", "custom": {"name": "run_sql"}}]}}
							""",
							ToolChoice.allowedTools("required",
									List.of(Map.of("type", "function", "function", Map.of("name", "get_weather")),
											Map.of("type", "custom", "custom", Map.of("name", "run_sql"))))),
					arguments("""
							{"type": "function", "function": {"name": "get_weather"}}
							""", ToolChoice.function("get_weather")), arguments("""
							{"type": "custom", "custom": {"name": "run_sql"}}
							""", ToolChoice.custom("run_sql")));
	}

	@ParameterizedTest
	@MethodSource("toolChoices")
	void everyToolChoiceFormRoundTripsAsItsOwnType(String toolChoice, ToolChoice expected) {
		ChatCompletionRequest request = roundTrip(request("\"tool_choice\": " + toolChoice),
				ChatCompletionRequest.class);
		assertThat(request.toolChoice()).isEqualTo(expected);
	}

	static Stream<Arguments> responseFormats() {
		return Stream.of(arguments("""
				{"type": "text"}
				""", ResponseFormat.text()), arguments("""
				{"type": "json_object"}
				""", ResponseFormat.jsonObject()),
				arguments("""
						{"type": "json_schema", "json_schema": {"name": "answer", "description": "The answer",
						"schema": {"type": "object", "properties": {"answer": {"type": "string"}}}, "strict": false}}
						""",
						new ResponseFormat.JsonSchemaFormat(new JsonSchema("answer", "The answer",
								Map.of("type", "object", "properties", Map.of("answer", Map.of("type", "string"))),
								false, null), null)));
	}

	@ParameterizedTest
	@MethodSource("responseFormats")
	void everyResponseFormatRoundTripsAsItsOwnType(String responseFormat, ResponseFormat expected) {
		ChatCompletionRequest request = roundTrip(request("\"response_format\": " + responseFormat),
				ChatCompletionRequest.class);
		assertThat(request.responseFormat()).isEqualTo(expected);
	}

	@Test
	void unknownVariantsOfToolsToolChoicesResponseFormatsAndToolCallsRoundTripAsTheirOtherTypes() {
		ChatCompletionRequest request = roundTrip("""
				{"model": "gpt-5", "messages": [{"role": "assistant", "tool_calls": [{"id": "ci_1",
				"type": "code_interpreter", "code_interpreter": {"input": "1 + 1"}}]}],
				"tools": [{"type": "web_search_preview", "search_context_size": "low"}],
				"tool_choice": {"type": "web_search_preview"},
				"response_format": {"type": "regex", "pattern": "[0-9]+"},
				"function_call": "none"}
				""", ChatCompletionRequest.class);
		assertThat(request.tools()).singleElement()
			.isEqualTo(new OtherTool("web_search_preview", Map.of("search_context_size", "low")));
		assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Other("web_search_preview", null));
		assertThat(request.responseFormat()).isEqualTo(new ResponseFormat.Other("regex", Map.of("pattern", "[0-9]+")));
		assertThat(request.functionCall()).isEqualTo(FunctionCallOption.none());
		assertThat(((AssistantMessage) request.messages().get(0)).toolCalls()).singleElement()
			.isEqualTo(new OtherToolCall("ci_1", "code_interpreter",
					Map.of("code_interpreter", Map.of("input", "1 + 1"))));
	}

	@Test
	void predictionAsStringAndAsTextPartsRoundTrips() {
		ChatCompletionRequest text = roundTrip(request("""
				"prediction": {"type": "content", "content": "The weather is"}
				"""), ChatCompletionRequest.class);
		assertThat(text.prediction()).isEqualTo(Prediction.content("The weather is"));
		ChatCompletionRequest parts = roundTrip(request("""
				"prediction": {"type": "content", "content": [{"type": "text", "text": "The weather "},
				{"type": "text", "text": "is"}]}
				"""), ChatCompletionRequest.class);
		assertThat(parts.prediction().content()).isInstanceOf(MessageContent.Parts.class);
		assertThat(parts.prediction().content().text()).isEqualTo("The weather is");
	}

	@Test
	void webSearchOptionsAudioAndStreamOptionsRoundTrip() {
		ChatCompletionRequest request = roundTrip(request("""
				"web_search_options": {"search_context_size": "high", "user_location": {"type": "approximate",
				"approximate": {"city": "Paris", "country": "FR"}}},
				"audio": {"voice": "marin", "format": "pcm16"},
				"stream_options": {"include_usage": true}
				"""), ChatCompletionRequest.class);
		assertThat(request.webSearchOptions().userLocation().approximate().city()).isEqualTo("Paris");
		assertThat(request.webSearchOptions().userLocation().approximate().region()).isNull();
		assertThat(request.audio().voice()).isEqualTo("marin");
		assertThat(request.streamOptions().includeUsage()).isTrue();
		assertThat(request.streamOptions().includeObfuscation()).isNull();
	}

	@Test
	void stopAsStringStaysAStringAndStopAsListStaysAList() {
		ChatCompletionRequest single = roundTrip(request("\"stop\": \"END\""), ChatCompletionRequest.class);
		assertThat(single.stop().sequences()).containsExactly("END");
		assertThat(single.stop().single()).isTrue();
		ChatCompletionRequest list = roundTrip(request("\"stop\": [\"END\"]"), ChatCompletionRequest.class);
		assertThat(list.stop().sequences()).containsExactly("END");
		assertThat(list.stop().single()).isFalse();
		ChatCompletionRequest four = roundTrip(request("\"stop\": [\"a\", \"b\", \"c\", \"d\"]"),
				ChatCompletionRequest.class);
		assertThat(four.stop().sequences()).containsExactly("a", "b", "c", "d");
	}

	@Test
	void messageContentAsStringAndAsPartsRoundTrips() {
		ChatCompletionRequest request = roundTrip("""
				{"model": "gpt-5", "messages": [
				{"role": "user", "content": "Hello"},
				{"role": "user", "content": [{"type": "text", "text": "Hel"}, {"type": "text", "text": "lo"}]}]}
				""", ChatCompletionRequest.class);
		assertThat(request.messages().get(0).content()).isEqualTo(MessageContent.of("Hello"));
		assertThat(request.messages().get(1).content()).isInstanceOfSatisfying(MessageContent.Parts.class, (parts) -> {
			assertThat(parts.parts()).hasSize(2);
			assertThat(parts.text()).isEqualTo("Hello");
		});
	}

	@Test
	void responseWithEveryPropertyRoundTripsWithTypedValues() {
		ChatCompletion response = roundTrip(resource("model/response-full.json"), ChatCompletion.class);
		assertThat(response.id()).isEqualTo("chatcmpl-roundtrip-1");
		assertThat(response.object()).isEqualTo("chat.completion");
		assertThat(response.created()).isEqualTo(1761840700L);
		assertThat(response.model()).isEqualTo("gpt-5-2025-08-07");
		assertThat(response.serviceTier()).isEqualTo(ServiceTier.DEFAULT);
		assertThat(response.systemFingerprint()).isEqualTo("fp_799e4ca3f1");
		assertThat(response.content()).isEqualTo("London is sunny today [1].");
		assertThat(response.choices()).extracting(Choice::finishReason)
			.containsExactly(FinishReason.TOOL_CALLS, FinishReason.CONTENT_FILTER);
		Choice first = response.choices().get(0);
		assertThat(first.index()).isZero();
		AssistantMessage message = first.message();
		assertThat(message.refusal()).isNull();
		assertThat(message.annotations()).singleElement().satisfies((annotation) -> {
			assertThat(annotation.type()).isEqualTo("url_citation");
			assertThat(annotation.urlCitation()).isEqualTo(
					new Annotation.UrlCitation(26, 22, "https://weather.example.com/london", "London weather", null));
		});
		assertThat(message.toolCalls().get(0)).isInstanceOfSatisfying(FunctionToolCall.class, (call) -> {
			assertThat(call.id()).isEqualTo("call_fn");
			assertThat(call.function()).isEqualTo(new FunctionCall("get_weather", "{\"city\":\"London\"}"));
		});
		assertThat(message.toolCalls().get(1)).isInstanceOfSatisfying(CustomToolCall.class, (call) -> {
			assertThat(call.id()).isEqualTo("call_custom");
			assertThat(call.custom())
				.isEqualTo(new CustomToolCall.CustomCall("run_sql", "SELECT temp FROM weather", null));
		});
		assertThat(message.audio()).isEqualTo(
				new AssistantAudio("audio_abc123", 1761844300L, "UklGRiQAAABXQVZF", "London is sunny today.", null));
		assertThat(message.functionCall().name()).isEqualTo("get_weather");
		TokenLogprob token = first.logprobs().content().get(0);
		assertThat(token.token()).isEqualTo("London");
		assertThat(token.logprob()).isEqualTo(-0.0125);
		assertThat(token.bytes()).containsExactly(76, 111, 110, 100, 111, 110);
		assertThat(token.topLogprobs()).extracting(TokenLogprob.TopLogprob::token).containsExactly("London", "The");
		assertThat(token.topLogprobs().get(1).bytes()).isNull();
		assertThat(first.logprobs().refusal()).singleElement()
			.satisfies((refusal) -> assertThat(refusal.bytes()).containsExactly(73));
		AssistantMessage refused = response.choices().get(1).message();
		assertThat(refused.content()).isNull();
		assertThat(refused.refusal()).isEqualTo("I can't help with that.");
		assertThat(response.choices().get(1).logprobs()).isNull();
	}

	@Test
	void usageWithBothDetailObjectsRoundTrips() {
		ChatCompletion response = roundTrip(resource("model/response-full.json"), ChatCompletion.class);
		Usage usage = response.usage();
		assertThat(usage.promptTokens()).isEqualTo(214);
		assertThat(usage.completionTokens()).isEqualTo(67);
		assertThat(usage.totalTokens()).isEqualTo(281);
		assertThat(usage.promptTokensDetails()).isEqualTo(new Usage.PromptTokensDetails(3, 128, null));
		assertThat(usage.completionTokensDetails().acceptedPredictionTokens()).isEqualTo(7);
		assertThat(usage.completionTokensDetails().audioTokens()).isEqualTo(5);
		assertThat(usage.completionTokensDetails().reasoningTokens()).isEqualTo(32);
		assertThat(usage.completionTokensDetails().rejectedPredictionTokens()).isEqualTo(2);
	}

	@Test
	void streamChunkWithEveryPropertyAndToolCallDeltasRoundTrips() {
		ChatCompletionChunk chunk = roundTrip(resource("model/chunk-full.json"), ChatCompletionChunk.class);
		assertThat(chunk.object()).isEqualTo("chat.completion.chunk");
		assertThat(chunk.created()).isEqualTo(1761840701L);
		assertThat(chunk.serviceTier()).isEqualTo(ServiceTier.PRIORITY);
		assertThat(chunk.systemFingerprint()).isEqualTo("fp_799e4ca3f1");
		assertThat(chunk.text()).isEqualTo("Sun");
		ChunkChoice choice = chunk.choices().get(0);
		assertThat(choice.finishReason()).isNull();
		Delta delta = choice.delta();
		assertThat(delta.role()).isEqualTo(Role.ASSISTANT);
		assertThat(delta.refusal()).isNull();
		assertThat(delta.reasoningContent()).isEqualTo("The user wants the weather.");
		assertThat(delta.reasoning()).isEqualTo("Look up London.");
		assertThat(delta.functionCall()).isEqualTo(new FunctionCall("get_weather", "{\"ci"));
		assertThat(delta.audio().transcript()).isEqualTo("Sun");
		assertThat(delta.toolCalls()).hasSize(3);
		assertThat(delta.toolCalls().get(0)).satisfies((call) -> {
			assertThat(call.index()).isZero();
			assertThat(call.id()).isEqualTo("call_fn");
			assertThat(call.type()).isEqualTo("function");
			assertThat(call.function()).isEqualTo(new FunctionCall("get_weather", "{\"city\":"));
		});
		assertThat(delta.toolCalls().get(1).custom())
			.isEqualTo(new CustomToolCall.CustomCall("run_sql", "SELECT", null));
		assertThat(delta.toolCalls().get(2)).satisfies((call) -> {
			assertThat(call.id()).isNull();
			assertThat(call.type()).isNull();
			assertThat(call.function().name()).isNull();
			assertThat(call.function().arguments()).isEqualTo("\"London\"}");
		});
		assertThat(choice.logprobs().content().get(0).topLogprobs().get(1).bytes()).containsExactly(82, 97, 105, 110);
		assertThat(choice.logprobs().refusal()).isNull();
		assertThat(chunk.usage().completionTokensDetails().reasoningTokens()).isEqualTo(192);
	}

	@Test
	void unknownPropertiesSurviveAtEveryNestingLevelAndAreReadableFromExtra() {
		ChatCompletionRequest request = roundTrip(resource("model/request-full.json"), ChatCompletionRequest.class);
		assertThat(request.extra()).containsEntry("top_k", 40)
			.containsEntry("provider", Map.of("order", List.of("openai", "azure"), "allow_fallbacks", false));
		UserMessage user = (UserMessage) request.messages().get(2);
		assertThat(user.extra()).containsExactly(Map.entry("cache_control", Map.of("type", "ephemeral")));
		ContentPart textPart = ((MessageContent.Parts) user.content()).parts().get(0);
		assertThat(textPart.extra())
			.containsExactly(Map.entry("cache_control", Map.of("type", "ephemeral", "ttl", "5m")));
		ToolCall requestCall = ((AssistantMessage) request.messages().get(3)).toolCalls().get(0);
		assertThat(thoughtSignature(requestCall.extra())).isEqualTo("CiQBVKhc7g==");

		ChatCompletion response = roundTrip(resource("model/response-full.json"), ChatCompletion.class);
		assertThat(response.extra()).containsExactly(Map.entry("provider", "OpenAI"));
		Choice choice = response.choices().get(0);
		assertThat(choice.extra()).containsExactly(Map.entry("native_finish_reason", "tool_use"));
		assertThat(choice.message().extra()).containsOnlyKeys("images");
		ToolCall responseCall = choice.message().toolCalls().get(0);
		assertThat(responseCall.extra()).containsOnlyKeys("extra_content");
		assertThat(thoughtSignature(responseCall.extra())).isEqualTo("CiQBVKhc7g==");
		assertThat(response.usage().extra()).containsExactly(Map.entry("cost", 0.0012));
		assertThat(response.usage().completionTokensDetails().extra()).containsExactly(Map.entry("image_tokens", 0));

		ChatCompletionChunk chunk = roundTrip(resource("model/chunk-full.json"), ChatCompletionChunk.class);
		assertThat(chunk.extra()).containsExactly(Map.entry("obfuscation", "Xy7"));
		ChunkChoice chunkChoice = chunk.choices().get(0);
		assertThat(chunkChoice.extra()).containsExactly(Map.entry("stop_reason", 50256));
		assertThat(chunkChoice.delta().extra()).containsExactly(
				Map.entry("reasoning_details", List.of(Map.of("type", "reasoning.text", "text", "Look up London."))));
		assertThat(thoughtSignature(chunkChoice.delta().toolCalls().get(0).extra())).isEqualTo("CiQBVKhc7g==");
		assertThat(chunk.usage().extra()).containsExactly(Map.entry("cost", 0.00042));
	}

	@Test
	void unknownPropertiesNextToKnownOnesDoNotLeakIntoTheKnownFields() {
		ChatCompletion response = roundTrip(resource("model/response-full.json"), ChatCompletion.class);
		assertThat(response.extra()).doesNotContainKeys("id", "object", "created", "model", "choices", "usage",
				"service_tier", "system_fingerprint");
		assertThat(response.choices().get(0).extra()).doesNotContainKeys("index", "message", "logprobs",
				"finish_reason");
		assertThat(response.choices().get(0).message().extra()).doesNotContainKeys("role", "content", "refusal",
				"annotations", "tool_calls", "audio", "function_call");
	}

	static Stream<Arguments> specExamples() {
		return Stream.of(arguments("spec/request-example.json", ChatCompletionRequest.class),
				arguments("spec/response-example.json", ChatCompletion.class),
				// the specification's stream chunk example has "bytes": ["<any>"] inside
				// top_logprobs, which is
				// not an integer; the copy in the test resources has "bytes": [123] there
				// instead
				arguments("spec/stream-chunk-example.json", ChatCompletionChunk.class));
	}

	/**
	 * The specification's examples write numbers such as {@code "logprob": 123} that the
	 * model types as a JSON number with a fraction ({@code 123.0} when written back), so
	 * numbers are compared by value here.
	 */
	@ParameterizedTest
	@MethodSource("specExamples")
	void specificationExampleRoundTrips(String path, Class<?> type) {
		String json = resource(path);
		Object value = mapper.readValue(json, type);
		assertThat(numbersByValue(withoutNulls(written(value))))
			.isEqualTo(numbersByValue(withoutNulls(mapper.readTree(json))));
	}

	@Test
	void specificationResponseExampleHasTypedValues() {
		ChatCompletion response = mapper.readValue(resource("spec/response-example.json"), ChatCompletion.class);
		assertThat(response.content()).isEqualTo("Hello! How are you?");
		assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.choices().get(0).message().annotations()).isEmpty();
		assertThat(response.usage().totalTokens()).isEqualTo(20);
		// the example puts cached_tokens into completion_tokens_details, where the schema
		// has no such property
		assertThat(response.usage().completionTokensDetails().extra()).containsExactly(Map.entry("cached_tokens", 0));
	}

	@Test
	void specificationStreamChunkExampleHasTypedValues() {
		ChatCompletionChunk chunk = mapper.readValue(resource("spec/stream-chunk-example.json"),
				ChatCompletionChunk.class);
		ChunkChoice choice = chunk.choices().get(0);
		assertThat(choice.index()).isEqualTo(123);
		assertThat(choice.delta().role()).isEqualTo(Role.DEVELOPER);
		assertThat(choice.delta().toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.index()).isEqualTo(123);
			assertThat(call.type()).isEqualTo("function");
			assertThat(call.function().arguments()).isEqualTo("<string>");
		});
		assertThat(choice.logprobs().refusal().get(0).topLogprobs().get(0).bytes()).containsExactly(123);
		assertThat(choice.logprobs().content().get(0).logprob()).isEqualTo(123.0);
		assertThat(chunk.serviceTier()).isEqualTo(ServiceTier.AUTO);
		assertThat(chunk.usage().promptTokensDetails().cachedTokens()).isZero();
	}

	static Stream<String> corpusChatCompletions() {
		JsonNode cases = mapper.readTree(resource("corpus/expectations.json")).get("cases");
		List<String> names = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : cases.properties()) {
			JsonNode expectation = entry.getValue();
			if (entry.getKey().endsWith(".json") && expectation.at("/http/status").asInt() == 200
					&& "success".equals(expectation.at("/expect/outcome").asString())) {
				names.add(entry.getKey());
			}
		}
		assertThat(names).contains("openai-nonstream-text.json", "openai-nonstream-tool-calls.json",
				"nonstream-nonstandard-finish-reasons.json", "image-content-parts-array.json",
				"image-message-images.json", "large-nonstream.json");
		return names.stream();
	}

	/**
	 * Numbers are compared by value, and a {@code created} with a fraction is expected
	 * back truncated: the model types {@code created} as whole seconds.
	 */
	@ParameterizedTest
	@MethodSource("corpusChatCompletions")
	void corpusChatCompletionParsesAndRoundTrips(String name) {
		String json = resource("corpus/" + name);
		ChatCompletion completion = mapper.readValue(json, ChatCompletion.class);
		assertThat(completion.object()).isEqualTo("chat.completion");
		assertThat(completion.choices()).isNotEmpty();
		ObjectNode expected = (ObjectNode) withoutNulls(mapper.readTree(json));
		if (expected.get("created").isFloatingPointNumber()) {
			expected.put("created", expected.get("created").decimalValue().longValue());
		}
		assertThat(numbersByValue(withoutNulls(written(completion)))).isEqualTo(numbersByValue(expected));
		JsonNode expectedContent = mapper.readTree(resource("corpus/expectations.json"))
			.at("/cases/" + name + "/expect/choices/0/content");
		if (expectedContent.isString()) {
			assertThat(completion.content()).isEqualTo(expectedContent.asString());
		}
	}

	private static String request(String properties) {
		return """
				{"model": "gpt-5", "messages": [{"role": "user", "content": "Hi"}], %s}
				""".formatted(properties);
	}

	@SuppressWarnings("unchecked")
	private static Object thoughtSignature(Map<String, Object> extra) {
		Map<String, Object> extraContent = (Map<String, Object>) extra.get("extra_content");
		return ((Map<String, Object>) extraContent.get("google")).get("thought_signature");
	}

	/**
	 * Parses {@code json} into {@code type}, writes the result back and asserts that the
	 * two JSON trees are equal once the members whose value is {@code null} are removed.
	 */
	static <T> T roundTrip(String json, Class<T> type) {
		T value = mapper.readValue(json, type);
		assertThat(withoutNulls(written(value))).isEqualTo(withoutNulls(mapper.readTree(json)));
		return value;
	}

	static JsonNode written(Object value) {
		return mapper.readTree(mapper.writeValueAsString(value));
	}

	/**
	 * Returns a copy of the tree without the object members whose value is JSON
	 * {@code null}, at every depth.
	 */
	static JsonNode withoutNulls(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = nodes.objectNode();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				if (!member.getValue().isNull()) {
					copy.set(member.getKey(), withoutNulls(member.getValue()));
				}
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = nodes.arrayNode();
			for (JsonNode element : node.values()) {
				copy.add(withoutNulls(element));
			}
			return copy;
		}
		return node;
	}

	/**
	 * Returns a copy of the tree where every number is a decimal without trailing zeros,
	 * so {@code 123} and {@code 123.0} compare equal.
	 */
	static JsonNode numbersByValue(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = nodes.objectNode();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				copy.set(member.getKey(), numbersByValue(member.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = nodes.arrayNode();
			for (JsonNode element : node.values()) {
				copy.add(numbersByValue(element));
			}
			return copy;
		}
		if (node.isNumber()) {
			return nodes.numberNode(node.decimalValue().stripTrailingZeros());
		}
		return node;
	}

	static String resource(String path) {
		try (InputStream in = ModelRoundTripTests.class.getResourceAsStream("/" + path)) {
			assertThat(in).as("test resource %s", path).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
