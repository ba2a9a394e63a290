package com.mulerun.chat.validation;

import com.mulerun.chat.error.MuleRunValidationException;
import com.mulerun.chat.error.MuleRunValidationException.Violation;
import com.mulerun.chat.model.AllowedTools;
import com.mulerun.chat.model.AssistantAudio;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.AudioParameters;
import com.mulerun.chat.model.AudioPart;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ContentPart;
import com.mulerun.chat.model.CustomTool;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.CustomToolDefinition;
import com.mulerun.chat.model.CustomToolFormat;
import com.mulerun.chat.model.DeveloperMessage;
import com.mulerun.chat.model.FilePart;
import com.mulerun.chat.model.FunctionCall;
import com.mulerun.chat.model.FunctionCallOption;
import com.mulerun.chat.model.FunctionDefinition;
import com.mulerun.chat.model.FunctionMessage;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ImagePart;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.Modality;
import com.mulerun.chat.model.OtherMessage;
import com.mulerun.chat.model.OtherPart;
import com.mulerun.chat.model.OtherTool;
import com.mulerun.chat.model.OtherToolCall;
import com.mulerun.chat.model.Prediction;
import com.mulerun.chat.model.RefusalPart;
import com.mulerun.chat.model.ResponseFormat;
import com.mulerun.chat.model.Role;
import com.mulerun.chat.model.Stop;
import com.mulerun.chat.model.StreamOptions;
import com.mulerun.chat.model.SystemMessage;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolChoice;
import com.mulerun.chat.model.ToolMessage;
import com.mulerun.chat.model.UserMessage;
import com.mulerun.chat.model.WebSearchOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ChatCompletionRequestValidator}.
 */
class ChatCompletionRequestValidatorTests {

	private static final ChatCompletionRequestValidator validator = ChatCompletionRequestValidator.INSTANCE;

	// --- whole requests
	// ------------------------------------------------------------------------------------

	@Test
	void minimalRequestHasNoViolations() {
		assertThat(violations(valid())).isEmpty();
		assertThatNoException().isThrownBy(() -> validator.validate(valid().build(), false));
	}

	@Test
	void fullValidRequestHasNoViolations() {
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model("gpt-5")
			.message(ChatMessage.developer("Be brief."))
			.message(new SystemMessage(MessageContent.of(ContentPart.text("Be kind.")), "rules", null))
			.message(ChatMessage.user(ContentPart.text("What is this?"),
					new ImagePart(new ImagePart.ImageUrl("https://example.com/a.png", "high", null), null),
					new AudioPart(new AudioPart.InputAudio("UklGRg==", "wav", null), null),
					new FilePart(new FilePart.FileData("a.pdf", null, "file-123", null), null),
					new OtherPart("input_video", Map.of("url", "https://example.com/a.mp4"))))
			.message(AssistantMessage.builder()
				.toolCall(ToolCall.function("call_1", "get_weather", "{}"))
				.toolCall(new CustomToolCall("call_2", new CustomToolCall.CustomCall("sql", "select 1", null), null))
				.toolCall(new OtherToolCall(null, "mcp", null))
				.build())
			.message(ChatMessage.tool("call_1", "sunny"))
			.message(ChatMessage.tool("call_2", ""))
			.message(AssistantMessage.builder().content(MessageContent.of(new RefusalPart("no", null))).build())
			.message(AssistantMessage.builder().audio(AssistantAudio.reference("audio_1")).build())
			.message(new FunctionMessage(MessageContent.of("42"), "answer", null))
			.message(new OtherMessage(new Role("critic"), null, null))
			.modalities(List.of(Modality.TEXT, Modality.AUDIO))
			.audio(new AudioParameters("alloy", "pcm16", null))
			.maxCompletionTokens(1)
			.maxTokens(4096)
			.frequencyPenalty(-2.0)
			.presencePenalty(2.0)
			.webSearchOptions(new WebSearchOptions(
					new WebSearchOptions.UserLocation("approximate",
							new WebSearchOptions.WebSearchLocation("US", null, "Austin", null, null), null),
					"low", null))
			.logprobs(true)
			.topLogprobs(20)
			.responseFormat(ResponseFormat.jsonSchema("answer-v1_2", Map.of("type", "object"), true))
			.stop("a", "b", "c", "d")
			.logitBias(Map.of("50256", -100, "1", 100))
			.n(128)
			.prediction(Prediction.content("draft"))
			.seed(Long.MIN_VALUE)
			.stream(true)
			.streamOptions(new StreamOptions(true, null, null))
			.tool(Tool.function("get_weather", "Weather", Map.of("type", "object")))
			.tool(new CustomTool(
					new CustomToolDefinition("sql query", null, CustomToolFormat.grammar("start: x", "lark"), null),
					null))
			.tool(Tool.custom("free", null))
			.tool(new OtherTool("mcp", Map.of("server", "x")))
			.toolChoice(ToolChoice.function("not_listed_anywhere"))
			.parallelToolCalls(true)
			.functionCall(FunctionCallOption.function("get_weather"))
			.functions(List.of(FunctionDefinition.of("get_weather", null, null)))
			.metadata("k", "v")
			.temperature(0.0)
			.topP(1.0)
			.user("user-1")
			.extra("top_k", 40)
			.build();
		assertThat(validator.violations(request, false)).isEmpty();
		assertThatNoException().isThrownBy(() -> validator.validate(request, true));
	}

