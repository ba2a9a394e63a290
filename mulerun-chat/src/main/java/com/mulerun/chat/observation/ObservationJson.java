package com.mulerun.chat.observation;

import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ContentPart;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.FunctionCall;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ImagePart;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.RefusalPart;
import com.mulerun.chat.model.TextPart;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolMessage;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON values of the observation keys: arrays of strings, and the messages of a
 * request and the choices of a response in the OpenTelemetry input and output message
 * schemas ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}).
 *
 * <p>
 * Text, refusals, reasoning, tool calls and their results, and the URLs of remote images
 * are written; inline data (images, audio, files) is left out and only its type recorded.
 */
final class ObservationJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ObservationJson() {
	}

	/**
	 * Returns the strings as a JSON array.
	 */
	static String stringArray(List<String> values) {
		ArrayNode array = NODES.arrayNode();
		values.forEach(array::add);
		return JSON.writeValueAsString(array);
	}

	/**
	 * Returns the finish reasons of the choices that have one as a JSON array in choice
	 * order, {@code null} when none has.
	 */
	static @Nullable String finishReasons(List<Choice> choices) {
		ArrayNode array = NODES.arrayNode();
		for (Choice choice : choices) {
			if (choice.finishReason() != null) {
				array.add(choice.finishReason().value());
			}
		}
		return array.isEmpty() ? null : JSON.writeValueAsString(array);
	}

	/**
	 * Returns the messages as OpenTelemetry input messages
	 * ({@code [{"role":"user","parts":[{"type":"text","content":"..."}]}]}).
	 */
	static String inputMessages(List<ChatMessage> messages) {
		ArrayNode array = NODES.arrayNode();
		for (ChatMessage message : messages) {
			ObjectNode node = array.addObject();
			node.put("role", message.role().value());
			ArrayNode parts = node.putArray("parts");
			if (message instanceof ToolMessage toolMessage) {
				ObjectNode part = parts.addObject();
				part.put("type", "tool_call_response");
				part.put("id", toolMessage.toolCallId());
				part.put("response", toolMessage.content().text());
			}
			else {
				addContentParts(parts, message.content());
				if (message instanceof AssistantMessage assistant) {
					addAssistantParts(parts, assistant);
				}
			}
		}
		return JSON.writeValueAsString(array);
	}

	/**
	 * Returns the choices as OpenTelemetry output messages
	 * ({@code [{"role":"assistant","parts":[...],"finish_reason":"stop"}]}).
	 */
	static String outputMessages(List<Choice> choices) {
		ArrayNode array = NODES.arrayNode();
		for (Choice choice : choices) {
			ObjectNode node = array.addObject();
			AssistantMessage message = choice.message();
			node.put("role", (message != null) ? message.role().value() : "assistant");
			ArrayNode parts = node.putArray("parts");
			if (message != null) {
				addContentParts(parts, message.content());
				addAssistantParts(parts, message);
			}
			if (choice.finishReason() != null) {
				node.put("finish_reason", choice.finishReason().value());
			}
		}
		return JSON.writeValueAsString(array);
	}

	private static void addContentParts(ArrayNode parts, @Nullable MessageContent content) {
		if (content instanceof MessageContent.Text text) {
			addText(parts, "text", text.text());
		}
		else if (content instanceof MessageContent.Parts contentParts) {
			for (ContentPart part : contentParts.parts()) {
				if (part instanceof TextPart textPart) {
					addText(parts, "text", textPart.text());
				}
				else if (part instanceof RefusalPart refusalPart) {
					addText(parts, "refusal", refusalPart.refusal());
				}
				else if (part instanceof ImagePart imagePart && isRemote(imagePart.imageUrl().url())) {
					ObjectNode node = parts.addObject();
					node.put("type", "uri");
					node.put("modality", "image");
					node.put("uri", imagePart.imageUrl().url());
				}
				else {
					// inline data (images, audio, files) is left out: only its type is
					// recorded
					parts.addObject().put("type", part.type());
				}
			}
		}
	}

	private static void addAssistantParts(ArrayNode parts, AssistantMessage message) {
		String reasoning = (message.reasoningContent() != null) ? message.reasoningContent() : message.reasoning();
		if (reasoning != null && !reasoning.isEmpty()) {
			addText(parts, "reasoning", reasoning);
		}
		if (message.refusal() != null && !message.refusal().isEmpty()) {
			addText(parts, "refusal", message.refusal());
		}
		for (ToolCall toolCall : message.toolCallsOrEmpty()) {
			ObjectNode node = parts.addObject();
			node.put("type", "tool_call");
			if (toolCall.id() != null) {
				node.put("id", toolCall.id());
			}
			if (toolCall instanceof FunctionToolCall functionCall) {
				addCall(node, functionCall.function());
			}
			else if (toolCall instanceof CustomToolCall customCall) {
				if (customCall.custom().name() != null) {
					node.put("name", customCall.custom().name());
				}
				if (customCall.custom().input() != null) {
					node.put("arguments", customCall.custom().input());
				}
			}
		}
		if (message.functionCall() != null) {
			addCall(parts.addObject().put("type", "tool_call"), message.functionCall());
		}
	}

	private static void addCall(ObjectNode node, FunctionCall call) {
		if (call.name() != null) {
			node.put("name", call.name());
		}
		if (call.arguments() != null) {
			node.set("arguments", parseOrText(call.arguments()));
		}
	}

	private static JsonNode parseOrText(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return NODES.stringNode(json);
		}
	}

	private static void addText(ArrayNode parts, String type, String content) {
		ObjectNode node = parts.addObject();
		node.put("type", type);
		node.put("content", content);
	}

	private static boolean isRemote(String url) {
		return url.startsWith("https://") || url.startsWith("http://");
	}

}
