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
import com.mulerun.chat.model.FunctionTool;
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
import com.mulerun.chat.model.Stop;
import com.mulerun.chat.model.SystemMessage;
import com.mulerun.chat.model.TextPart;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolChoice;
import com.mulerun.chat.model.ToolMessage;
import com.mulerun.chat.model.UserMessage;
import com.mulerun.chat.model.WebSearchOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link ChatCompletionRequest} against every constraint the chat completions specification states
 * before it is sent.
 *
 * <p>Ranges ({@code temperature} 0 to 2, {@code n} 1 to 128, ...), sizes ({@code stop}, {@code metadata},
 * {@code functions}), name patterns ({@code [a-zA-Z0-9_-]{1,64}}), the required members of each message and
 * content part, the content part types each role accepts, and cross-field rules ({@code top_logprobs} needs
 * {@code logprobs}, the {@code audio} modality needs {@code audio}, {@code stream_options} needs streaming) are
 * checked. Variants this client does not know (a message role, content part, tool, tool choice or response
 * format of another type) are never violations, nor are values of open enumerations such as
 * {@code reasoning_effort}: providers add their own.
 *
 * <p>Violations are listed in the order of the request's members, each with a JSON path such as
 * {@code messages[2].content} or {@code tools[0].function.name}. A valid request is checked without allocation.
 * Thread-safe.
 */
public final class ChatCompletionRequestValidator {

	/** The shared instance. */
	public static final ChatCompletionRequestValidator INSTANCE = new ChatCompletionRequestValidator();

	private static final int MAX_NAME_LENGTH = 64;

	private static final String NAME_RULE = "must match [a-zA-Z0-9_-]{1,64}";

	private static final int MAX_METADATA_PAIRS = 16;

	private static final int MAX_METADATA_KEY_LENGTH = 64;

	private static final int MAX_METADATA_VALUE_LENGTH = 512;

	private static final int MAX_STOP_SEQUENCES = 4;

	private static final int MAX_FUNCTIONS = 128;

	private static final int MAX_QUOTED_LENGTH = 64;

	private static final int TEXT = 1;

	private static final int IMAGE = 2;

	private static final int AUDIO = 4;

	private static final int FILE = 8;

	private static final int REFUSAL = 16;

	private static final int PREDICTION = -1;

	private static final BiConsumer<String, Integer> LOGIT_BIAS_ENTRY_CHECK = (token, bias) -> {
		if (!isTokenId(token) || bias == null || bias < -100 || bias > 100) {
			throw InvalidEntry.INSTANCE;
		}
	};

	private static final BiConsumer<String, String> METADATA_ENTRY_CHECK = (key, value) -> {
		if (key == null || key.length() > MAX_METADATA_KEY_LENGTH || value == null
				|| value.length() > MAX_METADATA_VALUE_LENGTH) {
			throw InvalidEntry.INSTANCE;
		}
	};

	private ChatCompletionRequestValidator() {
	}

	/**
	 * Returns every violation of the request, in the order of the request's members.
	 * @param request the request to check
	 * @param streaming whether the request is sent as a streaming request (then {@code stream_options} is
	 * allowed even when the request's {@code stream} is not set)
	 * @return the violations, empty when the request is valid; never {@code null}
	 */
	public List<Violation> violations(ChatCompletionRequest request, boolean streaming) {
		Objects.requireNonNull(request, "request must not be null");
		List<Violation> violations = check(request, streaming);
		return (violations != null) ? Collections.unmodifiableList(violations) : List.of();
	}

	/**
	 * Checks the request and throws one exception listing every violation; does nothing when it is valid.
	 * @param request the request to check
	 * @param streaming whether the request is sent as a streaming request
	 * @throws MuleRunValidationException if the request has at least one violation
	 */
	public void validate(ChatCompletionRequest request, boolean streaming) {
		Objects.requireNonNull(request, "request must not be null");
		List<Violation> violations = check(request, streaming);
		if (violations != null) {
			throw new MuleRunValidationException(violations);
		}
	}

