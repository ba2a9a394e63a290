package com.mulerun.chat.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
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
@JsonDeserialize(using = Delta.Deserializer.class)
public record Delta(@JsonProperty("role") @Nullable Role role,
		@JsonProperty("content") @Nullable MessageContent content, @JsonProperty("refusal") @Nullable String refusal,
		@JsonProperty("tool_calls") @Nullable List<ToolCallDelta> toolCalls,
		@JsonProperty("function_call") @Nullable FunctionCall functionCall,
		@JsonProperty("reasoning_content") @Nullable String reasoningContent,
		@JsonProperty("reasoning") @Nullable String reasoning, @JsonProperty("audio") @Nullable AssistantAudio audio,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code Delta}.
	 * @param role the role of the author, usually on the first chunk only, or
	 * {@code null}
	 * @param content the content fragment, or {@code null}
	 * @param refusal the refusal fragment, or {@code null}
	 * @param toolCalls fragments of tool calls, or {@code null}
	 * @param functionCall a fragment of the deprecated function call, or {@code null}
	 * @param reasoningContent a fragment of reasoning text ({@code reasoning_content}),
	 * or {@code null}
	 * @param reasoning a fragment of reasoning text ({@code reasoning}), or {@code null}
	 * @param audio a fragment of generated audio, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public Delta(@Nullable Role role, @Nullable MessageContent content, @Nullable String refusal,
			@Nullable List<ToolCallDelta> toolCalls, @Nullable FunctionCall functionCall,
			@Nullable String reasoningContent, @Nullable String reasoning, @Nullable AssistantAudio audio,
			@Nullable Map<String, Object> extra) {
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
	 * Returns the text of the content fragment, or {@code null} when this delta carries
	 * none.
	 * @return the text
	 */
	public @Nullable String text() {
		return (this.content != null) ? this.content.text() : null;
	}

	/**
	 * Reads a delta token by token (see {@link RecordDeserializer}).
	 */
	static final class Deserializer extends RecordDeserializer<Delta> {

		private static final String[] ROLES = { "assistant", "developer", "system", "user", "tool", "function" };

		private @Nullable ValueDeserializer<Object> roles;

		private @Nullable ValueDeserializer<Object> content;

		private @Nullable ValueDeserializer<Object> toolCalls;

		private @Nullable JavaType toolCallList;

		private @Nullable ValueDeserializer<Object> functionCall;

		private @Nullable ValueDeserializer<Object> audio;

		Deserializer() {
			super(Delta.class);
		}

		@Override
		public void resolve(DeserializationContext context) {
			super.resolve(context);
			this.roles = find(context, Role.class);
			this.content = find(context, MessageContent.class);
			this.toolCalls = find(context, ToolCallDelta.class);
			this.toolCallList = listOf(context, ToolCallDelta.class);
			this.functionCall = find(context, FunctionCall.class);
			this.audio = find(context, AssistantAudio.class);
		}

		@Override
		Delta read(JsonParser parser, DeserializationContext context, @Nullable String name) {
			Role role = null;
			MessageContent content = null;
			String refusal = null;
			List<ToolCallDelta> toolCalls = null;
			FunctionCall functionCall = null;
			String reasoningContent = null;
			String reasoning = null;
			AssistantAudio audio = null;
			String extraName = null;
			Object extraValue = null;
			LinkedHashMap<String, Object> extras = null;
			for (; name != null; name = parser.nextName()) {
				parser.nextToken();
				try {
					switch (name) {
						case "role" -> role = parser.hasToken(JsonToken.VALUE_STRING)
								? Role.of(knownText(parser, ROLES)) : value(parser, context, this.roles);
						case "content" -> content = parser.hasToken(JsonToken.VALUE_STRING)
								? new MessageContent.Text(parser.getString()) : value(parser, context, this.content);
						case "refusal" -> refusal = string(parser, context);
						case "tool_calls" -> toolCalls = parser.hasToken(JsonToken.VALUE_NULL) ? null
								: list(parser, context, this.toolCalls, this.toolCallList);
						case "function_call" -> functionCall = value(parser, context, this.functionCall);
						case "reasoning_content" -> reasoningContent = string(parser, context);
						case "reasoning" -> reasoning = string(parser, context);
						case "audio" -> audio = value(parser, context, this.audio);
						default -> {
							Object value = unknown(parser, context);
							if (extraName == null) {
								extraName = name;
								extraValue = value;
							}
							else {
								extras = moreExtra(extras, extraName, extraValue, name, value);
							}
						}
					}
				}
				catch (RuntimeException ex) {
					throw failure(context, ex, name);
				}
			}
			return new Delta(role, content, refusal, toolCalls, functionCall, reasoningContent, reasoning, audio,
					extra(extraName, extraValue, extras));
		}

	}

}
