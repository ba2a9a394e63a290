package com.mulerun.chat.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A message from the model: the message of a response choice, and a previous answer in a
 * request.
 *
 * <p>
 * One type serves both directions, so an answer can be appended to the next request as it
 * is: fields a provider added (Gemini's thought signatures, for example) stay in
 * {@link #extra()} and are sent back.
 *
 * @param content the content, a string or text and refusal parts; {@code null} when the
 * message has only tool calls
 * @param refusal the refusal message, when the model refused
 * @param name an optional name of the participant
 * @param audio generated audio (response) or a reference to it by id (request)
 * @param toolCalls the tool calls the model made
 * @param functionCall the function the model called (deprecated in favour of tool calls)
 * @param annotations annotations such as URL citations
 * @param reasoningContent reasoning text, as DeepSeek-style gateways send it
 * ({@code reasoning_content})
 * @param reasoning reasoning text, as OpenRouter and vLLM send it ({@code reasoning})
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record AssistantMessage(@JsonProperty("content") @Nullable MessageContent content,
		@JsonProperty("refusal") @Nullable String refusal, @JsonProperty("name") @Nullable String name,
		@JsonProperty("audio") @Nullable AssistantAudio audio,
		@JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
		@JsonProperty("function_call") @Nullable FunctionCall functionCall,
		@JsonProperty("annotations") @Nullable List<Annotation> annotations,
		@JsonProperty("reasoning_content") @Nullable String reasoningContent,
		@JsonProperty("reasoning") @Nullable String reasoning,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

	/**
	 * Creates an assistant message; prefer {@link #builder()}.
	 * @param content the content, or {@code null}
	 * @param refusal the refusal, or {@code null}
	 * @param name the name, or {@code null}
	 * @param audio the audio, or {@code null}
	 * @param toolCalls the tool calls, or {@code null}
	 * @param functionCall the function call, or {@code null}
	 * @param annotations the annotations, or {@code null}
	 * @param reasoningContent the reasoning text, or {@code null}
	 * @param reasoning the reasoning text, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public AssistantMessage(@Nullable MessageContent content, @Nullable String refusal, @Nullable String name,
			@Nullable AssistantAudio audio, @Nullable List<ToolCall> toolCalls, @Nullable FunctionCall functionCall,
			@Nullable List<Annotation> annotations, @Nullable String reasoningContent, @Nullable String reasoning,
			@Nullable Map<String, Object> extra) {
		this.content = content;
		this.refusal = refusal;
		this.name = name;
		this.audio = audio;
		this.toolCalls = ModelSupport.copy(toolCalls);
		this.functionCall = functionCall;
		this.annotations = ModelSupport.copy(annotations);
		this.reasoningContent = reasoningContent;
		this.reasoning = reasoning;
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("role")
	public Role role() {
		return Role.ASSISTANT;
	}

	/**
	 * Returns the text of the content, or {@code null} when the message has no content.
	 * @return the text
	 */
	public @Nullable String text() {
		return (this.content != null) ? this.content.text() : null;
	}

	/**
	 * Returns the tool calls, or an empty list when the model made none.
	 * @return the tool calls, never {@code null}
	 */
	public List<ToolCall> toolCallsOrEmpty() {
		return (this.toolCalls != null) ? this.toolCalls : List.of();
	}

	/**
	 * Returns a builder initialised with this message's values.
	 * @return the builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.content = this.content;
		builder.refusal = this.refusal;
		builder.name = this.name;
		builder.audio = this.audio;
		builder.toolCalls = (this.toolCalls != null) ? new ArrayList<>(this.toolCalls) : null;
		builder.functionCall = this.functionCall;
		builder.annotations = (this.annotations != null) ? new ArrayList<>(this.annotations) : null;
		builder.reasoningContent = this.reasoningContent;
		builder.reasoning = this.reasoning;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Returns a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link AssistantMessage}s.
	 */
	public static final class Builder {

		private @Nullable MessageContent content;

		private @Nullable String refusal;

		private @Nullable String name;

		private @Nullable AssistantAudio audio;

		private @Nullable List<ToolCall> toolCalls;

		private @Nullable FunctionCall functionCall;

		private @Nullable List<Annotation> annotations;

		private @Nullable String reasoningContent;

		private @Nullable String reasoning;

		private final Map<String, Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets text content.
		 * @param content the text, or {@code null}
		 * @return this builder
		 */
		public Builder content(@Nullable String content) {
			this.content = (content != null) ? MessageContent.of(content) : null;
			return this;
		}

		/**
		 * Sets the content.
		 * @param content the content, or {@code null}
		 * @return this builder
		 */
		public Builder content(@Nullable MessageContent content) {
			this.content = content;
			return this;
		}

		/**
		 * Sets the refusal message.
		 * @param refusal the refusal, or {@code null}
		 * @return this builder
		 */
		public Builder refusal(@Nullable String refusal) {
			this.refusal = refusal;
			return this;
		}

		/**
		 * Sets the participant's name.
		 * @param name the name, or {@code null}
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the audio.
		 * @param audio the audio, or {@code null}
		 * @return this builder
		 */
		public Builder audio(@Nullable AssistantAudio audio) {
			this.audio = audio;
			return this;
		}

		/**
		 * Sets the tool calls.
		 * @param toolCalls the tool calls, or {@code null}
		 * @return this builder
		 */
		public Builder toolCalls(@Nullable List<? extends ToolCall> toolCalls) {
			this.toolCalls = (toolCalls != null) ? new ArrayList<>(toolCalls) : null;
			return this;
		}

		/**
		 * Adds a tool call.
		 * @param toolCall the tool call
		 * @return this builder
		 */
		public Builder toolCall(ToolCall toolCall) {
			if (this.toolCalls == null) {
				this.toolCalls = new ArrayList<>();
			}
			this.toolCalls.add(toolCall);
			return this;
		}

		/**
		 * Sets the deprecated function call.
		 * @param functionCall the function call, or {@code null}
		 * @return this builder
		 */
		public Builder functionCall(@Nullable FunctionCall functionCall) {
			this.functionCall = functionCall;
			return this;
		}

		/**
		 * Sets the annotations.
		 * @param annotations the annotations, or {@code null}
		 * @return this builder
		 */
		public Builder annotations(@Nullable List<Annotation> annotations) {
			this.annotations = (annotations != null) ? new ArrayList<>(annotations) : null;
			return this;
		}

		/**
		 * Sets the reasoning text sent as {@code reasoning_content}.
		 * @param reasoningContent the reasoning text, or {@code null}
		 * @return this builder
		 */
		public Builder reasoningContent(@Nullable String reasoningContent) {
			this.reasoningContent = reasoningContent;
			return this;
		}

		/**
		 * Sets the reasoning text sent as {@code reasoning}.
		 * @param reasoning the reasoning text, or {@code null}
		 * @return this builder
		 */
		public Builder reasoning(@Nullable String reasoning) {
			this.reasoning = reasoning;
			return this;
		}

		/**
		 * Sets a property the model does not name.
		 * @param name the property name
		 * @param value the value (a JSON-compatible object: map, list, string, number,
		 * boolean)
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra.put(name, value);
			return this;
		}

		/**
		 * Sets properties the model does not name.
		 * @param extra the properties
		 * @return this builder
		 */
		public Builder extra(Map<String, ?> extra) {
			this.extra.putAll(extra);
			return this;
		}

		/**
		 * Builds the message.
		 * @return the message
		 */
		public AssistantMessage build() {
			return new AssistantMessage(this.content, this.refusal, this.name, this.audio, this.toolCalls,
					this.functionCall, this.annotations, this.reasoningContent, this.reasoning, this.extra);
		}

	}

}