	private static @Nullable List<Violation> check(ChatCompletionRequest request, boolean streaming) {
		List<Violation> v = checkMessages(request.messages(), null);
		if (isBlank(request.model())) {
			v = add(v, "model", "must not be blank");
		}
		v = checkModalities(request.modalities(), v);
		v = checkAtLeastOne("max_completion_tokens", request.maxCompletionTokens(), v);
		v = checkRange("frequency_penalty", request.frequencyPenalty(), -2, 2, v);
		v = checkRange("presence_penalty", request.presencePenalty(), -2, 2, v);
		v = checkWebSearchOptions(request.webSearchOptions(), v);
		v = checkTopLogprobs(request.topLogprobs(), request.logprobs(), v);
		v = checkResponseFormat(request.responseFormat(), v);
		v = checkAudio(request.audio(), request.modalities(), v);
		v = checkStop(request.stop(), v);
		v = checkLogitBias(request.logitBias(), v);
		v = checkAtLeastOne("max_tokens", request.maxTokens(), v);
		v = checkRange("n", request.n(), 1, 128, v);
		v = checkPrediction(request.prediction(), v);
		if (request.streamOptions() != null && !streaming && !Boolean.TRUE.equals(request.stream())) {
			v = add(v, "stream_options", "must only be set when streaming (stream was " + request.stream() + ")");
		}
		v = checkTools(request.tools(), v);
		v = checkToolChoice(request.toolChoice(), v);
		v = checkFunctionCall(request.functionCall(), v);
		v = checkFunctions(request.functions(), v);
		v = checkMetadata(request.metadata(), v);
		v = checkRange("temperature", request.temperature(), 0, 2, v);
		v = checkRange("top_p", request.topP(), 0, 1, v);
		return v;
	}

	// --- messages ------------------------------------------------------------------------------------------

