package com.mulerun.chat.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
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
 * Checks, property by property, that every property of every object schema of the
 * specification is modelled: a JSON document holding the property parses, the property is
 * written back at the same place with the same value, the typed accessor named by the
 * property returns a value, and the property is not in {@code extra()}. A property the
 * model only tolerated as an unknown property would pass the first two checks and fail
 * the last two.
 *
 * <p>
 * The table below names each schema as in the specification (nested inline objects as
 * {@code Parent.property}, {@code []} for array items), where it sits in a request,
 * response or stream chunk, the smallest valid object for it, and a sample value for each
 * of its properties. {@code spec/schema-properties.json} holds the specification's own
 * list of schemas and properties, and the table is checked against it.
 */
class ModelCoverageTests {

	private static final JsonMapper mapper = ChatJson.mapper();

	private static final Map<String, Schema> schemas = new LinkedHashMap<>();

	private static final String TOOL_CALL = """
			{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}""";

	private static final String CUSTOM_TOOL_CALL = """
			{"id": "call_2", "type": "custom", "custom": {"name": "run_sql", "input": "SELECT 1"}}""";

	private static final String TOKEN_LOGPROB = """
			{"token": "Hi", "logprob": -0.5, "bytes": [72, 105], "top_logprobs": []}""";

	private static final String USAGE = """
			{"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}""";

