package com.mulerun.test;

import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the bodies of the chat completions wire format, as OpenAI sends them, with
 * Jackson's tree model (so the mock's output does not depend on how the client's model
 * classes write themselves).
 */
final class WireFormat {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

	private static final String FINGERPRINT = "fp_mock";

	private WireFormat() {
	}

	/**
	 * Identifies one answer: its id, creation time and model.
	 *
	 * @param id the completion id
	 * @param created the creation time, Unix seconds
	 * @param model the model named in the answer
	 */
	record Answer(String id, long created, String model) {

	}

	/**
	 * Token usage of one answer.
	 *
	 * @param prompt the prompt tokens
	 * @param completion the completion tokens
	 */
	record Tokens(int prompt, int completion) {

	}

	static String completion(Answer answer, MockResponse response, Tokens tokens) {
		ObjectNode root = header(answer, "chat.completion");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", response.content());
		message.putNull("refusal");
		message.putArray("annotations");
		if (!response.toolCalls().isEmpty()) {
			ArrayNode calls = message.putArray("tool_calls");
			for (MockToolCall call : response.toolCalls()) {
				ObjectNode node = calls.addObject();
				node.put("id", call.id());
				node.put("type", "function");
				ObjectNode function = node.putObject("function");
				function.put("name", call.name());
				function.put("arguments", call.arguments());
			}
		}
		choice.putNull("logprobs");
		choice.put("finish_reason", response.finishReason());
		root.set("usage", usage(tokens));
		return write(root);
	}

	/**
	 * Returns the server-sent events of a streamed answer, each with its trailing blank
	 * line, without {@code [DONE]}.
	 */
	static List<String> streamEvents(Answer answer, MockResponse response, Tokens tokens, boolean includeUsage) {
		List<String> events = new ArrayList<>();
		ObjectNode role = NODES.objectNode();
		role.put("role", "assistant");
		if (response.toolCalls().isEmpty()) {
			role.put("content", "");
		}
		else {
			role.putNull("content");
		}
		role.putNull("refusal");
		events.add(event(chunk(answer, role, null)));
		for (String text : response.contentChunks()) {
			ObjectNode delta = NODES.objectNode();
			delta.put("content", text);
			events.add(event(chunk(answer, delta, null)));
		}
		List<MockToolCall> calls = response.toolCalls();
		for (int index = 0; index < calls.size(); index++) {
			MockToolCall call = calls.get(index);
			ObjectNode first = toolCallDelta(index);
			first.put("id", call.id());
			first.put("type", "function");
			ObjectNode function = first.putObject("function");
			function.put("name", call.name());
			function.put("arguments", "");
			events.add(event(chunk(answer, toolCallsDelta(first), null)));
			for (String fragment : MockResponse.splitByCodePoints(call.arguments(), response.argumentFragmentSize())) {
				ObjectNode next = toolCallDelta(index);
				next.putObject("function").put("arguments", fragment);
				events.add(event(chunk(answer, toolCallsDelta(next), null)));
			}
		}
		events.add(event(chunk(answer, NODES.objectNode(), response.finishReason())));
		if (includeUsage) {
			ObjectNode usageChunk = header(answer, "chat.completion.chunk");
			usageChunk.putArray("choices");
			usageChunk.set("usage", usage(tokens));
			events.add(event(usageChunk));
		}
		return events;
	}

	static String done() {
		return "data: [DONE]\n\n";
	}

	static String errorEvent(String errorBody) {
		return "data: " + errorBody + "\n\n";
	}

	static String openAiError(String type, @Nullable String code, String message) {
		ObjectNode root = NODES.objectNode();
		ObjectNode error = root.putObject("error");
		error.put("message", message);
		error.put("type", type);
		error.putNull("param");
		error.put("code", code);
		return write(root);
	}

	private static ObjectNode toolCallDelta(int index) {
		ObjectNode node = NODES.objectNode();
		node.put("index", index);
		return node;
	}

	private static ObjectNode toolCallsDelta(ObjectNode call) {
		ObjectNode delta = NODES.objectNode();
		delta.putArray("tool_calls").add(call);
		return delta;
	}

	private static ObjectNode chunk(Answer answer, ObjectNode delta, @Nullable String finishReason) {
		ObjectNode root = header(answer, "chat.completion.chunk");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		choice.put("finish_reason", finishReason);
		return root;
	}

	private static ObjectNode header(Answer answer, String object) {
		ObjectNode root = NODES.objectNode();
		root.put("id", answer.id());
		root.put("object", object);
		root.put("created", answer.created());
		root.put("model", answer.model());
		root.put("service_tier", "default");
		root.put("system_fingerprint", FINGERPRINT);
		return root;
	}

	private static ObjectNode usage(Tokens tokens) {
		ObjectNode usage = NODES.objectNode();
		usage.put("prompt_tokens", tokens.prompt());
		usage.put("completion_tokens", tokens.completion());
		usage.put("total_tokens", tokens.prompt() + tokens.completion());
		ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
		promptDetails.put("cached_tokens", 0);
		promptDetails.put("audio_tokens", 0);
		ObjectNode completionDetails = usage.putObject("completion_tokens_details");
		completionDetails.put("reasoning_tokens", 0);
		completionDetails.put("audio_tokens", 0);
		completionDetails.put("accepted_prediction_tokens", 0);
		completionDetails.put("rejected_prediction_tokens", 0);
		return usage;
	}

	private static String event(ObjectNode data) {
		return "data: " + write(data) + "\n\n";
	}

	private static String write(ObjectNode node) {
		return MAPPER.writeValueAsString(node);
	}

	/**
	 * Counts tokens the simple way: one per word (a run of letters and digits) and one
	 * per punctuation mark.
	 * @param text the text
	 * @return the count
	 */
	static int countTokens(@Nullable String text) {
		if (text == null) {
			return 0;
		}
		Matcher matcher = TOKEN.matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	static Tokens tokens(ChatCompletionRequest request, MockResponse response) {
		int prompt = 0;
		for (ChatMessage message : request.messagesOrEmpty()) {
			MessageContent content = message.content();
			prompt += (content != null) ? countTokens(content.text()) : 0;
		}
		int completion = countTokens(response.content());
		for (MockToolCall call : response.toolCalls()) {
			completion += countTokens(call.name()) + countTokens(call.arguments());
		}
		return new Tokens((response.promptTokens() != null) ? response.promptTokens() : prompt,
				(response.completionTokens() != null) ? response.completionTokens() : completion);
	}

	/**
	 * Returns the text of the last message whose role is {@code user}.
	 * @param request the request
	 * @return the text, or {@code null} when the request has no user message
	 */
	static @Nullable String lastUserMessage(ChatCompletionRequest request) {
		List<ChatMessage> messages = request.messagesOrEmpty();
		for (int i = messages.size() - 1; i >= 0; i--) {
			ChatMessage message = messages.get(i);
			if (Role.USER.equals(message.role())) {
				MessageContent content = message.content();
				return (content != null) ? content.text() : "";
			}
		}
		return null;
	}

	static String abbreviate(String text, int max) {
		String oneLine = text.replace("\n", "\\n");
		return (oneLine.length() <= max) ? oneLine : oneLine.substring(0, max - 3) + "...";
	}

}
