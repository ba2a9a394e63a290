package com.mulerun.chat.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the model writes and accepts on the wire: minimal requests, properties added by
 * callers, values providers send that the specification does not list, and immutability.
 */
class ModelWireTests {

	private static final JsonMapper mapper = ChatJson.mapper();

	@Test
	void requestWithOnlyModelAndOneUserMessageWritesExactlyThoseTwoMembers() {
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model("gpt-5")
			.userMessage("Hello! How are you?")
			.build();
		String json = mapper.writeValueAsString(request);
		// the specification's request example is exactly this request
		assertThat(mapper.readTree(json))
			.isEqualTo(mapper.readTree(ModelRoundTripTests.resource("spec/request-example.json")));
		assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree("""
				{"model": "gpt-5", "messages": [{"role": "user", "content": "Hello! How are you?"}]}"""));
		assertThat(json).doesNotContain("null", "temperature", "stream", "extra", "[]", "{}");
	}

	@Test
	void builderExtrasAndMessageExtrasAreWrittenNextToTheKnownMembers() {
		UserMessage user = new UserMessage(MessageContent.of("Hi"), null,
				Map.of("cache_control", Map.of("type", "ephemeral")));
		AssistantMessage assistant = AssistantMessage.builder()
			.content("Hello")
			.extra("reasoning_details", List.of(Map.of("type", "reasoning.text", "text", "greet")))
			.build();
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model("gpt-5")
			.message(user)
			.message(assistant)
			.extra("top_k", 40)
			.extra(Map.of("provider", Map.of("sort", "price")))
			.build();
		JsonNode json = ModelRoundTripTests.written(request);
		assertThat(json.get("top_k").asInt()).isEqualTo(40);
		assertThat(json.at("/provider/sort").asString()).isEqualTo("price");
		assertThat(json.at("/messages/0/cache_control/type").asString()).isEqualTo("ephemeral");
		assertThat(json.at("/messages/0/role").asString()).isEqualTo("user");
		assertThat(json.at("/messages/1/reasoning_details/0/text").asString()).isEqualTo("greet");
		assertThat(json.at("/messages/1/content").asString()).isEqualTo("Hello");
		assertThat(request.extra()).containsOnlyKeys("top_k", "provider");
	}

	@ParameterizedTest
	@CsvSource({ "end_turn, stop", "MAX_TOKENS, length", "'', unknown", "abort, unknown", "tool_use, tool_calls",
			"SAFETY, content_filter", "stop, stop" })
	void finishReasonKeepsTheRawValueAndNormalizesIt(String raw, String normalized) {
		ChatCompletion completion = mapper.readValue("""
				{"id": "c", "choices": [{"index": 0, "finish_reason": "%s",
				"message": {"role": "assistant", "content": "x"}}]}""".formatted(raw), ChatCompletion.class);
		FinishReason finishReason = completion.choices().get(0).finishReason();
		assertThat(finishReason.value()).isEqualTo(raw);
		assertThat(finishReason).hasToString(raw);
		assertThat(finishReason.normalized()).isEqualTo(normalized);
		assertThat(ModelRoundTripTests.written(completion).at("/choices/0/finish_reason").asString()).isEqualTo(raw);

		ChatCompletionChunk chunk = mapper.readValue("""
				{"id": "c", "choices": [{"index": 0, "delta": {}, "finish_reason": "%s"}]}""".formatted(raw),
				ChatCompletionChunk.class);
		assertThat(chunk.choices().get(0).finishReason()).isEqualTo(finishReason);
	}

	@Test
	void finishReasonsOfTheCorpusNormalizeAsTheExpectationsSay() {
		JsonNode expect = mapper.readTree(ModelRoundTripTests.resource("corpus/expectations.json"))
			.at("/cases/nonstream-nonstandard-finish-reasons.json/expect");
		ChatCompletion completion = mapper.readValue(
				ModelRoundTripTests.resource("corpus/nonstream-nonstandard-finish-reasons.json"), ChatCompletion.class);
		List<@Nullable String> raw = new ArrayList<>();
		List<@Nullable String> normalized = new ArrayList<>();
		for (Choice choice : completion.choices()) {
			FinishReason finishReason = choice.finishReason();
			raw.add((finishReason != null) ? finishReason.value() : null);
			normalized.add((finishReason != null) ? finishReason.normalized() : null);
		}
		assertThat(raw).hasSize(12).containsExactlyElementsOf(strings(expect.get("finish_reasons_raw")));
		assertThat(normalized).containsExactlyElementsOf(strings(expect.get("finish_reasons_normalized")));
		assertThat(completion.created()).isEqualTo(expect.get("created").asLong());
		assertThat(completion.usage().totalTokens()).isEqualTo(expect.at("/usage/total_tokens").asInt());
		assertThat(completion.usage().extra()).containsEntry("stop_reason", "stop");
		assertThat(completion.extra()).containsExactly(Map.entry("finish_reason", "eos_token"));
	}

	@Test
	void unknownRoleInADeltaIsKeptWithItsRawText() {
		ChatCompletionChunk chunk = mapper.readValue("""
				{"id": "c", "choices": [{"index": 0, "delta": {"role": "model", "content": "Hi"}}]}""",
				ChatCompletionChunk.class);
		Role role = chunk.choices().get(0).delta().role();
		assertThat(role.value()).isEqualTo("model");
		assertThat(role).isNotIn(Role.DEVELOPER, Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.FUNCTION);
		assertThat(ModelRoundTripTests.written(chunk).at("/choices/0/delta/role").asString()).isEqualTo("model");
	}

	@Test
	void unknownServiceTierIsKeptWithItsRawTextInResponsesAndRequests() {
		ChatCompletion completion = mapper.readValue("""
				{"id": "c", "service_tier": "on_demand", "choices": []}""", ChatCompletion.class);
		assertThat(completion.serviceTier().value()).isEqualTo("on_demand");
		assertThat(completion.serviceTier()).isNotIn(ServiceTier.AUTO, ServiceTier.DEFAULT, ServiceTier.FLEX,
				ServiceTier.SCALE, ServiceTier.PRIORITY);
		assertThat(ModelRoundTripTests.written(completion).get("service_tier").asString()).isEqualTo("on_demand");
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model("gpt-5")
			.userMessage("Hi")
			.serviceTier(ServiceTier.of("batch"))
			.build();
		assertThat(ModelRoundTripTests.written(request).get("service_tier").asString()).isEqualTo("batch");
	}

	@Test
	void createdWithAFractionIsTruncatedToWholeSeconds() {
		ChatCompletion completion = mapper.readValue("""
				{"id": "c", "created": 1761841900.7312, "choices": []}""", ChatCompletion.class);
		assertThat(completion.created()).isEqualTo(1761841900L);
		ChatCompletionChunk chunk = mapper.readValue("""
				{"id": "c", "created": 1761841900.9999, "choices": []}""", ChatCompletionChunk.class);
		assertThat(chunk.created()).isEqualTo(1761841900L);
		ChatCompletion corpus = mapper.readValue(
				ModelRoundTripTests.resource("corpus/nonstream-nonstandard-finish-reasons.json"), ChatCompletion.class);
		assertThat(corpus.created()).isEqualTo(1761841900L);
	}

	@Test
	void contentOfAResponseWhoseMessageContentIsAnArrayOfPartsIsTheJoinedText() {
		ChatCompletion completion = mapper
			.readValue(ModelRoundTripTests.resource("corpus/image-content-parts-array.json"), ChatCompletion.class);
		assertThat(completion.content()).isEqualTo("A small blue tile, as requested.");
		assertThat(completion.choices().get(0).message().content()).isInstanceOfSatisfying(MessageContent.Parts.class,
				(parts) -> assertThat(parts.parts()).hasExactlyElementsOfTypes(TextPart.class, ImagePart.class,
						TextPart.class));
	}

	@Test
	void responseMessageAppendedToTheNextRequestKeepsItsUnknownFields() {
		ChatCompletion completion = mapper.readValue("""
				{"id": "c", "object": "chat.completion", "model": "gemini-2.5-flash", "choices": [{"index": 0,
				"finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
				"reasoning_details": [{"type": "reasoning.encrypted", "data": "ZW5j"}],
				"tool_calls": [{"id": "call_1", "type": "function",
				"function": {"name": "get_weather", "arguments": "{}"},
				"extra_content": {"google": {"thought_signature": "CiQBVKhc7g=="}}}]}}]}""", ChatCompletion.class);
		AssistantMessage answer = completion.choices().get(0).message();
		ChatCompletionRequest next = ChatCompletionRequest.builder()
			.model(ChatModels.GEMINI_2_5_FLASH)
			.userMessage("What is the weather in London?")
			.message(answer)
			.message(ChatMessage.tool("call_1", "{\"temp_c\":21}"))
			.build();
		JsonNode json = ModelRoundTripTests.written(next);
		assertThat(json.at("/messages/1/role").asString()).isEqualTo("assistant");
		assertThat(json.at("/messages/1/tool_calls/0/extra_content/google/thought_signature").asString())
			.isEqualTo("CiQBVKhc7g==");
		assertThat(json.at("/messages/1/tool_calls/0/function/name").asString()).isEqualTo("get_weather");
		assertThat(json.at("/messages/1/reasoning_details/0/data").asString()).isEqualTo("ZW5j");
		assertThat(json.at("/messages/2/tool_call_id").asString()).isEqualTo("call_1");
		assertThat(json.at("/messages/1").has("content")).isFalse();
	}

	@Test
	void supportedModelsAreTheFifteenIdsOfTheSpecificationTable() {
		String table = ModelRoundTripTests.resource("spec/supported-models.md");
		Matcher matcher = Pattern.compile("\\|\\s*`([^`]+)`\\s*\\|").matcher(table);
		List<String> ids = new ArrayList<>();
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		assertThat(ids).hasSize(15);
		assertThat(ChatModels.ALL).containsExactlyElementsOf(ids);
	}

	@Test
	void listsAndMapsOfABuiltRequestCannotBeModified() {
		ChatCompletionRequest.Builder builder = ChatCompletionRequest.builder()
			.model("gpt-5")
			.userMessage("Hi")
			.tool(Tool.function("get_weather", null, Map.of("type", "object")))
			.metadata("ticket", "T-1")
			.logitBias(Map.of("50256", -100))
			.modalities(List.of(Modality.TEXT))
			.functions(List.of(FunctionDefinition.of("get_weather", null, null)))
			.extra("top_k", 40);
		ChatCompletionRequest request = builder.build();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.messages().add(ChatMessage.user("more")));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.tools().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.metadata().put("ticket", "T-2"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.logitBias().remove("50256"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.modalities().add(Modality.AUDIO));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.functions().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.extra().put("top_p", 1));
		builder.userMessage("Another").extra("top_p", 0.5).metadata("team", "support");
		assertThat(request.messages()).hasSize(1);
		assertThat(request.extra()).containsOnlyKeys("top_k");
		assertThat(request.metadata()).containsOnlyKeys("ticket");
	}

	@Test
	void listsAndMapsOfParsedRecordsCannotBeModified() {
		ChatCompletionRequest request = mapper.readValue(ModelRoundTripTests.resource("model/request-full.json"),
				ChatCompletionRequest.class);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.messages().remove(0));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((MessageContent.Parts) request.messages().get(2).content()).parts().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.messages().get(2).extra().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((AssistantMessage) request.messages().get(3)).toolCalls().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.stop().sequences().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((FunctionTool) request.tools().get(0)).function().parameters().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(
				() -> ((ResponseFormat.JsonSchemaFormat) request.responseFormat()).jsonSchema().schema().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.extra().remove("top_k"));

		ChatCompletion completion = mapper.readValue(ModelRoundTripTests.resource("model/response-full.json"),
				ChatCompletion.class);
		Choice choice = completion.choices().get(0);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> completion.choices().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> choice.message().annotations().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> choice.logprobs().content().get(0).bytes().set(0, 0));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> choice.logprobs().content().get(0).topLogprobs().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> completion.usage().extra().put("cost", 0));
	}

	@Test
	void contentPartsCopyTheListTheyAreGiven() {
		List<ContentPart> parts = new ArrayList<>(List.of(ContentPart.text("Hello")));
		MessageContent.Parts content = MessageContent.of(parts);
		parts.add(ContentPart.imageUrl("https://example.com/a.png"));
		assertThat(content.parts()).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> content.parts().add(ContentPart.text("!")));
	}

	private static List<@Nullable String> strings(JsonNode array) {
		List<@Nullable String> strings = new ArrayList<>();
		for (JsonNode element : array.values()) {
			strings.add(element.isNull() ? null : element.asString());
		}
		return strings;
	}

}
