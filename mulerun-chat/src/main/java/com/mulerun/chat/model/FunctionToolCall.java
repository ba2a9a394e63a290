package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A call of a function tool ({@code {"id": ..., "type": "function", "function": {"name":
 * ..., "arguments": ...}}}).
 *
 * @param id the call's id
 * @param function the function and its JSON-encoded arguments
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record FunctionToolCall(@JsonProperty("id") @Nullable String id, @JsonProperty("function") FunctionCall function,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ToolCall {

	/**
	 * Creates a function tool call.
	 * @param id the call's id
	 * @param function the function and its arguments
	 * @param extra properties the model does not name, or {@code null}
	 */
	public FunctionToolCall(@Nullable String id, FunctionCall function, @Nullable Map<String, Object> extra) {
		this.id = id;
		this.function = Objects.requireNonNull(function, "function must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return "function";
	}

}
