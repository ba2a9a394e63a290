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
 * A tool message: the result of a tool call, sent back to the model.
 *
 * @param content the result, a string or text parts
 * @param toolCallId the id of the tool call this message answers
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ToolMessage(@JsonProperty("content") MessageContent content,
		@JsonProperty("tool_call_id") String toolCallId,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

	/**
	 * Creates a tool message.
	 * @param content the result
	 * @param toolCallId the id of the tool call this message answers
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ToolMessage(MessageContent content, String toolCallId, @Nullable Map<String, Object> extra) {
		this.content = Objects.requireNonNull(content, "content must not be null");
		this.toolCallId = Objects.requireNonNull(toolCallId, "toolCallId must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("role")
	public Role role() {
		return Role.TOOL;
	}

}