	static {
		// roots
		root("CreateChatCompletionRequest", ChatCompletionRequest.class, """
				{"model": "gpt-5", "messages": [{"role": "user", "content": "Hi"}]}""")
			.property("messages", "[{\"role\": \"user\", \"content\": \"Hello\"}]")
			.property("model", "\"gpt-5-mini\"")
			.property("modalities", "[\"text\", \"audio\"]")
			.property("verbosity", "\"high\"")
			.property("reasoning_effort", "\"low\"")
			.property("max_completion_tokens", "2048")
			.property("frequency_penalty", "0.5")
			.property("presence_penalty", "-0.5")
			.property("web_search_options", "{\"search_context_size\": \"low\"}")
			.property("top_logprobs", "3")
			.property("response_format", "{\"type\": \"json_object\"}")
			.property("audio", "{\"voice\": \"alloy\", \"format\": \"wav\"}")
			.property("store", "true")
			.property("stream", "true")
			.property("stop", "[\"END\"]")
			.property("logit_bias", "{\"50256\": -100}")
			.property("logprobs", "true")
			.property("max_tokens", "256")
			.property("n", "2")
			.property("prediction", "{\"type\": \"content\", \"content\": \"draft\"}")
			.property("seed", "42")
			.property("stream_options", "{\"include_usage\": true}")
			.property("tools", "[{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}]")
			.property("tool_choice", "\"required\"")
			.property("parallel_tool_calls", "false")
			.property("function_call", "\"auto\"")
			.property("functions", "[{\"name\": \"get_weather\"}]")
			.property("metadata", "{\"ticket\": \"T-1\"}")
			.property("temperature", "0.2")
			.property("top_p", "0.95")
			.property("user", "\"user-1234\"")
			.property("service_tier", "\"flex\"");
		root("CreateChatCompletionResponse", ChatCompletion.class,
				"""
						{"id": "chatcmpl-1", "object": "chat.completion", "created": 1715392980, "model": "gpt-5",
						"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Hi"}}]}""")
			.property("id", "\"chatcmpl-2\"")
			.property("choices", """
					[{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": "Hel"}}]""")
			.property("created", "1715392981")
			.property("model", "\"gpt-5-2025-08-07\"")
			.property("service_tier", "\"default\"")
			.property("system_fingerprint", "\"fp_1\"")
			.property("object", "\"chat.completion\"")
			.property("usage", USAGE);
		root("CreateChatCompletionStreamResponse", ChatCompletionChunk.class, """
				{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1715392980, "model": "gpt-5",
				"choices": [{"index": 0, "delta": {"content": "Hi"}}]}""").property("id", "\"chatcmpl-2\"")
			.property("choices", "[{\"index\": 0, \"delta\": {\"role\": \"assistant\"}, \"finish_reason\": \"stop\"}]")
			.property("created", "1715392981")
			.property("model", "\"gpt-5-2025-08-07\"")
			.property("service_tier", "\"priority\"")
			.property("system_fingerprint", "\"fp_1\"")
			.property("object", "\"chat.completion.chunk\"")
			.property("usage", USAGE);

		// request options
		schema("CreateChatCompletionRequest.web_search_options", "{}")
			.in("CreateChatCompletionRequest", "web_search_options")
			.property("user_location", "{\"type\": \"approximate\", \"approximate\": {\"city\": \"London\"}}")
			.property("search_context_size", "\"high\"");
		schema("CreateChatCompletionRequest.web_search_options.user_location",
				"{\"type\": \"approximate\", \"approximate\": {}}")
			.in("CreateChatCompletionRequest.web_search_options", "user_location")
			.property("type", "\"approximate\"")
			.property("approximate", "{\"country\": \"GB\"}");
		schema("WebSearchLocation", "{}")
			.in("CreateChatCompletionRequest.web_search_options.user_location", "approximate")
			.property("country", "\"GB\"")
			.property("region", "\"England\"")
			.property("city", "\"London\"")
			.property("timezone", "\"Europe/London\"");
		schema("CreateChatCompletionRequest.audio", "{\"voice\": \"alloy\", \"format\": \"mp3\"}")
			.in("CreateChatCompletionRequest", "audio")
			.property("voice", "\"coral\"")
			.property("format", "\"wav\"");
		schema("ResponseFormatText", "{\"type\": \"text\"}").in("CreateChatCompletionRequest", "response_format")
			.property("type", "\"text\"");
		schema("ResponseFormatJsonObject", "{\"type\": \"json_object\"}")
			.in("CreateChatCompletionRequest", "response_format")
			.property("type", "\"json_object\"");
		schema("ResponseFormatJsonSchema", "{\"type\": \"json_schema\", \"json_schema\": {\"name\": \"weather\"}}")
			.in("CreateChatCompletionRequest", "response_format")
			.property("type", "\"json_schema\"")
			.property("json_schema", "{\"name\": \"answer\", \"strict\": true}");
		schema("ResponseFormatJsonSchema.json_schema", "{\"name\": \"weather\"}")
			.in("ResponseFormatJsonSchema", "json_schema")
			.property("description", "\"A weather report\"")
			.property("name", "\"answer\"")
			.property("schema", "{\"type\": \"object\", \"properties\": {\"temp\": {\"type\": \"number\"}}}")
			.property("strict", "true");
		schema("PredictionContent", "{\"type\": \"content\", \"content\": \"draft\"}")
			.in("CreateChatCompletionRequest", "prediction")
			.property("type", "\"content\"")
			.property("content", "[{\"type\": \"text\", \"text\": \"draft\"}]");
		schema("ChatCompletionStreamOptions", "{}").in("CreateChatCompletionRequest", "stream_options")
			.property("include_usage", "true")
			.property("include_obfuscation", "false");

		// tools
		schema("ChatCompletionTool", "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}")
			.in("CreateChatCompletionRequest", "tools/0")
			.property("type", "\"function\"")
			.property("function", "{\"name\": \"lookup\", \"strict\": true}");
		schema("FunctionObject", "{\"name\": \"get_weather\"}").in("ChatCompletionTool", "function")
			.property("description", "\"Gets the weather\"")
			.property("name", "\"lookup\"")
			.property("parameters", "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}")
			.property("strict", "true");
		schema("CustomToolChatCompletions", "{\"type\": \"custom\", \"custom\": {\"name\": \"run_sql\"}}")
			.in("CreateChatCompletionRequest", "tools/0")
			.property("type", "\"custom\"")
			.property("custom", "{\"name\": \"notes\", \"description\": \"Free-form notes\"}");
		schema("CustomToolChatCompletions.custom", "{\"name\": \"run_sql\"}").in("CustomToolChatCompletions", "custom")
			.property("name", "\"notes\"")
			.property("description", "\"Runs a query\"")
			.property("format", "{\"type\": \"text\"}");
		schema("CustomToolChatCompletions.custom.format#text", "{\"type\": \"text\"}")
			.in("CustomToolChatCompletions.custom", "format")
			.property("type", "\"text\"");
		schema("CustomToolChatCompletions.custom.format#grammar",
				"{\"type\": \"grammar\", \"grammar\": {\"definition\": \"start: WORD\", \"syntax\": \"lark\"}}")
			.in("CustomToolChatCompletions.custom", "format")
			.property("type", "\"grammar\"")
			.property("grammar", "{\"definition\": \"[0-9]+\", \"syntax\": \"regex\"}");
		schema("CustomToolChatCompletions.custom.format#grammar.grammar",
				"{\"definition\": \"start: WORD\", \"syntax\": \"lark\"}")
			.in("CustomToolChatCompletions.custom.format#grammar", "grammar")
			.property("definition", "\"[0-9]+\"")
			.property("syntax", "\"regex\"");

		// tool choices and function call options
		schema("ChatCompletionAllowedToolsChoice",
				"{\"type\": \"allowed_tools\", \"allowed_tools\": {\"mode\": \"auto\", \"tools\": []}}")
			.in("CreateChatCompletionRequest", "tool_choice")
			.property("type", "\"allowed_tools\"")
			.property("allowed_tools", """
					{"mode": "required", "tools": [{"type": "function", "function": {"name": "get_weather"}}]}""");
		schema("ChatCompletionAllowedTools", "{\"mode\": \"auto\", \"tools\": []}")
			.in("ChatCompletionAllowedToolsChoice", "allowed_tools")
			.property("mode", "\"required\"")
			.property("tools", "[{\"type\": \"custom\", \"custom\": {\"name\": \"run_sql\"}}]");
		schema("ChatCompletionNamedToolChoice", "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}")
			.in("CreateChatCompletionRequest", "tool_choice")
			.property("type", "\"function\"")
			.property("function", "{\"name\": \"lookup\"}");
		schema("ChatCompletionNamedToolChoice.function", "{\"name\": \"get_weather\"}")
			.in("ChatCompletionNamedToolChoice", "function")
			.property("name", "\"lookup\"");
		schema("ChatCompletionNamedToolChoiceCustom", "{\"type\": \"custom\", \"custom\": {\"name\": \"run_sql\"}}")
			.in("CreateChatCompletionRequest", "tool_choice")
			.property("type", "\"custom\"")
			.property("custom", "{\"name\": \"notes\"}");
		schema("ChatCompletionNamedToolChoiceCustom.custom", "{\"name\": \"run_sql\"}")
			.in("ChatCompletionNamedToolChoiceCustom", "custom")
			.property("name", "\"notes\"");
		schema("ChatCompletionFunctionCallOption", "{\"name\": \"get_weather\"}")
			.in("CreateChatCompletionRequest", "function_call")
			.property("name", "\"lookup\"");
		schema("ChatCompletionFunctions", "{\"name\": \"get_weather\"}")
			.in("CreateChatCompletionRequest", "functions/0")
			.property("description", "\"Gets the weather\"")
			.property("name", "\"lookup\"")
			.property("parameters", "{\"type\": \"object\", \"properties\": {}}");

		// request messages
		schema("ChatCompletionRequestDeveloperMessage", "{\"role\": \"developer\", \"content\": \"Be brief.\"}")
			.in("CreateChatCompletionRequest", "messages/0")
			.property("content", "[{\"type\": \"text\", \"text\": \"Be terse.\"}]")
			.property("role", "\"developer\"")
			.property("name", "\"policy\"");
		schema("ChatCompletionRequestSystemMessage", "{\"role\": \"system\", \"content\": \"Be brief.\"}")
			.in("CreateChatCompletionRequest", "messages/0")
			.property("content", "[{\"type\": \"text\", \"text\": \"Be terse.\"}]")
			.property("role", "\"system\"")
			.property("name", "\"setup\"");
		schema("ChatCompletionRequestUserMessage", "{\"role\": \"user\", \"content\": \"Hi\"}")
			.in("CreateChatCompletionRequest", "messages/0")
			.property("content", "[{\"type\": \"text\", \"text\": \"Hello\"}]")
			.property("role", "\"user\"")
			.property("name", "\"ana\"");
		schema("ChatCompletionRequestAssistantMessage", "{\"role\": \"assistant\", \"content\": \"Hello\"}")
			.in("CreateChatCompletionRequest", "messages/0")
			.property("content", """
					[{"type": "text", "text": "Hello"}, {"type": "refusal", "refusal": "No."}]""")
			.property("refusal", "\"No.\"")
			.property("role", "\"assistant\"")
			.property("name", "\"bot\"")
			.property("audio", "{\"id\": \"audio_1\"}")
			.property("tool_calls", "[" + TOOL_CALL + ", " + CUSTOM_TOOL_CALL + "]")
			.property("function_call", "{\"name\": \"get_weather\", \"arguments\": \"{}\"}");
		schema("ChatCompletionRequestAssistantMessage.audio", "{\"id\": \"audio_1\"}")
			.in("ChatCompletionRequestAssistantMessage", "audio")
			.property("id", "\"audio_2\"");
		schema("ChatCompletionRequestAssistantMessage.function_call", "{\"name\": \"f\", \"arguments\": \"{}\"}")
			.in("ChatCompletionRequestAssistantMessage", "function_call")
			.property("arguments", "\"{\\\"city\\\":\\\"London\\\"}\"")
			.property("name", "\"get_weather\"");
		schema("ChatCompletionRequestToolMessage",
				"{\"role\": \"tool\", \"tool_call_id\": \"call_1\", \"content\": \"21C\"}")
			.in("CreateChatCompletionRequest", "messages/0")
			.property("role", "\"tool\"")
			.property("content", "[{\"type\": \"text\", \"text\": \"22C\"}]")
			.property("tool_call_id", "\"call_2\"");
		schema("ChatCompletionRequestFunctionMessage",
				"{\"role\": \"function\", \"name\": \"get_weather\", \"content\": \"21C\"}")
			.in("CreateChatCompletionRequest", "messages/0")
			.property("role", "\"function\"")
			.property("content", "\"22C\"")
			.property("name", "\"lookup\"");

		// content parts
		schema("ChatCompletionRequestMessageContentPartText", "{\"type\": \"text\", \"text\": \"Hi\"}")
			.in("ChatCompletionRequestUserMessage", "content/0")
			.property("type", "\"text\"")
			.property("text", "\"Hello\"");
		schema("ChatCompletionRequestMessageContentPartImage",
				"{\"type\": \"image_url\", \"image_url\": {\"url\": \"https://example.com/a.png\"}}")
			.in("ChatCompletionRequestUserMessage", "content/0")
			.property("type", "\"image_url\"")
			.property("image_url", "{\"url\": \"https://example.com/b.png\", \"detail\": \"low\"}");
		schema("ChatCompletionRequestMessageContentPartImage.image_url", "{\"url\": \"https://example.com/a.png\"}")
			.in("ChatCompletionRequestMessageContentPartImage", "image_url")
			.property("url", "\"data:image/png;base64,iVBORw0KGgo=\"")
			.property("detail", "\"high\"");
		schema("ChatCompletionRequestMessageContentPartAudio",
				"{\"type\": \"input_audio\", \"input_audio\": {\"data\": \"UklGRg==\", \"format\": \"wav\"}}")
			.in("ChatCompletionRequestUserMessage", "content/0")
			.property("type", "\"input_audio\"")
			.property("input_audio", "{\"data\": \"SUQz\", \"format\": \"mp3\"}");
		schema("ChatCompletionRequestMessageContentPartAudio.input_audio",
				"{\"data\": \"UklGRg==\", \"format\": \"wav\"}")
			.in("ChatCompletionRequestMessageContentPartAudio", "input_audio")
			.property("data", "\"SUQz\"")
			.property("format", "\"mp3\"");
		schema("ChatCompletionRequestMessageContentPartFile",
				"{\"type\": \"file\", \"file\": {\"file_id\": \"file-1\"}}")
			.in("ChatCompletionRequestUserMessage", "content/0")
			.property("type", "\"file\"")
			.property("file", "{\"filename\": \"a.pdf\", \"file_data\": \"data:application/pdf;base64,JVBERi0=\"}");
		schema("ChatCompletionRequestMessageContentPartFile.file", "{}")
			.in("ChatCompletionRequestMessageContentPartFile", "file")
			.property("filename", "\"forecast.pdf\"")
			.property("file_data", "\"data:application/pdf;base64,JVBERi0=\"")
			.property("file_id", "\"file-abc123\"");
		schema("ChatCompletionRequestMessageContentPartRefusal", "{\"type\": \"refusal\", \"refusal\": \"No.\"}")
			.in("ChatCompletionRequestAssistantMessage", "content/0")
			.property("type", "\"refusal\"")
			.property("refusal", "\"I can't help with that.\"");

		// tool calls, in a request's assistant message and in a response message
		schema("ChatCompletionMessageToolCall", TOOL_CALL).in("ChatCompletionRequestAssistantMessage", "tool_calls/0")
			.in("ChatCompletionResponseMessage", "tool_calls/0")
			.property("id", "\"call_9\"")
			.property("type", "\"function\"")
			.property("function", "{\"name\": \"lookup\", \"arguments\": \"{\\\"q\\\":1}\"}");
		schema("ChatCompletionMessageToolCall.function", "{\"name\": \"get_weather\", \"arguments\": \"{}\"}")
			.in("ChatCompletionMessageToolCall", "function")
			.property("name", "\"lookup\"")
			.property("arguments", "\"{\\\"q\\\":1}\"");
		schema("ChatCompletionMessageCustomToolCall", CUSTOM_TOOL_CALL)
			.in("ChatCompletionRequestAssistantMessage", "tool_calls/0")
			.in("ChatCompletionResponseMessage", "tool_calls/0")
			.property("id", "\"call_9\"")
			.property("type", "\"custom\"")
			.property("custom", "{\"name\": \"notes\", \"input\": \"remember this\"}");
		schema("ChatCompletionMessageCustomToolCall.custom", "{\"name\": \"run_sql\", \"input\": \"SELECT 1\"}")
			.in("ChatCompletionMessageCustomToolCall", "custom")
			.property("name", "\"notes\"")
			.property("input", "\"remember this\"");

		// response
		schema("CreateChatCompletionResponse.choices[]",
				"{\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", \"content\": \"Hi\"}}")
			.in("CreateChatCompletionResponse", "choices/0")
			.property("finish_reason", "\"length\"")
			.property("index", "1")
			.property("message", "{\"role\": \"assistant\", \"content\": \"Hello\"}")
			.property("logprobs", "{\"content\": []}");
		schema("CreateChatCompletionResponse.choices[].logprobs", "{}")
			.in("CreateChatCompletionResponse.choices[]", "logprobs")
			.property("content", "[" + TOKEN_LOGPROB + "]")
			.property("refusal", "[" + TOKEN_LOGPROB + "]");
		schema("ChatCompletionResponseMessage", "{\"role\": \"assistant\", \"content\": \"Hi\"}")
			.in("CreateChatCompletionResponse.choices[]", "message")
			.property("content", "\"Hello\"")
			.property("refusal", "\"No.\"")
			.property("tool_calls", "[" + TOOL_CALL + ", " + CUSTOM_TOOL_CALL + "]")
			.property("annotations", """
					[{"type": "url_citation", "url_citation": {"end_index": 5, "start_index": 0,
					"url": "https://example.com", "title": "Example"}}]""")
			.property("role", "\"assistant\"")
			.property("function_call", "{\"name\": \"get_weather\", \"arguments\": \"{}\"}")
			.property("audio", """
					{"id": "audio_1", "expires_at": 1715396580, "data": "UklGRg==", "transcript": "Hi"}""");
		schema("ChatCompletionResponseMessage.annotations[]", """
				{"type": "url_citation", "url_citation": {"end_index": 5, "start_index": 0,
				"url": "https://example.com", "title": "Example"}}""")
			.in("ChatCompletionResponseMessage", "annotations/0")
			.property("type", "\"url_citation\"")
			.property("url_citation", """
					{"end_index": 9, "start_index": 1, "url": "https://example.org", "title": "Other"}""");
		schema("ChatCompletionResponseMessage.annotations[].url_citation",
				"{\"end_index\": 5, \"start_index\": 0, \"url\": \"https://example.com\", \"title\": \"Example\"}")
			.in("ChatCompletionResponseMessage.annotations[]", "url_citation")
			.property("end_index", "9")
			.property("start_index", "1")
			.property("url", "\"https://example.org\"")
			.property("title", "\"Other\"");
		schema("ChatCompletionResponseMessage.function_call", "{\"name\": \"f\", \"arguments\": \"{}\"}")
			.in("ChatCompletionResponseMessage", "function_call")
			.property("arguments", "\"{\\\"city\\\":\\\"London\\\"}\"")
			.property("name", "\"get_weather\"");
		schema("ChatCompletionResponseMessage.audio", "{}").in("ChatCompletionResponseMessage", "audio")
			.property("id", "\"audio_1\"")
			.property("expires_at", "1715396580")
			.property("data", "\"UklGRg==\"")
			.property("transcript", "\"Hello\"");
		schema("ChatCompletionTokenLogprob", TOKEN_LOGPROB)
			.in("CreateChatCompletionResponse.choices[].logprobs", "content/0")
			.in("CreateChatCompletionResponse.choices[].logprobs", "refusal/0")
			.in("CreateChatCompletionStreamResponse.choices[].logprobs", "content/0")
			.property("token", "\"Hello\"")
			.property("logprob", "-1.25")
			.property("bytes", "[72, 101, 108, 108, 111]")
			.property("top_logprobs", "[{\"token\": \"Hello\", \"logprob\": -1.25, \"bytes\": [72]}]");
		schema("ChatCompletionTokenLogprob.top_logprobs[]", "{\"token\": \"Hi\", \"logprob\": -0.5}")
			.in("ChatCompletionTokenLogprob", "top_logprobs/0")
			.property("token", "\"Hello\"")
			.property("logprob", "-1.25")
			.property("bytes", "[72, 101]");
		schema("CompletionUsage", USAGE).in("CreateChatCompletionResponse", "usage")
			.in("CreateChatCompletionStreamResponse", "usage")
			.property("completion_tokens", "20")
			.property("prompt_tokens", "10")
			.property("total_tokens", "30")
			.property("completion_tokens_details", "{\"reasoning_tokens\": 12}")
			.property("prompt_tokens_details", "{\"cached_tokens\": 8}");
		schema("CompletionUsage.completion_tokens_details", "{}").in("CompletionUsage", "completion_tokens_details")
			.property("accepted_prediction_tokens", "4")
			.property("audio_tokens", "5")
			.property("reasoning_tokens", "6")
			.property("rejected_prediction_tokens", "7");
		schema("CompletionUsage.prompt_tokens_details", "{}").in("CompletionUsage", "prompt_tokens_details")
			.property("audio_tokens", "2")
			.property("cached_tokens", "3");

		// stream chunk
		schema("CreateChatCompletionStreamResponse.choices[]", "{\"index\": 0, \"delta\": {\"content\": \"Hi\"}}")
			.in("CreateChatCompletionStreamResponse", "choices/0")
			.property("delta", "{\"role\": \"assistant\", \"content\": \"\"}")
			.property("logprobs", "{\"content\": []}")
			.property("finish_reason", "\"tool_calls\"")
			.property("index", "2");
		schema("CreateChatCompletionStreamResponse.choices[].logprobs", "{}")
			.in("CreateChatCompletionStreamResponse.choices[]", "logprobs")
			.property("content", "[" + TOKEN_LOGPROB + "]")
			.property("refusal", "[" + TOKEN_LOGPROB + "]");
		schema("ChatCompletionStreamResponseDelta", "{}").in("CreateChatCompletionStreamResponse.choices[]", "delta")
			.property("content", "\"Hel\"")
			.property("function_call", "{\"name\": \"get_weather\", \"arguments\": \"{\"}")
			.property("tool_calls", """
					[{"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": ""}}]""")
			.property("role", "\"assistant\"")
			.property("refusal", "\"No\"");
		schema("ChatCompletionStreamResponseDelta.function_call", "{}")
			.in("ChatCompletionStreamResponseDelta", "function_call")
			.property("arguments", "\"{\\\"ci\"")
			.property("name", "\"get_weather\"");
		schema("ChatCompletionMessageToolCallChunk", "{\"index\": 0}")
			.in("ChatCompletionStreamResponseDelta", "tool_calls/0")
			.property("index", "1")
			.property("id", "\"call_1\"")
			.property("type", "\"function\"")
			.property("function", "{\"name\": \"get_weather\", \"arguments\": \"{\\\"ci\"}");
		schema("ChatCompletionMessageToolCallChunk.function", "{}").in("ChatCompletionMessageToolCallChunk", "function")
			.property("name", "\"get_weather\"")
			.property("arguments", "\"ty\\\":\\\"London\\\"}\"");
	}