	@Test
	void severalViolationsAreListedInOrderInOneException() {
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.message(ChatMessage.user(new ContentPart[0]))
			.message(ChatMessage.tool(" ", "result"))
			.temperature(3.5)
			.topP(-0.1)
			.n(0)
			.build();
		assertThatExceptionOfType(MuleRunValidationException.class).isThrownBy(() -> validator.validate(request, false))
			.satisfies((ex) -> {
				assertThat(ex.violations()).containsExactly(
						new Violation("messages[0].content", "must contain at least 1 part (was 0)"),
						new Violation("messages[1].tool_call_id", "must not be blank"),
						new Violation("model", "must not be blank"),
						new Violation("n", "must be between 1 and 128 (was 0)"),
						new Violation("temperature", "must be between 0 and 2 (was 3.5)"),
						new Violation("top_p", "must be between 0 and 1 (was -0.1)"));
				assertThat(ex.getMessage().lines()).containsExactly("Invalid chat completion request (6 violations):",
						" - messages[0].content: must contain at least 1 part (was 0)",
						" - messages[1].tool_call_id: must not be blank", " - model: must not be blank",
						" - n: must be between 1 and 128 (was 0)", " - temperature: must be between 0 and 2 (was 3.5)",
						" - top_p: must be between 0 and 1 (was -0.1)");
			});
	}

