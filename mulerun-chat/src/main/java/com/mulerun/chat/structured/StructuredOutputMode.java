package com.mulerun.chat.structured;

import java.util.Locale;
import java.util.Objects;

import com.mulerun.chat.model.ChatModels;

/**
 * How a request asks the model for JSON of a given schema.
 */
public enum StructuredOutputMode {

	/** Chooses by model id: see {@link #forModel(String)}. */
	AUTO,

	/**
	 * A {@code json_schema} response format with {@code strict: true}: the provider
	 * constrains decoding to the schema. For GPT and Gemini ids.
	 */
	JSON_SCHEMA,

	/**
	 * A forced call of one function tool whose parameters are the schema; the value is
	 * the call's arguments. For Claude ids, whose gateway does not honour the response
	 * format.
	 */
	TOOL_CALL,

	/**
	 * A {@code json_object} response format (JSON mode) and the schema in a system
	 * message: the last resort for a model that supports neither.
	 */
	JSON_OBJECT;

	/**
	 * Returns the mode {@link #AUTO} stands for with a model: {@link #TOOL_CALL} for
	 * Claude ids (such as {@value ChatModels#CLAUDE_SONNET_4_5}), {@link #JSON_SCHEMA}
	 * for GPT, o-series and Gemini ids (such as {@value ChatModels#GPT_5} and
	 * {@value ChatModels#GEMINI_2_5_FLASH}), {@link #JSON_OBJECT} for any other id. A
	 * provider prefix ({@code anthropic/claude-...}) and dated variants are recognised.
	 * @param model the model id
	 * @return the concrete mode, never {@link #AUTO}
	 */
	public static StructuredOutputMode forModel(String model) {
		Objects.requireNonNull(model, "model must not be null");
		String id = model.toLowerCase(Locale.ROOT);
		int slash = id.lastIndexOf('/');
		String name = (slash >= 0) ? id.substring(slash + 1) : id;
		if (name.startsWith("claude")) {
			return TOOL_CALL;
		}
		if (name.startsWith("gpt-") || name.startsWith("gemini-") || name.matches("o[1-9](-.*)?")) {
			return JSON_SCHEMA;
		}
		return JSON_OBJECT;
	}

	/**
	 * Returns this mode with {@link #AUTO} resolved for a model.
	 * @param model the model id
	 * @return the concrete mode
	 */
	public StructuredOutputMode resolve(String model) {
		return (this == AUTO) ? forModel(model) : this;
	}

}
