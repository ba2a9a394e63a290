package com.mulerun.chat.structured;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.FunctionDefinition;
import com.mulerun.chat.model.ResponseFormat;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.model.ToolChoice;
import org.jspecify.annotations.Nullable;

/**
 * Shapes a user's request for a mode (the response format, the forced tool, or the schema
 * in a system message) and builds the follow-up request of a repair attempt. Everything
 * else the user set is kept as it is.
 */
final class StructuredRequests {

	/** The description of the function a forced tool call asks the model to call. */
	static final String TOOL_DESCRIPTION = "Gives the answer as structured data: call this function with the "
			+ "complete answer as its arguments.";

	/**
	 * The system message of {@link StructuredOutputMode#JSON_OBJECT}, before the schema.
	 */
	static final String JSON_OBJECT_INSTRUCTIONS = "Answer with a single JSON object, and nothing else, that follows "
			+ "this JSON Schema:\n";

	private StructuredRequests() {
	}

	/**
	 * Returns the request that asks for the schema in the given mode.
	 * @param request the user's request
	 * @param mode the concrete mode
	 * @param name the schema's name
	 * @param schema the schema
	 * @param schemaJson the schema as JSON text, for the system message of
	 * {@link StructuredOutputMode#JSON_OBJECT}
	 * @return the shaped request
	 */
	static ChatCompletionRequest shape(ChatCompletionRequest request, StructuredOutputMode mode, String name,
			Map<String, Object> schema, String schemaJson) {
		return switch (mode) {
			case JSON_SCHEMA -> request.mutate().responseFormat(ResponseFormat.jsonSchema(name, schema, true)).build();
			case TOOL_CALL -> {
				List<Tool> tools = new ArrayList<>((request.tools() != null) ? request.tools() : List.of());
				tools.add(Tool.function(new FunctionDefinition(name, TOOL_DESCRIPTION, schema, null, null)));
				yield request.mutate().tools(tools).toolChoice(ToolChoice.function(name)).build();
			}
			case JSON_OBJECT -> {
				List<ChatMessage> messages = new ArrayList<>();
				messages.add(ChatMessage.system(JSON_OBJECT_INSTRUCTIONS + schemaJson));
				messages.addAll(request.messagesOrEmpty());
				yield request.mutate().messages(messages).responseFormat(ResponseFormat.jsonObject()).build();
			}
			case AUTO -> throw new IllegalArgumentException("mode must be resolved before shaping a request");
		};
	}

	/**
	 * Returns the request of a repair attempt: the shaped request, the answer that
	 * failed, and the error.
	 * @param shaped the request the failed answer replied to
	 * @param answer the assistant message that failed, or {@code null} when there was
	 * none
	 * @param toolCallId the id of the forced tool call that failed, or {@code null} when
	 * the answer was text
	 * @param name the schema's name
	 * @param error what is wrong with the answer
	 * @return the request
	 */
	static ChatCompletionRequest repair(ChatCompletionRequest shaped, @Nullable AssistantMessage answer,
			@Nullable String toolCallId, String name, String error) {
		List<ChatMessage> messages = new ArrayList<>(shaped.messagesOrEmpty());
		if (answer != null) {
			messages.add(answer);
		}
		if (toolCallId != null) {
			messages.add(ChatMessage.tool(toolCallId, "Error: the arguments are invalid: " + error + ". Call " + name
					+ " again with corrected arguments."));
		}
		else {
			messages.add(ChatMessage.user("Your previous answer does not match the required JSON schema: " + error
					+ ". Answer again with only the corrected JSON."));
		}
		return shaped.mutate().messages(messages).build();
	}

	/**
	 * Returns the readable simple name of a type: {@code Person}, {@code List<Person>},
	 * {@code Person[]}.
	 * @param type the type
	 * @return the name
	 */
	static String typeName(Type type) {
		if (type instanceof Class<?> type1) {
			return type1.isArray() ? typeName(type1.getComponentType()) + "[]" : type1.getSimpleName();
		}
		if (type instanceof ParameterizedType parameterized) {
			return typeName(parameterized.getRawType()) + Arrays.stream(parameterized.getActualTypeArguments())
				.map(StructuredRequests::typeName)
				.collect(Collectors.joining(", ", "<", ">"));
		}
		if (type instanceof GenericArrayType array) {
			return typeName(array.getGenericComponentType()) + "[]";
		}
		return type.getTypeName();
	}

	/**
	 * Returns the schema name of a type, as the response format and the tool accept it:
	 * letters, digits, underscores and dashes, at most 64 characters ({@code Person},
	 * {@code List_Person}).
	 * @param type the type
	 * @return the name
	 */
	static String schemaName(Type type) {
		String name = typeName(type).replace("[]", "_array")
			.replaceAll("[^A-Za-z0-9_-]+", "_")
			.replaceAll("^_+|_+$", "");
		if (name.isEmpty()) {
			name = "answer";
		}
		return (name.length() > 64) ? name.substring(0, 64) : name;
	}

}