	@Test
	void violationsListIsImmutable() {
		List<Violation> violations = violations(valid().model(null));
		assertThat(violations).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> violations.add(new Violation("x", "y")));
	}

	// --- model and messages
	// --------------------------------------------------------------------------------

	@Test
	void missingModelIsAViolation() {
		assertThat(violations(valid().model(null))).containsExactly(new Violation("model", "must not be blank"));
	}

	@Test
	void blankModelIsAViolation() {
		assertThat(violations(valid().model("  "))).containsExactly(new Violation("model", "must not be blank"));
	}

	@Test
	void missingMessagesIsAViolation() {
		assertThat(violations(valid().messages(null))).containsExactly(new Violation("messages", "must not be null"));
	}

	@Test
	void emptyMessagesIsAViolation() {
		assertThat(violations(valid().messages(List.of())))
			.containsExactly(new Violation("messages", "must contain at least 1 message (was 0)"));
	}

	@Test
	void nullMessageIsAViolation() {
		List<ChatMessage> messages = new ArrayList<>();
		messages.add(ChatMessage.user("hi"));
		messages.add(null);
		assertThat(violations(valid().messages(messages)))
			.containsExactly(new Violation("messages[1]", "must not be null"));
	}

	@Test
	void emptyStringContentIsAllowed() {
		assertThat(violations(valid().messages(List.of(ChatMessage.system(""), ChatMessage.developer(""),
				ChatMessage.user(""), ChatMessage.tool("call_1", ""), ChatMessage.assistant("")))))
			.isEmpty();
	}

	@Test
	void systemMessageWithNoPartsIsAViolation() {
		assertThat(violations(valid().messages(List.of(new SystemMessage(MessageContent.of(List.of()), null, null)))))
			.containsExactly(new Violation("messages[0].content", "must contain at least 1 part (was 0)"));
	}

	@Test
	void developerMessageWithNoPartsIsAViolation() {
		assertThat(
				violations(valid().messages(List.of(new DeveloperMessage(MessageContent.of(List.of()), null, null)))))
			.containsExactly(new Violation("messages[0].content", "must contain at least 1 part (was 0)"));
	}

	@Test
	void toolMessageWithNoPartsIsAViolation() {
		assertThat(violations(valid().messages(List.of(new ToolMessage(MessageContent.of(List.of()), "call_1", null)))))
			.containsExactly(new Violation("messages[0].content", "must contain at least 1 part (was 0)"));
	}

	@Test
	void systemMessageWithAnImagePartIsAViolation() {
		SystemMessage message = new SystemMessage(
				MessageContent.of(ContentPart.text("a"), ContentPart.imageUrl("https://example.com/a.png")), null,
				null);
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(
				new Violation("messages[0].content[1]", "must be a text part in a system message (was image_url)"));
	}

	@Test
	void developerMessageWithARefusalPartIsAViolation() {
		DeveloperMessage message = new DeveloperMessage(MessageContent.of(new RefusalPart("no", null)), null, null);
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(
				new Violation("messages[0].content[0]", "must be a text part in a developer message (was refusal)"));
	}

	@Test
	void toolMessageWithAFilePartIsAViolation() {
		ToolMessage message = new ToolMessage(
				MessageContent.of(new FilePart(new FilePart.FileData(null, null, "file-1", null), null)), "call_1",
				null);
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(
				new Violation("messages[0].content[0]", "must be a text part in a tool message (was file)"));
	}

	@Test
	void userMessageWithARefusalPartIsAViolation() {
		assertThat(violations(valid().messages(List.of(ChatMessage.user(new RefusalPart("no", null))))))
			.containsExactly(new Violation("messages[0].content[0]",
					"must be a text, image_url, input_audio or file part in a user message (was refusal)"));
	}

	@Test
	void userMessageWithNoPartsIsAViolation() {
		assertThat(violations(valid().messages(List.of(new UserMessage(MessageContent.of(List.of()), null, null)))))
			.containsExactly(new Violation("messages[0].content", "must contain at least 1 part (was 0)"));
	}

	@Test
	void toolMessageWithBlankToolCallIdIsAViolation() {
		assertThat(violations(valid().messages(List.of(ChatMessage.tool("", "result")))))
			.containsExactly(new Violation("messages[0].tool_call_id", "must not be blank"));
	}

	@Test
	void assistantMessageWithNothingIsAViolation() {
		assertThat(violations(valid().messages(List.of(AssistantMessage.builder().build()))))
			.containsExactly(new Violation("messages[0].content",
					"must be set unless tool_calls, function_call, refusal or audio is (was null)"));
	}

	@Test
	void assistantMessageWithEmptyToolCallsAndNoContentIsAViolation() {
		assertThat(violations(valid().messages(List.of(AssistantMessage.builder().toolCalls(List.of()).build()))))
			.containsExactly(new Violation("messages[0].content",
					"must be set unless tool_calls, function_call, refusal or audio is (was null)"));
	}

	@Test
	void assistantMessageWithOnlyARefusalOrFunctionCallIsValid() {
		assertThat(violations(valid().messages(List.of(AssistantMessage.builder().refusal("no").build(),
				AssistantMessage.builder().functionCall(new FunctionCall("f", "{}")).build()))))
			.isEmpty();
	}

	@Test
	void assistantMessageWithAnImagePartIsAViolation() {
		AssistantMessage message = AssistantMessage.builder()
			.content(MessageContent.of(ContentPart.imageUrl("https://example.com/a.png")))
			.build();
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(new Violation(
				"messages[0].content[0]", "must be a text or refusal part in an assistant message (was image_url)"));
	}

	@Test
	void assistantMessageWithNoPartsIsAViolation() {
		AssistantMessage message = AssistantMessage.builder().content(MessageContent.of(List.of())).build();
		assertThat(violations(valid().messages(List.of(message))))
			.containsExactly(new Violation("messages[0].content", "must contain at least 1 part (was 0)"));
	}

	@Test
	void assistantMessageMixingTextAndRefusalPartsIsAViolation() {
		AssistantMessage message = AssistantMessage.builder()
			.content(MessageContent.of(ContentPart.text("a"), new RefusalPart("no", null)))
			.build();
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(new Violation("messages[0].content",
				"must be text parts or exactly one refusal part (was 1 text and 1 refusal parts)"));
	}

	@Test
	void assistantMessageWithTwoRefusalPartsIsAViolation() {
		AssistantMessage message = AssistantMessage.builder()
			.content(MessageContent.of(new RefusalPart("no", null), new RefusalPart("never", null)))
			.build();
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(new Violation("messages[0].content",
				"must be text parts or exactly one refusal part (was 0 text and 2 refusal parts)"));
	}

	@Test
	void assistantAudioWithoutIdIsAViolation() {
		AssistantMessage message = AssistantMessage.builder()
			.audio(new AssistantAudio(null, null, "data", "transcript", null))
			.build();
		assertThat(violations(valid().messages(List.of(message))))
			.containsExactly(new Violation("messages[0].audio.id", "must not be blank"));
	}

	@Test
	void functionToolCallWithoutIdNameOrArgumentsIsAViolation() {
		AssistantMessage message = AssistantMessage.builder()
			.toolCall(new FunctionToolCall(null, new FunctionCall(" ", null, null), null))
			.build();
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(
				new Violation("messages[0].tool_calls[0].id", "must not be blank"),
				new Violation("messages[0].tool_calls[0].function.name", "must not be blank"),
				new Violation("messages[0].tool_calls[0].function.arguments", "must not be null"));
	}

	@Test
	void customToolCallWithoutIdNameOrInputIsAViolation() {
		AssistantMessage message = AssistantMessage.builder()
			.toolCall(new CustomToolCall("", new CustomToolCall.CustomCall(null, null, null), null))
			.build();
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(
				new Violation("messages[0].tool_calls[0].id", "must not be blank"),
				new Violation("messages[0].tool_calls[0].custom.name", "must not be blank"),
				new Violation("messages[0].tool_calls[0].custom.input", "must not be null"));
	}

	@Test
	void nullToolCallIsAViolation() {
		List<FunctionToolCall> toolCalls = new ArrayList<>();
		toolCalls.add(null);
		AssistantMessage message = AssistantMessage.builder().toolCalls(toolCalls).build();
		assertThat(violations(valid().messages(List.of(message))))
			.containsExactly(new Violation("messages[0].tool_calls[0]", "must not be null"));
	}

	@Test
	void assistantFunctionCallWithoutNameOrArgumentsIsAViolation() {
		AssistantMessage message = AssistantMessage.builder().functionCall(new FunctionCall(null, null, null)).build();
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(
				new Violation("messages[0].function_call.name", "must not be blank"),
				new Violation("messages[0].function_call.arguments", "must not be null"));
	}

	@Test
	void functionMessageWithBlankNameIsAViolation() {
		assertThat(violations(valid().messages(List.of(new FunctionMessage(null, " ", null)))))
			.containsExactly(new Violation("messages[0].name", "must not be blank"));
	}

	@Test
	void functionMessageWithPartsIsAViolation() {
		FunctionMessage message = new FunctionMessage(MessageContent.of(ContentPart.text("a")), "f", null);
		assertThat(violations(valid().messages(List.of(message)))).containsExactly(
				new Violation("messages[0].content", "must be a string in a function message (was 1 parts)"));
	}

	@Test
	void otherMessagesAndPartsAreNeverViolations() {
		OtherMessage other = new OtherMessage(new Role("critic"), MessageContent.of(List.of()), null);
		UserMessage user = ChatMessage.user(new OtherPart("", null));
		SystemMessage system = new SystemMessage(MessageContent.of(new OtherPart("cache_marker", null)), null, null);
		assertThat(violations(valid().messages(List.of(other, user, system)))).isEmpty();
	}

	// --- content parts
	// -------------------------------------------------------------------------------------

	@Test
	void imagePartWithBlankUrlIsAViolation() {
		assertThat(violations(valid().messages(List.of(ChatMessage.user(ContentPart.imageUrl(" "))))))
			.containsExactly(new Violation("messages[0].content[0].image_url.url", "must not be blank"));
	}

	@Test
	void imagePartWithUnknownDetailIsAViolation() {
		ImagePart part = new ImagePart(new ImagePart.ImageUrl("https://example.com/a.png", "ultra", null), null);
		assertThat(violations(valid().messages(List.of(ChatMessage.user(part))))).containsExactly(new Violation(
				"messages[0].content[0].image_url.detail", "must be one of auto, low, high (was \"ultra\")"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "auto", "low", "high" })
	void imagePartDetailLevelsAreAccepted(String detail) {
		ImagePart part = new ImagePart(new ImagePart.ImageUrl("https://example.com/a.png", detail, null), null);
		assertThat(violations(valid().messages(List.of(ChatMessage.user(part))))).isEmpty();
	}

	@Test
	void audioPartWithUnknownFormatIsAViolation() {
		AudioPart part = new AudioPart(new AudioPart.InputAudio("UklGRg==", "ogg", null), null);
		assertThat(violations(valid().messages(List.of(ChatMessage.user(part))))).containsExactly(
				new Violation("messages[0].content[0].input_audio.format", "must be one of wav, mp3 (was \"ogg\")"));
	}

	@Test
	void audioPartWithBlankDataIsAViolation() {
		AudioPart part = new AudioPart(new AudioPart.InputAudio("", "mp3", null), null);
		assertThat(violations(valid().messages(List.of(ChatMessage.user(part)))))
			.containsExactly(new Violation("messages[0].content[0].input_audio.data", "must not be blank"));
	}

	@Test
	void filePartWithoutDataOrIdIsAViolation() {
		FilePart part = new FilePart(new FilePart.FileData("a.pdf", null, null, null), null);
		assertThat(violations(valid().messages(List.of(ChatMessage.user(ContentPart.text("read"), part)))))
			.containsExactly(
					new Violation("messages[0].content[1].file", "must have file_data or file_id (had neither)"));
	}

	@Test
	void filePartWithDataIsValid() {
		FilePart part = new FilePart(new FilePart.FileData("a.pdf", "JVBERi0=", null, null), null);
		assertThat(violations(valid().messages(List.of(ChatMessage.user(part))))).isEmpty();
	}

	// --- sampling and sizes
	// --------------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(doubles = { 0, 1, 2 })
	void temperatureWithinZeroAndTwoIsAccepted(double temperature) {
		assertThat(violations(valid().temperature(temperature))).isEmpty();
	}

	@Test
	void temperatureAboveTwoIsAViolation() {
		assertThat(violations(valid().temperature(2.0000001)))
			.containsExactly(new Violation("temperature", "must be between 0 and 2 (was 2.0000001)"));
	}

	@Test
	void negativeTemperatureIsAViolation() {
		assertThat(violations(valid().temperature(-0.5)))
			.containsExactly(new Violation("temperature", "must be between 0 and 2 (was -0.5)"));
	}

	@Test
	void notANumberTemperatureIsAViolation() {
		assertThat(violations(valid().temperature(Double.NaN)))
			.containsExactly(new Violation("temperature", "must be between 0 and 2 (was NaN)"));
	}

	@Test
	void topPAboveOneIsAViolation() {
		assertThat(violations(valid().topP(1.5)))
			.containsExactly(new Violation("top_p", "must be between 0 and 1 (was 1.5)"));
		assertThat(violations(valid().topP(0.0))).isEmpty();
		assertThat(violations(valid().topP(1.0))).isEmpty();
	}

	@Test
	void frequencyPenaltyOutsideMinusTwoAndTwoIsAViolation() {
		assertThat(violations(valid().frequencyPenalty(-2.0))).isEmpty();
		assertThat(violations(valid().frequencyPenalty(2.0))).isEmpty();
		assertThat(violations(valid().frequencyPenalty(-2.1)))
			.containsExactly(new Violation("frequency_penalty", "must be between -2 and 2 (was -2.1)"));
	}

	@Test
	void presencePenaltyOutsideMinusTwoAndTwoIsAViolation() {
		assertThat(violations(valid().presencePenalty(-2.0))).isEmpty();
		assertThat(violations(valid().presencePenalty(3.0)))
			.containsExactly(new Violation("presence_penalty", "must be between -2 and 2 (was 3)"));
	}

	@Test
	void nOutsideOneAnd128IsAViolation() {
		assertThat(violations(valid().n(1))).isEmpty();
		assertThat(violations(valid().n(128))).isEmpty();
		assertThat(violations(valid().n(129)))
			.containsExactly(new Violation("n", "must be between 1 and 128 (was 129)"));
		assertThat(violations(valid().n(0))).containsExactly(new Violation("n", "must be between 1 and 128 (was 0)"));
	}

	@Test
	void topLogprobsWithinZeroAnd20IsAccepted() {
		assertThat(violations(valid().logprobs(true).topLogprobs(0))).isEmpty();
		assertThat(violations(valid().logprobs(true).topLogprobs(20))).isEmpty();
	}

	@Test
	void topLogprobsAbove20IsAViolation() {
		assertThat(violations(valid().logprobs(true).topLogprobs(21)))
			.containsExactly(new Violation("top_logprobs", "must be between 0 and 20 (was 21)"));
	}

	@Test
	void topLogprobsWithoutLogprobsIsAViolation() {
		assertThat(violations(valid().topLogprobs(5)))
			.containsExactly(new Violation("top_logprobs", "requires logprobs to be true (was null)"));
		assertThat(violations(valid().logprobs(false).topLogprobs(5)))
			.containsExactly(new Violation("top_logprobs", "requires logprobs to be true (was false)"));
	}

	@Test
	void maxCompletionTokensBelowOneIsAViolation() {
		assertThat(violations(valid().maxCompletionTokens(1))).isEmpty();
		assertThat(violations(valid().maxCompletionTokens(0)))
			.containsExactly(new Violation("max_completion_tokens", "must be at least 1 (was 0)"));
	}

	@Test
	void maxTokensBelowOneIsAViolation() {
		assertThat(violations(valid().maxTokens(-5)))
			.containsExactly(new Violation("max_tokens", "must be at least 1 (was -5)"));
	}

	@Test
	void fourStopSequencesAreAccepted() {
		assertThat(violations(valid().stop("a", "b", "c", "d"))).isEmpty();
		assertThat(violations(valid().stop("a"))).isEmpty();
		assertThat(violations(valid().stop(Stop.of(List.of("a"))))).isEmpty();
	}

	@Test
	void fiveStopSequencesAreAViolation() {
		assertThat(violations(valid().stop("a", "b", "c", "d", "e")))
			.containsExactly(new Violation("stop", "must contain at most 4 sequences (was 5)"));
	}

	@Test
	void emptyStopArrayIsAViolation() {
		assertThat(violations(valid().stop(Stop.of(List.of()))))
			.containsExactly(new Violation("stop", "must contain at least 1 sequence (was 0)"));
	}

	@Test
	void logitBiasOutsideMinus100And100IsAViolation() {
		Map<String, Integer> bias = new LinkedHashMap<>();
		bias.put("1", -100);
		bias.put("2", 100);
		bias.put("3", 101);
		bias.put("4", -101);
		assertThat(violations(valid().logitBias(bias))).containsExactly(
				new Violation("logit_bias.3", "must be between -100 and 100 (was 101)"),
				new Violation("logit_bias.4", "must be between -100 and 100 (was -101)"));
	}

	@Test
	void logitBiasKeyThatIsNotATokenIdIsAViolation() {
		assertThat(violations(valid().logitBias(Map.of("hello", 5))))
			.containsExactly(new Violation("logit_bias", "keys must be token ids of digits only (was \"hello\")"));
	}

	@Test
	void sixteenMetadataPairsAreAccepted() {
		assertThat(violations(valid().metadata(metadata(16)))).isEmpty();
	}

	@Test
	void seventeenMetadataPairsAreAViolation() {
		assertThat(violations(valid().metadata(metadata(17))))
			.containsExactly(new Violation("metadata", "must contain at most 16 pairs (was 17)"));
	}

	@Test
	void metadataKeyOf64CharactersIsAccepted() {
		assertThat(violations(valid().metadata("k".repeat(64), "v"))).isEmpty();
	}

	@Test
	void metadataKeyOf65CharactersIsAViolation() {
		String key = "k".repeat(65);
		assertThat(violations(valid().metadata(key, "v")))
			.containsExactly(new Violation("metadata." + key, "key must be at most 64 characters (was 65)"));
	}

	@Test
	void metadataValueOf512CharactersIsAccepted() {
		assertThat(violations(valid().metadata("k", "v".repeat(512)))).isEmpty();
	}

	@Test
	void metadataValueOf513CharactersIsAViolation() {
		assertThat(violations(valid().metadata("k", "v".repeat(513))))
			.containsExactly(new Violation("metadata.k", "must be at most 512 characters (was 513)"));
	}

	@Test
	void nullMetadataValueIsAViolation() {
		assertThat(violations(valid().metadata(Collections.singletonMap("k", null))))
			.containsExactly(new Violation("metadata.k", "must not be null"));
	}

	// --- names
	// ---------------------------------------------------------------------------------------------

	@Test
	void functionToolNameWithASpaceIsAViolation() {
		assertThat(violations(valid().tool(Tool.function("get weather", null, null)))).containsExactly(
				new Violation("tools[0].function.name", "must match [a-zA-Z0-9_-]{1,64} (was \"get weather\")"));
	}

	@Test
	void functionToolNameOf64CharactersIsAccepted() {
		assertThat(violations(valid().tool(Tool.function("a".repeat(64), null, null)))).isEmpty();
	}

	@Test
	void functionToolNameOf65CharactersIsAViolation() {
		String name = "a".repeat(65);
		assertThat(violations(valid().tool(Tool.function("ok", null, null)).tool(Tool.function(name, null, null))))
			.containsExactly(new Violation("tools[1].function.name",
					"must match [a-zA-Z0-9_-]{1,64} (was 65 characters: \"" + "a".repeat(64) + "…\")"));
	}

	@Test
	void emptyFunctionToolNameIsAViolation() {
		assertThat(violations(valid().tool(Tool.function("", null, null))))
			.containsExactly(new Violation("tools[0].function.name", "must match [a-zA-Z0-9_-]{1,64} (was \"\")"));
	}

	@Test
	void deprecatedFunctionNameWithADotIsAViolation() {
		assertThat(violations(valid().functions(List.of(FunctionDefinition.of("a.b", null, null)))))
			.containsExactly(new Violation("functions[0].name", "must match [a-zA-Z0-9_-]{1,64} (was \"a.b\")"));
	}

	@Test
	void toolChoiceFunctionNameWithASlashIsAViolation() {
		assertThat(violations(valid().toolChoice(ToolChoice.function("a/b")))).containsExactly(
				new Violation("tool_choice.function.name", "must match [a-zA-Z0-9_-]{1,64} (was \"a/b\")"));
	}

	@Test
	void toolChoiceCustomNameThatIsBlankIsAViolation() {
		assertThat(violations(valid().toolChoice(ToolChoice.custom(" "))))
			.containsExactly(new Violation("tool_choice.custom.name", "must not be blank"));
	}

	@Test
	void functionCallNameWithASpaceIsAViolation() {
		assertThat(violations(valid().functionCall(FunctionCallOption.function("my function")))).containsExactly(
				new Violation("function_call.name", "must match [a-zA-Z0-9_-]{1,64} (was \"my function\")"));
	}

	@Test
	void jsonSchemaNameWithASpaceIsAViolation() {
		assertThat(violations(valid().responseFormat(ResponseFormat.jsonSchema("my schema", Map.of(), null))))
			.containsExactly(new Violation("response_format.json_schema.name",
					"must match [a-zA-Z0-9_-]{1,64} (was \"my schema\")"));
	}

	// --- tools and choices
	// ---------------------------------------------------------------------------------

	@Test
	void nullToolIsAViolation() {
		List<Tool> tools = new ArrayList<>();
		tools.add(null);
		assertThat(violations(valid().tools(tools))).containsExactly(new Violation("tools[0]", "must not be null"));
	}

	@Test
	void customToolWithBlankNameIsAViolation() {
		assertThat(violations(valid().tool(Tool.custom("", null))))
			.containsExactly(new Violation("tools[0].custom.name", "must not be blank"));
	}

	@Test
	void customToolFormatOfUnknownTypeIsAViolation() {
		CustomTool tool = new CustomTool(
				new CustomToolDefinition("sql", null, new CustomToolFormat("json", null, null), null), null);
		assertThat(violations(valid().tool(tool))).containsExactly(
				new Violation("tools[0].custom.format.type", "must be one of text, grammar (was \"json\")"));
	}

	@Test
	void customToolGrammarFormatWithoutGrammarIsAViolation() {
		CustomTool tool = new CustomTool(
				new CustomToolDefinition("sql", null, new CustomToolFormat("grammar", null, null), null), null);
		assertThat(violations(valid().tool(tool)))
			.containsExactly(new Violation("tools[0].custom.format.grammar", "is required when type is grammar"));
	}

	@Test
	void customToolGrammarWithUnknownSyntaxOrBlankDefinitionIsAViolation() {
		CustomTool tool = new CustomTool(
				new CustomToolDefinition("sql", null, CustomToolFormat.grammar(" ", "ebnf"), null), null);
		assertThat(violations(valid().tool(tool))).containsExactly(
				new Violation("tools[0].custom.format.grammar.definition", "must not be blank"),
				new Violation("tools[0].custom.format.grammar.syntax", "must be one of lark, regex (was \"ebnf\")"));
	}

	@Test
	void customToolTextFormatWithGrammarIsAViolation() {
		CustomToolFormat format = new CustomToolFormat("text", new CustomToolFormat.Grammar("x", "regex", null), null);
		CustomTool tool = new CustomTool(new CustomToolDefinition("sql", null, format, null), null);
		assertThat(violations(valid().tool(tool)))
			.containsExactly(new Violation("tools[0].custom.format.grammar", "must not be set when type is text"));
	}

	@Test
	void customToolFormatsTextAndRegexGrammarAreAccepted() {
		assertThat(violations(
				valid().tool(new CustomTool(new CustomToolDefinition("a", null, CustomToolFormat.text(), null), null))
					.tool(new CustomTool(
							new CustomToolDefinition("b", null, CustomToolFormat.grammar("\\d+", "regex"), null),
							null))))
			.isEmpty();
	}

	@Test
	void toolsAreNotLimitedInNumber() {
		ChatCompletionRequest.Builder builder = valid();
		for (int i = 0; i < 200; i++) {
			builder.tool(Tool.function("f" + i, null, null));
		}
		assertThat(violations(builder)).isEmpty();
	}

	@Test
	void unknownToolChoiceModeIsAViolation() {
		assertThat(violations(valid().toolChoice(new ToolChoice.Mode("any"))))
			.containsExactly(new Violation("tool_choice", "must be one of none, auto, required (was \"any\")"));
		assertThat(violations(valid().toolChoice(ToolChoice.required()))).isEmpty();
	}

	@Test
	void allowedToolsWithUnknownModeIsAViolation() {
		assertThat(violations(valid().toolChoice(ToolChoice.allowedTools("none", List.of(Map.of("type", "function"))))))
			.containsExactly(
					new Violation("tool_choice.allowed_tools.mode", "must be one of auto, required (was \"none\")"));
	}

	@Test
	void allowedToolsWithNoToolsIsAViolation() {
		assertThat(violations(valid()
			.toolChoice(new ToolChoice.AllowedToolsChoice(new AllowedTools("required", List.of(), null), null))))
			.containsExactly(new Violation("tool_choice.allowed_tools.tools", "must contain at least 1 tool (was 0)"));
	}

	@Test
	void toolChoiceNamingAnUnlistedFunctionIsNotAViolation() {
		assertThat(violations(valid().tool(Tool.function("a", null, null)).toolChoice(ToolChoice.function("b"))))
			.isEmpty();
	}

	@Test
	void unknownToolsToolChoicesAndResponseFormatsAreNeverViolations() {
		assertThat(violations(valid().tool(new OtherTool("web_search", null))
			.toolChoice(new ToolChoice.Other("mcp", null))
			.responseFormat(new ResponseFormat.Other("grammar", null)))).isEmpty();
	}

	@Test
	void unknownFunctionCallModeIsAViolation() {
		assertThat(violations(valid().functionCall(new FunctionCallOption.Mode("required"))))
			.containsExactly(new Violation("function_call", "must be one of none, auto (was \"required\")"));
		assertThat(violations(valid().functionCall(FunctionCallOption.auto()))).isEmpty();
	}

	@Test
	void emptyFunctionsIsAViolation() {
		assertThat(violations(valid().functions(List.of())))
			.containsExactly(new Violation("functions", "must contain at least 1 function (was 0)"));
	}

	@Test
	void functionsUpTo128AreAccepted() {
		assertThat(violations(valid().functions(functions(128)))).isEmpty();
	}

	@Test
	void moreThan128FunctionsIsAViolation() {
		assertThat(violations(valid().functions(functions(129))))
			.containsExactly(new Violation("functions", "must contain at most 128 functions (was 129)"));
	}

	// --- audio, streaming and others
	// -----------------------------------------------------------------------

	@Test
	void audioModalityWithoutAudioIsAViolation() {
		assertThat(violations(valid().modalities(List.of(Modality.TEXT, Modality.AUDIO))))
			.containsExactly(new Violation("audio", "is required when modalities contains audio"));
		assertThat(violations(valid().modalities(List.of(Modality.TEXT)))).isEmpty();
	}

	@Test
	void audioWithUnknownFormatIsAViolation() {
		assertThat(violations(valid().audio(new AudioParameters("alloy", "ogg", null)))).containsExactly(
				new Violation("audio.format", "must be one of wav, aac, mp3, flac, opus, pcm16 (was \"ogg\")"));
	}

	@Test
	void audioWithBlankVoiceIsAViolation() {
		assertThat(violations(valid().audio(new AudioParameters("", "mp3", null))))
			.containsExactly(new Violation("audio.voice", "must not be blank"));
	}

	@Test
	void streamOptionsWithoutStreamingIsAViolation() {
		ChatCompletionRequest.Builder builder = valid().streamOptions(new StreamOptions(true, null, null));
		assertThat(violations(builder))
			.containsExactly(new Violation("stream_options", "must only be set when streaming (stream was null)"));
		assertThat(validator.violations(builder.build(), true)).isEmpty();
		assertThat(violations(builder.stream(true))).isEmpty();
	}

	@Test
	void predictionOfUnknownTypeIsAViolation() {
		assertThat(violations(valid().prediction(new Prediction("diff", MessageContent.of("x"), null))))
			.containsExactly(new Violation("prediction.type", "must be content (was \"diff\")"));
	}

	@Test
	void predictionWithNoPartsOrNonTextPartsIsAViolation() {
		assertThat(violations(valid().prediction(new Prediction("content", MessageContent.of(List.of()), null))))
			.containsExactly(new Violation("prediction.content", "must contain at least 1 part (was 0)"));
		assertThat(violations(valid().prediction(
				new Prediction("content", MessageContent.of(ContentPart.imageUrl("https://example.com/a.png")), null))))
			.containsExactly(
					new Violation("prediction.content[0]", "must be a text part in a prediction (was image_url)"));
	}

	@Test
	void webSearchLocationOfUnknownTypeIsAViolation() {
		WebSearchOptions options = new WebSearchOptions(new WebSearchOptions.UserLocation("exact",
				new WebSearchOptions.WebSearchLocation(null, null, null, null, null), null), null, null);
		assertThat(violations(valid().webSearchOptions(options))).containsExactly(
				new Violation("web_search_options.user_location.type", "must be approximate (was \"exact\")"));
	}

	@Test
	void nullModalityIsAViolation() {
		List<Modality> modalities = new ArrayList<>();
		modalities.add(null);
		assertThat(violations(valid().modalities(modalities)))
			.containsExactly(new Violation("modalities[0]", "must not be null"));
	}

	// --- helpers
	// -------------------------------------------------------------------------------------------

	private static ChatCompletionRequest.Builder valid() {
		return ChatCompletionRequest.builder().model("gpt-5").userMessage("Hello");
	}

	private static List<Violation> violations(ChatCompletionRequest.Builder builder) {
		return validator.violations(builder.build(), false);
	}

	private static Map<String, String> metadata(int pairs) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (int i = 0; i < pairs; i++) {
			metadata.put("key" + i, "value" + i);
		}
		return metadata;
	}

	private static List<FunctionDefinition> functions(int count) {
		List<FunctionDefinition> functions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			functions.add(FunctionDefinition.of("f" + i, null, null));
		}
		return functions;
	}

}