	@Test
	void tableHasEverySchemaAndPropertyOfTheSpecification() {
		JsonNode spec = mapper.readTree(ModelRoundTripTests.resource("spec/schema-properties.json"));
		Map<String, List<String>> specified = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> schema : spec.properties()) {
			specified.put(schema.getKey(), schema.getValue().valueStream().map(JsonNode::asString).toList());
		}
		Map<String, List<String>> tabled = new LinkedHashMap<>();
		schemas.forEach((name, schema) -> tabled.put(name, List.copyOf(schema.samples.keySet())));
		assertThat(tabled.keySet()).containsExactlyInAnyOrderElementsOf(specified.keySet());
		specified.forEach((name, properties) -> assertThat(tabled.get(name)).as(name)
			.containsExactlyInAnyOrderElementsOf(properties));
		assertThat(tabled.get("CreateChatCompletionRequest")).hasSize(32);
	}

	static Stream<Arguments> properties() {
		List<Arguments> arguments = new ArrayList<>();
		for (Schema schema : schemas.values()) {
			for (Placement placement : placements(schema)) {
				for (String property : schema.samples.keySet()) {
					arguments.add(arguments(schema.name, placement.pointer, property));
				}
			}
		}
		return arguments.stream();
	}

	static Stream<Arguments> placedSchemas() {
		return schemas.values()
			.stream()
			.flatMap((schema) -> placements(schema).stream()
				.map((placement) -> arguments(schema.name, placement.pointer)));
	}

	@ParameterizedTest(name = "{0} at \"{1}\": {2}")
	@MethodSource("properties")
	void propertyIsReadIntoATypedFieldAndWrittenBackAtTheSamePlace(String schemaName, String pointer, String property) {
		Schema schema = schemas.get(schemaName);
		Placement placement = placement(schema, pointer);
		JsonNode sample = mapper.readTree(schema.samples.get(property));
		JsonNode document = placement.document.deepCopy();
		((ObjectNode) document.at(pointer)).set(property, sample);

		Object parsed = mapper.readValue(mapper.writeValueAsString(document), placement.root);
		JsonNode written = ModelRoundTripTests.written(parsed);
		assertThat(ModelRoundTripTests.withoutNulls(written.at(pointer + "/" + property))).as("written back")
			.isEqualTo(sample);
		assertThat(ModelRoundTripTests.withoutNulls(written)).as("whole document")
			.isEqualTo(ModelRoundTripTests.withoutNulls(document));

		Object target = navigate(parsed, pointer);
		assertThat(extra(target)).as("extra() of %s", target.getClass().getSimpleName()).doesNotContainKey(property);
		assertThat(accessor(target, property)).as("typed accessor for %s", property).isNotNull();
	}

	/**
	 * Makes sure the checks above can fail: a property the model does not name lands in
	 * {@code extra()} of the object the test navigates to, and there is no typed accessor
	 * for it.
	 */
	@ParameterizedTest(name = "{0} at \"{1}\"")
	@MethodSource("placedSchemas")
	void propertyTheSpecificationDoesNotNameLandsInExtraOfTheSameObject(String schemaName, String pointer) {
		Placement placement = placement(schemas.get(schemaName), pointer);
		JsonNode document = placement.document.deepCopy();
		((ObjectNode) document.at(pointer)).put("x_not_in_spec", "kept");
		Object parsed = mapper.readValue(mapper.writeValueAsString(document), placement.root);
		Object target = navigate(parsed, pointer);
		assertThat(extra(target)).containsExactly(Map.entry("x_not_in_spec", "kept"));
		assertThat(accessor(target, "x_not_in_spec")).isNull();
		assertThat(ModelRoundTripTests.written(parsed).at(pointer + "/x_not_in_spec").asString()).isEqualTo("kept");
	}

	private static Placement placement(Schema schema, String pointer) {
		return placements(schema).stream()
			.filter((candidate) -> candidate.pointer.equals(pointer))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Returns where a schema's smallest valid object is tested: for a root, the root
	 * document; otherwise the first placement of the parent schema with the object set at
	 * the relative path.
	 */
	private static List<Placement> placements(Schema schema) {
		if (schema.root != null) {
			return List.of(new Placement(schema.root, "", mapper.readTree(schema.minimal)));
		}
		List<Placement> placements = new ArrayList<>();
		for (String[] in : schema.in) {
			Placement parent = placements(schemas.get(in[0])).get(0);
			JsonNode document = parent.document.deepCopy();
			String pointer = parent.pointer + "/" + in[1];
			place(document, pointer, mapper.readTree(schema.minimal));
			placements.add(new Placement(parent.root, pointer, document));
		}
		return placements;
	}

	/**
	 * Sets {@code value} at {@code pointer}, turning a string where the pointer needs an
	 * array (message content, for example) into an array.
	 */
	private static void place(JsonNode document, String pointer, JsonNode value) {
		String[] segments = pointer.substring(1).split("/");
		JsonNode container = document;
		for (int i = 0; i < segments.length - 1; i++) {
			boolean arrayNeeded = isIndex(segments[i + 1]);
			JsonNode child = (container.isArray()) ? container.get(Integer.parseInt(segments[i]))
					: container.get(segments[i]);
			if (child == null || (arrayNeeded && !child.isArray()) || (!arrayNeeded && !child.isObject())) {
				child = arrayNeeded ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
				set(container, segments[i], child);
			}
			container = child;
		}
		set(container, segments[segments.length - 1], value);
	}

	private static void set(JsonNode container, String segment, JsonNode value) {
		if (container instanceof ArrayNode array) {
			int index = Integer.parseInt(segment);
			if (index < array.size()) {
				array.set(index, value);
			}
			else {
				array.add(value);
			}
		}
		else {
			((ObjectNode) container).set(segment, value);
		}
	}

	private static boolean isIndex(String segment) {
		return segment.chars().allMatch(Character::isDigit);
	}

	/**
	 * Follows a JSON pointer through the typed model: list indexes, content parts, and
	 * the accessors annotated with the property's name.
	 */
	private static Object navigate(Object root, String pointer) {
		Object current = root;
		if (pointer.isEmpty()) {
			return current;
		}
		for (String segment : pointer.substring(1).split("/")) {
			if (current instanceof MessageContent.Parts parts) {
				current = parts.parts().get(Integer.parseInt(segment));
			}
			else if (current instanceof List<?> list) {
				current = list.get(Integer.parseInt(segment));
			}
			else {
				current = accessor(current, segment);
			}
			assertThat(current).as("model value at %s of %s", segment, pointer).isNotNull();
		}
		return current;
	}

	private static @Nullable Object accessor(Object target, String property) {
		for (Method method : target.getClass().getMethods()) {
			JsonProperty annotation = method.getAnnotation(JsonProperty.class);
			if (annotation != null && annotation.value().equals(property) && method.getParameterCount() == 0) {
				try {
					return method.invoke(target);
				}
				catch (IllegalAccessException | InvocationTargetException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> extra(Object target) {
		try {
			return (Map<String, Object>) target.getClass().getMethod("extra").invoke(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(target.getClass() + " has no extra()", ex);
		}
	}

	private static Schema root(String name, Class<?> type, String minimal) {
		Schema schema = new Schema(name, type, minimal);
		schemas.put(name, schema);
		return schema;
	}

	private static Schema schema(String name, String minimal) {
		Schema schema = new Schema(name, null, minimal);
		schemas.put(name, schema);
		return schema;
	}

	private record Placement(Class<?> root, String pointer, JsonNode document) {

	}

	private static final class Schema {

		private final String name;

		private final @Nullable Class<?> root;

		private final String minimal;

		private final List<String[]> in = new ArrayList<>();

		private final Map<String, String> samples = new LinkedHashMap<>();

		private Schema(String name, @Nullable Class<?> root, String minimal) {
			this.name = name;
			this.root = root;
			this.minimal = minimal;
		}

		Schema in(String parent, String path) {
			this.in.add(new String[] { parent, path });
			return this;
		}

		Schema property(String property, String sample) {
			this.samples.put(property, sample);
			return this;
		}

	}

}
