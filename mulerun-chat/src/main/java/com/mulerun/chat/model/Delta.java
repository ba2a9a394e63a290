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
 * The part of an assistant message that one stream chunk adds ({@code delta}).
 *
 * @param role the role of the author, usually on the first chunk only
 * @param content the content fragment
 * @param refusal the refusal fragment
 * @param toolCalls fragments of tool calls
 * @param functionCall a fragment of the deprecated function call
 * @param reasoningContent a fragment of reasoning text ({@code reasoning_content})
 * @param reasoning a fragment of reasoning text ({@code reasoning})
 * @param audio a fragment of generated audio
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delta(@JsonProperty("role") @Nullable Role role, @JsonProperty("content") @Nullable MessageContent content, @JsonProperty("refusal") @Nullable String refusal, @JsonProperty("tool_calls") @Nullable List<ToolCallDelta> toolCalls, @JsonProperty("function_call") @Nullable FunctionCall functionCall, @JsonProperty("reasoning_content") @Nullable String reasoningContent, @JsonProperty("reasoning") @Nullable String reasoning, @JsonProperty("audio") @Nullable AssistantAudio audio, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code Delta}.
	 * @param role the role of the author, usually on the first chunk only, or {@code null}
	 * @param content the content fragment, or {@code null}
	 * @param refusal the refusal fragment, or {@code null}
	 * @param toolCalls fragments of tool calls, or {@code null}
	 * @param functionCall a fragment of the deprecated function call, or {@code null}
	 * @param reasoningContent a fragment of reasoning text ({@code reasoning_content}), or {@code null}
	 * @param reasoning a fragment of reasoning text ({@code reasoning}), or {@code null}
	 * @param audio a fragment of generated audio, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public Delta(@Nullable Role role, @Nullable MessageContent content, @Nullable String refusal, @Nullable List<ToolCallDelta> toolCalls, @Nullable FunctionCall functionCall, @Nullable String reasoningContent, @Nullable String reasoning, @Nullable AssistantAudio audio, @Nullable Map<String, Object> extra) {
		this.role = role;
		this.content = content;
		this.refusal = refusal;
		this.toolCalls = ModelSupport.copy(toolCalls);
		this.functionCall = functionCall;
		this.reasoningContent = reasoningContent;
		this.reasoning = reasoning;
		this.audio = audio;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Returns the text of the content fragment, or {@code null} when this delta carries none.
	 * @return the text
	 */
	public @Nullable String text() {
		return (this.content != null) ? this.content.text() : null;
	}

}
