package com.mulerun.chat.validation;

import com.mulerun.chat.error.MuleRunValidationException.Violation;
import com.mulerun.chat.model.AssistantAudio;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.AudioPart;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ContentPart;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.DeveloperMessage;
import com.mulerun.chat.model.FilePart;
import com.mulerun.chat.model.FunctionCall;
import com.mulerun.chat.model.FunctionMessage;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ImagePart;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.Prediction;
import com.mulerun.chat.model.RefusalPart;
import com.mulerun.chat.model.SystemMessage;
import com.mulerun.chat.model.TextPart;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolMessage;
import com.mulerun.chat.model.UserMessage;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rules for {@code messages} and {@code prediction}: the required members of each
 * message, the content part types each role accepts, the members of each content part and
 * of the tool calls of an assistant message.
 *
 * <p>
 * A message role, content part or tool call of a type this client does not know is never
 * a violation.
 */
final class MessageRules {

	// the kinds of content part, as bits of the set a role accepts
	private static final int TEXT = 1;

	private static final int IMAGE = 2;

	private static final int AUDIO = 4;

	private static final int FILE = 8;

	private static final int REFUSAL = 16;

	// the message index that stands for the prediction's content
	private static final int PREDICTION = -1;

	private MessageRules() {
	}

	static @Nullable List<Violation> checkMessages(@Nullable List<ChatMessage> messages, @Nullable List<Violation> v) {
		if (messages == null) {
			return Rules.add(v, "messages", "must not be null");
		}
		if (messages.isEmpty()) {
			return Rules.add(v, "messages", "must contain at least 1 message (was 0)");
		}
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			if (message == null) {
				v = Rules.add(v, "messages[" + i + "]", "must not be null");
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
			if (Rules.isBlank(tool.toolCallId())) {
				v = Rules.add(v, "messages[" + i + "].tool_call_id", "must not be blank");
			}
			return v;
		}
		if (message instanceof AssistantMessage assistant) {
			return checkAssistantMessage(assistant, i, v);
		}
		if (message instanceof FunctionMessage function) {
			if (function.content() instanceof MessageContent.Parts parts) {
				v = Rules.add(v, "messages[" + i + "].content",
						"must be a string in a function message (was " + parts.parts().size() + " parts)");
			}
			if (Rules.isBlank(function.name())) {
				v = Rules.add(v, "messages[" + i + "].name", "must not be blank");
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
				v = Rules.add(v, "messages[" + i + "].content",
						"must be set unless tool_calls, function_call, refusal or audio is (was null)");
			}
		}
		else {
			v = checkContent(content, i, TEXT | REFUSAL, "a text or refusal part in an assistant message", v);
			v = checkRefusalParts(content, i, v);
		}
		AssistantAudio audio = message.audio();
		if (audio != null && Rules.isBlank(audio.id())) {
			v = Rules.add(v, "messages[" + i + "].audio.id", "must not be blank");
		}
		if (toolCalls != null) {
			for (int j = 0; j < toolCalls.size(); j++) {
				v = checkToolCall(toolCalls.get(j), i, j, v);
			}
		}
		FunctionCall functionCall = message.functionCall();
		if (functionCall != null) {
			if (Rules.isBlank(functionCall.name())) {
				v = Rules.add(v, "messages[" + i + "].function_call.name", "must not be blank");
			}
			if (functionCall.arguments() == null) {
				v = Rules.add(v, "messages[" + i + "].function_call.arguments", "must not be null");
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
			v = Rules.add(v, "messages[" + i + "].content", "must be text parts or exactly one refusal part (was "
					+ texts + " text and " + refusals + " refusal parts)");
		}
		return v;
	}

	private static @Nullable List<Violation> checkToolCall(@Nullable ToolCall toolCall, int i, int j,
			@Nullable List<Violation> v) {
		if (toolCall == null) {
			return Rules.add(v, toolCallPath(i, j), "must not be null");
		}
		if (toolCall instanceof FunctionToolCall call) {
			if (Rules.isBlank(call.id())) {
				v = Rules.add(v, toolCallPath(i, j) + ".id", "must not be blank");
			}
			if (Rules.isBlank(call.function().name())) {
				v = Rules.add(v, toolCallPath(i, j) + ".function.name", "must not be blank");
			}
			if (call.function().arguments() == null) {
				v = Rules.add(v, toolCallPath(i, j) + ".function.arguments", "must not be null");
			}
		}
		else if (toolCall instanceof CustomToolCall call) {
			if (Rules.isBlank(call.id())) {
				v = Rules.add(v, toolCallPath(i, j) + ".id", "must not be blank");
			}
			if (Rules.isBlank(call.custom().name())) {
				v = Rules.add(v, toolCallPath(i, j) + ".custom.name", "must not be blank");
			}
			if (call.custom().input() == null) {
				v = Rules.add(v, toolCallPath(i, j) + ".custom.input", "must not be null");
			}
		}
		// OtherToolCall: a type this client does not know is never a violation
		return v;
	}

	private static String toolCallPath(int i, int j) {
		return "messages[" + i + "].tool_calls[" + j + "]";
	}

	// --- prediction and content
	// ----------------------------------------------------------------------------

	static @Nullable List<Violation> checkPrediction(@Nullable Prediction prediction, @Nullable List<Violation> v) {
		if (prediction == null) {
			return v;
		}
		if (!prediction.type().equals("content")) {
			v = Rules.add(v, "prediction.type", "must be content (was " + Rules.quote(prediction.type()) + ")");
		}
		return checkContent(prediction.content(), PREDICTION, TEXT, "a text part in a prediction", v);
	}

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
			return Rules.add(v, contentPath(messageIndex), "must contain at least 1 part (was 0)");
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
			return Rules.add(v, partPath(messageIndex, p),
					"must be " + allowedDescription + " (was " + part.type() + ")");
		}
		if (part instanceof ImagePart image) {
			ImagePart.ImageUrl imageUrl = image.imageUrl();
			if (Rules.isBlank(imageUrl.url())) {
				v = Rules.add(v, partPath(messageIndex, p) + ".image_url.url", "must not be blank");
			}
			String detail = imageUrl.detail();
			if (detail != null && !detail.equals("auto") && !detail.equals("low") && !detail.equals("high")) {
				v = Rules.add(v, partPath(messageIndex, p) + ".image_url.detail",
						"must be one of auto, low, high (was " + Rules.quote(detail) + ")");
			}
		}
		else if (part instanceof AudioPart audio) {
			AudioPart.InputAudio inputAudio = audio.inputAudio();
			if (Rules.isBlank(inputAudio.data())) {
				v = Rules.add(v, partPath(messageIndex, p) + ".input_audio.data", "must not be blank");
			}
			String format = inputAudio.format();
			if (!format.equals("wav") && !format.equals("mp3")) {
				v = Rules.add(v, partPath(messageIndex, p) + ".input_audio.format",
						"must be one of wav, mp3 (was " + Rules.quote(format) + ")");
			}
		}
		else if (part instanceof FilePart file) {
			if (Rules.isBlank(file.file().fileData()) && Rules.isBlank(file.file().fileId())) {
				v = Rules.add(v, partPath(messageIndex, p) + ".file", "must have file_data or file_id (had neither)");
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

}
