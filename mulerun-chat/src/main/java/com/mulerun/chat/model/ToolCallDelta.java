package com.mulerun.chat.model;

import java.util.List;
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
 * A fragment of a tool call in a stream chunk. Real gateways omit {@code index}, repeat {@code id} or send several whole calls in one delta; {@link com.mulerun.chat.ChatCompletionAggregator} merges them.
 *
 * @param index the index of the tool call this fragment belongs to
 * @param id the id of the tool call
 * @param type the type of the tool call, {@code function}
 * @param function the function name and an arguments fragment
 * @param custom the custom tool name and an input fragment
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCallDelta(@JsonProperty("index") @Nullable Integer index, @JsonProperty("id") @Nullable String id, @JsonProperty("type") @Nullable String type, @JsonProperty("function") @Nullable FunctionCall function, @JsonProperty("custom") CustomToolCall.@Nullable CustomCall custom, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code ToolCallDelta}.
	 * @param index the index of the tool call this fragment belongs to, or {@code null}
	 * @param id the id of the tool call, or {@code null}
	 * @param type the type of the tool call, {@code function}, or {@code null}
	 * @param function the function name and an arguments fragment, or {@code null}
	 * @param custom the custom tool name and an input fragment, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ToolCallDelta(@Nullable Integer index, @Nullable String id, @Nullable String type, @Nullable FunctionCall function, CustomToolCall.@Nullable CustomCall custom, @Nullable Map<String, Object> extra) {
		this.index = index;
		this.id = id;
		this.type = type;
		this.function = function;
		this.custom = custom;
		this.extra = ModelSupport.extra(extra);
	}

}
