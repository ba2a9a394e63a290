package com.mulerun.chat.model;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A tool the model may call, told apart by {@code type}: a {@link FunctionTool function},
 * a {@link CustomTool custom} tool, or {@link OtherTool} for a type this client does not
 * know.
 */
@JsonDeserialize(using = Tool.Deserializer.class)
public sealed interface Tool permits FunctionTool, CustomTool, OtherTool {

	/**
	 * Returns the tool's type as sent on the wire.
	 * @return the type
	 */
	String type();

	/**
	 * Returns the properties of this tool that the model does not name.
	 * @return the unknown properties, never {@code null}
	 */
	Map<String, Object> extra();

	/**
	 * Creates a function tool.
	 * @param name the function name
	 * @param description what the function does
	 * @param parameters the JSON Schema of the parameters
	 * @return the tool
	 */
	static FunctionTool function(String name, @Nullable String description, @Nullable Map<String, Object> parameters) {
		return new FunctionTool(FunctionDefinition.of(name, description, parameters), null);
	}

	/**
	 * Creates a function tool.
	 * @param function the function
	 * @return the tool
	 */
	static FunctionTool function(FunctionDefinition function) {
		return new FunctionTool(function, null);
	}

	/**
	 * Creates a custom tool with unconstrained text input.
	 * @param name the tool name
	 * @param description what the tool does
	 * @return the tool
	 */
	static CustomTool custom(String name, @Nullable String description) {
		return new CustomTool(new CustomToolDefinition(name, description, null, null), null);
	}

	/**
	 * Reads tools by their {@code type}.
	 */
	final class Deserializer extends DiscriminatorDeserializer<Tool> {

		Deserializer() {
			super("type", Map.of("function", FunctionTool.class, "custom", CustomTool.class), OtherTool.class);
		}

	}

}
