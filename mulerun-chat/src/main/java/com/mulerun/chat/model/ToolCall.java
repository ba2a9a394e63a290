package com.mulerun.chat.model;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A tool call the model made, told apart by {@code type}: a {@link FunctionToolCall
 * function} call, a {@link CustomToolCall custom} tool call, or {@link OtherToolCall} for
 * a type this client does not know.
 */
@JsonDeserialize(using = ToolCall.Deserializer.class)
public sealed interface ToolCall permits FunctionToolCall, CustomToolCall, OtherToolCall {

	/**
	 * Returns the id of the call, which the tool message answering it refers to.
	 * @return the id
	 */
	@Nullable String id();

	/**
	 * Returns the type of the call as sent on the wire.
	 * @return the type
	 */
	String type();

	/**
	 * Returns the properties of this call that the model does not name (Gemini's
	 * {@code extra_content} with a thought signature, for example); they are sent back
	 * with the call.
	 * @return the unknown properties, never {@code null}
	 */
	Map<String, Object> extra();

	/**
	 * Creates a function tool call.
	 * @param id the call's id
	 * @param name the function's name
	 * @param arguments the JSON-encoded arguments
	 * @return the call
	 */
	static FunctionToolCall function(String id, String name, String arguments) {
		return new FunctionToolCall(id, new FunctionCall(name, arguments), null);
	}

	/**
	 * Reads tool calls by their {@code type}; a call without a type but with a
	 * {@code function} is a function call.
	 */
	final class Deserializer extends DiscriminatorDeserializer<ToolCall> {

		Deserializer() {
			super("type", Map.of("function", FunctionToolCall.class, "custom", CustomToolCall.class),
					OtherToolCall.class);
		}

		@Override
		protected Class<? extends ToolCall> typeWithoutKnownDiscriminator(JsonNode node,
				@Nullable String discriminator) {
			if (discriminator == null && node.has("function")) {
				return FunctionToolCall.class;
			}
			if (discriminator == null && node.has("custom")) {
				return CustomToolCall.class;
			}
			return OtherToolCall.class;
		}

	}

}
