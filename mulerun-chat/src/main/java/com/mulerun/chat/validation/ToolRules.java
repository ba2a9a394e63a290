package com.mulerun.chat.validation;

import com.mulerun.chat.error.MuleRunValidationException.Violation;
import com.mulerun.chat.model.AllowedTools;
import com.mulerun.chat.model.CustomTool;
import com.mulerun.chat.model.CustomToolDefinition;
import com.mulerun.chat.model.CustomToolFormat;
import com.mulerun.chat.model.FunctionCallOption;
import com.mulerun.chat.model.FunctionDefinition;
import com.mulerun.chat.model.FunctionTool;
import com.mulerun.chat.model.ResponseFormat;
import com.mulerun.chat.model.Tool;
import com.mulerun.chat.model.ToolChoice;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The rules for what the model may call and how it answers: {@code tools},
 * {@code tool_choice}, the deprecated {@code function_call} and {@code functions}, and
 * {@code response_format}.
 *
 * <p>
 * A tool, tool choice or response format of a type this client does not know is never a
 * violation.
 */
final class ToolRules {

	private static final int MAX_FUNCTIONS = 128;

	private ToolRules() {
	}

	static @Nullable List<Violation> checkTools(@Nullable List<Tool> tools, @Nullable List<Violation> v) {
		if (tools == null) {
			return v;
		}
		for (int i = 0; i < tools.size(); i++) {
			Tool tool = tools.get(i);
			if (tool == null) {
				v = Rules.add(v, "tools[" + i + "]", "must not be null");
			}
			else if (tool instanceof FunctionTool function) {
				String name = function.function().name();
				if (!Rules.isValidName(name)) {
					v = Rules.add(v, "tools[" + i + "].function.name", Rules.nameMessage(name));
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
		if (Rules.isBlank(custom.name())) {
			v = Rules.add(v, "tools[" + i + "].custom.name", "must not be blank");
		}
		CustomToolFormat format = custom.format();
		if (format == null) {
			return v;
		}
		CustomToolFormat.Grammar grammar = format.grammar();
		if (format.type().equals("text")) {
			if (grammar != null) {
				v = Rules.add(v, "tools[" + i + "].custom.format.grammar", "must not be set when type is text");
			}
		}
		else if (format.type().equals("grammar")) {
			if (grammar == null) {
				v = Rules.add(v, "tools[" + i + "].custom.format.grammar", "is required when type is grammar");
			}
			else {
				if (Rules.isBlank(grammar.definition())) {
					v = Rules.add(v, "tools[" + i + "].custom.format.grammar.definition", "must not be blank");
				}
				String syntax = grammar.syntax();
				if (!syntax.equals("lark") && !syntax.equals("regex")) {
					v = Rules.add(v, "tools[" + i + "].custom.format.grammar.syntax",
							"must be one of lark, regex (was " + Rules.quote(syntax) + ")");
				}
			}
		}
		else {
			v = Rules.add(v, "tools[" + i + "].custom.format.type",
					"must be one of text, grammar (was " + Rules.quote(format.type()) + ")");
		}
		return v;
	}

	static @Nullable List<Violation> checkToolChoice(@Nullable ToolChoice toolChoice, @Nullable List<Violation> v) {
		if (toolChoice instanceof ToolChoice.Mode mode) {
			String value = mode.value();
			if (!value.equals("none") && !value.equals("auto") && !value.equals("required")) {
				v = Rules.add(v, "tool_choice", "must be one of none, auto, required (was " + Rules.quote(value) + ")");
			}
		}
		else if (toolChoice instanceof ToolChoice.AllowedToolsChoice choice) {
			AllowedTools allowedTools = choice.allowedTools();
			String mode = allowedTools.mode();
			if (!mode.equals("auto") && !mode.equals("required")) {
				v = Rules.add(v, "tool_choice.allowed_tools.mode",
						"must be one of auto, required (was " + Rules.quote(mode) + ")");
			}
			List<Map<String, Object>> tools = allowedTools.tools();
			if (tools.isEmpty()) {
				v = Rules.add(v, "tool_choice.allowed_tools.tools", "must contain at least 1 tool (was 0)");
			}
			for (int i = 0; i < tools.size(); i++) {
				if (tools.get(i) == null) {
					v = Rules.add(v, "tool_choice.allowed_tools.tools[" + i + "]", "must not be null");
				}
			}
		}
		else if (toolChoice instanceof ToolChoice.NamedFunction named) {
			String name = named.function().name();
			if (!Rules.isValidName(name)) {
				v = Rules.add(v, "tool_choice.function.name", Rules.nameMessage(name));
			}
		}
		else if (toolChoice instanceof ToolChoice.NamedCustom named) {
			// custom tool names are free-form: only required
			if (Rules.isBlank(named.custom().name())) {
				v = Rules.add(v, "tool_choice.custom.name", "must not be blank");
			}
		}
		// Other: a type this client does not know is never a violation
		return v;
	}

	static @Nullable List<Violation> checkFunctionCall(@Nullable FunctionCallOption functionCall,
			@Nullable List<Violation> v) {
		if (functionCall instanceof FunctionCallOption.Mode mode) {
			String value = mode.value();
			if (!value.equals("none") && !value.equals("auto")) {
				v = Rules.add(v, "function_call", "must be one of none, auto (was " + Rules.quote(value) + ")");
			}
		}
		else if (functionCall instanceof FunctionCallOption.Named named) {
			if (!Rules.isValidName(named.name())) {
				v = Rules.add(v, "function_call.name", Rules.nameMessage(named.name()));
			}
		}
		return v;
	}

	static @Nullable List<Violation> checkFunctions(@Nullable List<FunctionDefinition> functions,
			@Nullable List<Violation> v) {
		if (functions == null) {
			return v;
		}
		int size = functions.size();
		if (size < 1) {
			v = Rules.add(v, "functions", "must contain at least 1 function (was 0)");
		}
		else if (size > MAX_FUNCTIONS) {
			v = Rules.add(v, "functions", "must contain at most " + MAX_FUNCTIONS + " functions (was " + size + ")");
		}
		for (int i = 0; i < size; i++) {
			FunctionDefinition function = functions.get(i);
			if (function == null) {
				v = Rules.add(v, "functions[" + i + "]", "must not be null");
			}
			else if (!Rules.isValidName(function.name())) {
				v = Rules.add(v, "functions[" + i + "].name", Rules.nameMessage(function.name()));
			}
		}
		return v;
	}

	static @Nullable List<Violation> checkResponseFormat(@Nullable ResponseFormat format, @Nullable List<Violation> v) {
		if (format instanceof ResponseFormat.JsonSchemaFormat jsonSchema) {
			String name = jsonSchema.jsonSchema().name();
			if (!Rules.isValidName(name)) {
				v = Rules.add(v, "response_format.json_schema.name", Rules.nameMessage(name));
			}
		}
		// Text and JsonObject have nothing to check; Other is a type this client does not
		// know
		return v;
	}

}