	private static @Nullable List<Violation> checkMessages(@Nullable List<ChatMessage> messages,
			@Nullable List<Violation> v) {
		if (messages == null) {
			return add(v, "messages", "must not be null");
		}
		if (messages.isEmpty()) {
			return add(v, "messages", "must contain at least 1 message (was 0)");
		}
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			if (message == null) {
				v = add(v, "messages[" + i + "]", "must not be null");
			}
			else {
				v = checkMessage(message, i, v);
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkMessage(ChatMessage message, int i, @Nullable List<Violation> v) {
		if (message instanceof SystemMessage system) {
			return checkContent(system.content(), i, TEXT, "a text part in a system message", v);
		}
		if (message instanceof DeveloperMessage developer) {
			return checkContent(developer.content(), i, TEXT, "a text part in a developer message", v);
		}
		if (message instanceof UserMessage user) {
			return checkContent(user.content(), i, TEXT | IMAGE | AUDIO | FILE,
					"a text, image_url, input_audio or file part in a user message", v);
		}
		if (message instanceof ToolMessage tool) {
			v = checkContent(tool.content(), i, TEXT, "a text part in a tool message", v);
			if (isBlank(tool.toolCallId())) {
				v = add(v, "messages[" + i + "].tool_call_id", "must not be blank");
			}
			return v;
		}
		if (message instanceof AssistantMessage assistant) {
			return checkAssistantMessage(assistant, i, v);
		}
		if (message instanceof FunctionMessage function) {
			if (function.content() instanceof MessageContent.Parts parts) {
				v = add(v, "messages[" + i + "].content",
						"must be a string in a function message (was " + parts.parts().size() + " parts)");
			}
			if (isBlank(function.name())) {
				v = add(v, "messages[" + i + "].name", "must not be blank");
			}
			return v;
		}
		// OtherMessage: a role this client does not know is never a violation
		return v;
	}

	private static @Nullable List<Violation> checkAssistantMessage(AssistantMessage message, int i,
			@Nullable List<Violation> v) {
		MessageContent content = message.content();
		List<ToolCall> toolCalls = message.toolCalls();
		if (content == null) {
			if ((toolCalls == null || toolCalls.isEmpty()) && message.functionCall() == null
					&& message.refusal() == null && message.audio() == null) {
				v = add(v, "messages[" + i + "].content",
						"must be set unless tool_calls, function_call, refusal or audio is (was null)");
			}
		}
		else {
			v = checkContent(content, i, TEXT | REFUSAL, "a text or refusal part in an assistant message", v);
			v = checkRefusalParts(content, i, v);
		}
		AssistantAudio audio = message.audio();
		if (audio != null && isBlank(audio.id())) {
			v = add(v, "messages[" + i + "].audio.id", "must not be blank");
		}
		if (toolCalls != null) {
			for (int j = 0; j < toolCalls.size(); j++) {
				v = checkToolCall(toolCalls.get(j), i, j, v);
			}
		}
		FunctionCall functionCall = message.functionCall();
		if (functionCall != null) {
			if (isBlank(functionCall.name())) {
				v = add(v, "messages[" + i + "].function_call.name", "must not be blank");
			}
			if (functionCall.arguments() == null) {
				v = add(v, "messages[" + i + "].function_call.arguments", "must not be null");
			}
		}
		return v;
	}

	/**
	 * Assistant content parts are one or more text parts, or exactly one refusal part.
	 */
	private static @Nullable List<Violation> checkRefusalParts(MessageContent content, int i,
			@Nullable List<Violation> v) {
		if (!(content instanceof MessageContent.Parts parts)) {
			return v;
		}
		int texts = 0;
		int refusals = 0;
		List<ContentPart> list = parts.parts();
		for (int p = 0; p < list.size(); p++) {
			ContentPart part = list.get(p);
			if (part instanceof TextPart) {
				texts++;
			}
			else if (part instanceof RefusalPart) {
				refusals++;
			}
		}
		if (refusals > 1 || (refusals == 1 && texts > 0)) {
			v = add(v, "messages[" + i + "].content", "must be text parts or exactly one refusal part (was " + texts
					+ " text and " + refusals + " refusal parts)");
		}
		return v;
	}

	private static @Nullable List<Violation> checkToolCall(@Nullable ToolCall toolCall, int i, int j,
			@Nullable List<Violation> v) {
		if (toolCall == null) {
			return add(v, toolCallPath(i, j), "must not be null");
		}
		if (toolCall instanceof FunctionToolCall call) {
			if (isBlank(call.id())) {
				v = add(v, toolCallPath(i, j) + ".id", "must not be blank");
			}
			if (isBlank(call.function().name())) {
				v = add(v, toolCallPath(i, j) + ".function.name", "must not be blank");
			}
			if (call.function().arguments() == null) {
				v = add(v, toolCallPath(i, j) + ".function.arguments", "must not be null");
			}
		}
		else if (toolCall instanceof CustomToolCall call) {
			if (isBlank(call.id())) {
				v = add(v, toolCallPath(i, j) + ".id", "must not be blank");
			}
			if (isBlank(call.custom().name())) {
				v = add(v, toolCallPath(i, j) + ".custom.name", "must not be blank");
			}
			if (call.custom().input() == null) {
				v = add(v, toolCallPath(i, j) + ".custom.input", "must not be null");
			}
		}
		// OtherToolCall: a type this client does not know is never a violation
		return v;
	}

	private static String toolCallPath(int i, int j) {
		return "messages[" + i + "].tool_calls[" + j + "]";
	}

	// --- content -------------------------------------------------------------------------------------------

	/**
	 * Checks content of a message ({@code messageIndex} at least 0) or of the prediction
	 * ({@link #PREDICTION}).
	 */
	private static @Nullable List<Violation> checkContent(MessageContent content, int messageIndex, int allowed,
			String allowedDescription, @Nullable List<Violation> v) {
		if (!(content instanceof MessageContent.Parts parts)) {
			return v;
		}
		List<ContentPart> list = parts.parts();
		if (list.isEmpty()) {
			return add(v, contentPath(messageIndex), "must contain at least 1 part (was 0)");
		}
		for (int p = 0; p < list.size(); p++) {
			v = checkPart(list.get(p), messageIndex, p, allowed, allowedDescription, v);
		}
		return v;
	}

	private static @Nullable List<Violation> checkPart(ContentPart part, int messageIndex, int p, int allowed,
			String allowedDescription, @Nullable List<Violation> v) {
		int kind = kind(part);
		if (kind == 0) {
			// OtherPart: a type this client does not know is never a violation
			return v;
		}
		if ((allowed & kind) == 0) {
			return add(v, partPath(messageIndex, p), "must be " + allowedDescription + " (was " + part.type() + ")");
		}
		if (part instanceof ImagePart image) {
			ImagePart.ImageUrl imageUrl = image.imageUrl();
			if (isBlank(imageUrl.url())) {
				v = add(v, partPath(messageIndex, p) + ".image_url.url", "must not be blank");
			}
			String detail = imageUrl.detail();
			if (detail != null && !detail.equals("auto") && !detail.equals("low") && !detail.equals("high")) {
				v = add(v, partPath(messageIndex, p) + ".image_url.detail",
						"must be one of auto, low, high (was " + quote(detail) + ")");
			}
		}
		else if (part instanceof AudioPart audio) {
			AudioPart.InputAudio inputAudio = audio.inputAudio();
			if (isBlank(inputAudio.data())) {
				v = add(v, partPath(messageIndex, p) + ".input_audio.data", "must not be blank");
			}
			String format = inputAudio.format();
			if (!format.equals("wav") && !format.equals("mp3")) {
				v = add(v, partPath(messageIndex, p) + ".input_audio.format",
						"must be one of wav, mp3 (was " + quote(format) + ")");
			}
		}
		else if (part instanceof FilePart file) {
			if (isBlank(file.file().fileData()) && isBlank(file.file().fileId())) {
				v = add(v, partPath(messageIndex, p) + ".file", "must have file_data or file_id (had neither)");
			}
		}
		return v;
	}

	private static int kind(ContentPart part) {
		if (part instanceof TextPart) {
			return TEXT;
		}
		if (part instanceof ImagePart) {
			return IMAGE;
		}
		if (part instanceof AudioPart) {
			return AUDIO;
		}
		if (part instanceof FilePart) {
			return FILE;
		}
		if (part instanceof RefusalPart) {
			return REFUSAL;
		}
		return 0;
	}

	private static String contentPath(int messageIndex) {
		return (messageIndex == PREDICTION) ? "prediction.content" : "messages[" + messageIndex + "].content";
	}

	private static String partPath(int messageIndex, int p) {
		return contentPath(messageIndex) + "[" + p + "]";
	}

	// --- top-level members ---------------------------------------------------------------------------------

	private static @Nullable List<Violation> checkModalities(@Nullable List<Modality> modalities,
			@Nullable List<Violation> v) {
		if (modalities != null) {
			for (int i = 0; i < modalities.size(); i++) {
				if (modalities.get(i) == null) {
					v = add(v, "modalities[" + i + "]", "must not be null");
				}
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkWebSearchOptions(@Nullable WebSearchOptions options,
			@Nullable List<Violation> v) {
		if (options != null && options.userLocation() != null) {
			String type = options.userLocation().type();
			if (!type.equals("approximate")) {
				v = add(v, "web_search_options.user_location.type", "must be approximate (was " + quote(type) + ")");
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkTopLogprobs(@Nullable Integer topLogprobs,
			@Nullable Boolean logprobs, @Nullable List<Violation> v) {
		if (topLogprobs == null) {
			return v;
		}
		v = checkRange("top_logprobs", topLogprobs, 0, 20, v);
		if (!Boolean.TRUE.equals(logprobs)) {
			v = add(v, "top_logprobs", "requires logprobs to be true (was " + logprobs + ")");
		}
		return v;
	}

	private static @Nullable List<Violation> checkResponseFormat(@Nullable ResponseFormat format,
			@Nullable List<Violation> v) {
		if (format instanceof ResponseFormat.JsonSchemaFormat jsonSchema) {
			String name = jsonSchema.jsonSchema().name();
			if (!isValidName(name)) {
				v = add(v, "response_format.json_schema.name", nameMessage(name));
			}
		}
		// Text and JsonObject have nothing to check; Other is a type this client does not know
		return v;
	}

	private static @Nullable List<Violation> checkAudio(@Nullable AudioParameters audio,
			@Nullable List<Modality> modalities, @Nullable List<Violation> v) {
		if (audio == null) {
			if (containsAudio(modalities)) {
				v = add(v, "audio", "is required when modalities contains audio");
			}
			return v;
		}
		if (isBlank(audio.voice())) {
			v = add(v, "audio.voice", "must not be blank");
		}
		String format = audio.format();
		if (!format.equals("wav") && !format.equals("aac") && !format.equals("mp3") && !format.equals("flac")
				&& !format.equals("opus") && !format.equals("pcm16")) {
			v = add(v, "audio.format", "must be one of wav, aac, mp3, flac, opus, pcm16 (was " + quote(format) + ")");
		}
		return v;
	}

	private static boolean containsAudio(@Nullable List<Modality> modalities) {
		if (modalities != null) {
			for (int i = 0; i < modalities.size(); i++) {
				Modality modality = modalities.get(i);
				if (modality != null && modality.value().equals("audio")) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable List<Violation> checkStop(@Nullable Stop stop, @Nullable List<Violation> v) {
		if (stop == null || stop.single()) {
			return v;
		}
		int size = stop.sequences().size();
		if (size < 1) {
			v = add(v, "stop", "must contain at least 1 sequence (was 0)");
		}
		else if (size > MAX_STOP_SEQUENCES) {
			v = add(v, "stop", "must contain at most " + MAX_STOP_SEQUENCES + " sequences (was " + size + ")");
		}
		return v;
	}

	private static @Nullable List<Violation> checkLogitBias(@Nullable Map<String, Integer> logitBias,
			@Nullable List<Violation> v) {
		if (logitBias == null || logitBias.isEmpty() || allEntriesValid(logitBias, LOGIT_BIAS_ENTRY_CHECK)) {
			return v;
		}
		for (Map.Entry<String, Integer> entry : logitBias.entrySet()) {
			String token = entry.getKey();
			if (!isTokenId(token)) {
				v = add(v, "logit_bias", "keys must be token ids of digits only (was " + quote(token) + ")");
				continue;
			}
			Integer bias = entry.getValue();
			if (bias == null) {
				v = add(v, "logit_bias." + token, "must not be null");
			}
			else {
				v = checkRange("logit_bias." + token, bias, -100, 100, v);
			}
		}
		return v;
	}

	private static boolean isTokenId(@Nullable String token) {
		if (token == null || token.isEmpty()) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static @Nullable List<Violation> checkPrediction(@Nullable Prediction prediction,
			@Nullable List<Violation> v) {
		if (prediction == null) {
			return v;
		}
		if (!prediction.type().equals("content")) {
			v = add(v, "prediction.type", "must be content (was " + quote(prediction.type()) + ")");
		}
		return checkContent(prediction.content(), PREDICTION, TEXT, "a text part in a prediction", v);
	}

	// --- tools ---------------------------------------------------------------------------------------------

	private static @Nullable List<Violation> checkTools(@Nullable List<Tool> tools, @Nullable List<Violation> v) {
		if (tools == null) {
			return v;
		}
		for (int i = 0; i < tools.size(); i++) {
			Tool tool = tools.get(i);
			if (tool == null) {
				v = add(v, "tools[" + i + "]", "must not be null");
			}
			else if (tool instanceof FunctionTool function) {
				String name = function.function().name();
				if (!isValidName(name)) {
					v = add(v, "tools[" + i + "].function.name", nameMessage(name));
				}
			}
			else if (tool instanceof CustomTool custom) {
				v = checkCustomTool(custom.custom(), i, v);
			}
			// OtherTool: a type this client does not know is never a violation
		}
		return v;
	}

	private static @Nullable List<Violation> checkCustomTool(CustomToolDefinition custom, int i,
			@Nullable List<Violation> v) {
		if (isBlank(custom.name())) {
			v = add(v, "tools[" + i + "].custom.name", "must not be blank");
		}
		CustomToolFormat format = custom.format();
		if (format == null) {
			return v;
		}
		CustomToolFormat.Grammar grammar = format.grammar();
		if (format.type().equals("text")) {
			if (grammar != null) {
				v = add(v, "tools[" + i + "].custom.format.grammar", "must not be set when type is text");
			}
		}
		else if (format.type().equals("grammar")) {
			if (grammar == null) {
				v = add(v, "tools[" + i + "].custom.format.grammar", "is required when type is grammar");
			}
			else {
				if (isBlank(grammar.definition())) {
					v = add(v, "tools[" + i + "].custom.format.grammar.definition", "must not be blank");
				}
				String syntax = grammar.syntax();
				if (!syntax.equals("lark") && !syntax.equals("regex")) {
					v = add(v, "tools[" + i + "].custom.format.grammar.syntax",
							"must be one of lark, regex (was " + quote(syntax) + ")");
				}
			}
		}
		else {
			v = add(v, "tools[" + i + "].custom.format.type",
					"must be one of text, grammar (was " + quote(format.type()) + ")");
		}
		return v;
	}

	private static @Nullable List<Violation> checkToolChoice(@Nullable ToolChoice toolChoice,
			@Nullable List<Violation> v) {
		if (toolChoice instanceof ToolChoice.Mode mode) {
			String value = mode.value();
			if (!value.equals("none") && !value.equals("auto") && !value.equals("required")) {
				v = add(v, "tool_choice", "must be one of none, auto, required (was " + quote(value) + ")");
			}
		}
		else if (toolChoice instanceof ToolChoice.AllowedToolsChoice choice) {
			AllowedTools allowedTools = choice.allowedTools();
			String mode = allowedTools.mode();
			if (!mode.equals("auto") && !mode.equals("required")) {
				v = add(v, "tool_choice.allowed_tools.mode", "must be one of auto, required (was " + quote(mode) + ")");
			}
			List<Map<String, Object>> tools = allowedTools.tools();
			if (tools.isEmpty()) {
				v = add(v, "tool_choice.allowed_tools.tools", "must contain at least 1 tool (was 0)");
			}
			for (int i = 0; i < tools.size(); i++) {
				if (tools.get(i) == null) {
					v = add(v, "tool_choice.allowed_tools.tools[" + i + "]", "must not be null");
				}
			}
		}
		else if (toolChoice instanceof ToolChoice.NamedFunction named) {
			String name = named.function().name();
			if (!isValidName(name)) {
				v = add(v, "tool_choice.function.name", nameMessage(name));
			}
		}
		else if (toolChoice instanceof ToolChoice.NamedCustom named) {
			// custom tool names are free-form: only required
			if (isBlank(named.custom().name())) {
				v = add(v, "tool_choice.custom.name", "must not be blank");
			}
		}
		// Other: a type this client does not know is never a violation
		return v;
	}

	private static @Nullable List<Violation> checkFunctionCall(@Nullable FunctionCallOption functionCall,
			@Nullable List<Violation> v) {
		if (functionCall instanceof FunctionCallOption.Mode mode) {
			String value = mode.value();
			if (!value.equals("none") && !value.equals("auto")) {
				v = add(v, "function_call", "must be one of none, auto (was " + quote(value) + ")");
			}
		}
		else if (functionCall instanceof FunctionCallOption.Named named) {
			if (!isValidName(named.name())) {
				v = add(v, "function_call.name", nameMessage(named.name()));
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkFunctions(@Nullable List<FunctionDefinition> functions,
			@Nullable List<Violation> v) {
		if (functions == null) {
			return v;
		}
		int size = functions.size();
		if (size < 1) {
			v = add(v, "functions", "must contain at least 1 function (was 0)");
		}
		else if (size > MAX_FUNCTIONS) {
			v = add(v, "functions", "must contain at most " + MAX_FUNCTIONS + " functions (was " + size + ")");
		}
		for (int i = 0; i < size; i++) {
			FunctionDefinition function = functions.get(i);
			if (function == null) {
				v = add(v, "functions[" + i + "]", "must not be null");
			}
			else if (!isValidName(function.name())) {
				v = add(v, "functions[" + i + "].name", nameMessage(function.name()));
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkMetadata(@Nullable Map<String, String> metadata,
			@Nullable List<Violation> v) {
		if (metadata == null || metadata.isEmpty()) {
			return v;
		}
		int size = metadata.size();
		if (size > MAX_METADATA_PAIRS) {
			v = add(v, "metadata", "must contain at most " + MAX_METADATA_PAIRS + " pairs (was " + size + ")");
		}
		if (allEntriesValid(metadata, METADATA_ENTRY_CHECK)) {
			return v;
		}
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			String key = entry.getKey();
			if (key == null) {
				v = add(v, "metadata", "keys must not be null");
				continue;
			}
			if (key.length() > MAX_METADATA_KEY_LENGTH) {
				v = add(v, "metadata." + key, "key must be at most " + MAX_METADATA_KEY_LENGTH + " characters (was "
						+ key.length() + ")");
			}
			String value = entry.getValue();
			if (value == null) {
				v = add(v, "metadata." + key, "must not be null");
			}
			else if (value.length() > MAX_METADATA_VALUE_LENGTH) {
				v = add(v, "metadata." + key, "must be at most " + MAX_METADATA_VALUE_LENGTH + " characters (was "
						+ value.length() + ")");
			}
		}
		return v;
	}

	// --- helpers -------------------------------------------------------------------------------------------

	private static @Nullable List<Violation> checkRange(String path, @Nullable Double value, int min, int max,
			@Nullable List<Violation> v) {
		if (value != null) {
			double d = value;
			// written so that NaN is out of range
			if (!(d >= min && d <= max)) {
				v = add(v, path, "must be between " + min + " and " + max + " (was " + number(d) + ")");
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkRange(String path, @Nullable Integer value, int min, int max,
			@Nullable List<Violation> v) {
		if (value != null) {
			int i = value;
			if (i < min || i > max) {
				v = add(v, path, "must be between " + min + " and " + max + " (was " + i + ")");
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkAtLeastOne(String path, @Nullable Integer value,
			@Nullable List<Violation> v) {
		if (value != null && value < 1) {
			v = add(v, path, "must be at least 1 (was " + value + ")");
		}
		return v;
	}

	/**
	 * Checks every entry of a map without allocating (an entry set iterator would), so that only an invalid
	 * map is walked again to collect its violations.
	 */
	private static <K, V> boolean allEntriesValid(Map<K, V> map, BiConsumer<K, V> check) {
		try {
			map.forEach(check);
			return true;
		}
		catch (InvalidEntry ex) {
			return false;
		}
	}

	private static boolean isValidName(@Nullable String name) {
		if (name == null) {
			return false;
		}
		int length = name.length();
		if (length < 1 || length > MAX_NAME_LENGTH) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static String nameMessage(@Nullable String name) {
		if (name != null && name.length() > MAX_NAME_LENGTH) {
			return NAME_RULE + " (was " + name.length() + " characters: " + quote(name) + ")";
		}
		return NAME_RULE + " (was " + quote(name) + ")";
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static String quote(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		if (value.length() > MAX_QUOTED_LENGTH) {
			return "\"" + value.substring(0, MAX_QUOTED_LENGTH) + "…\"";
		}
		return "\"" + value + "\"";
	}

	private static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}

	private static List<Violation> add(@Nullable List<Violation> violations, String path, String message) {
		List<Violation> list = (violations != null) ? violations : new ArrayList<>();
		list.add(new Violation(path, message));
		return list;
	}

	/**
	 * Stops the allocation-free check of a map at its first invalid entry; shared, without stack trace.
	 */
	private static final class InvalidEntry extends RuntimeException {

		private static final long serialVersionUID = 1L;

		static final InvalidEntry INSTANCE = new InvalidEntry();

		private InvalidEntry() {
			super(null, null, false, false);
		}

	}

}
