package com.mulerun.chat.model;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A request to create a chat completion ({@code POST /v1/chat/completions}).
 *
 * <p>
 * Build one with {@link #builder()}. Every field is optional in the type (the template
 * fills in the default model and validates the rest before sending); a field that was not
 * set is never written, so no default of this client reaches the provider. Properties the
 * specification does not name go into {@link #extra()} and are written as top-level
 * members of the body.
 *
 * @param messages the messages of the conversation so far
 * @param model the model id, such as {@code gpt-5} (see {@link ChatModels})
 * @param modalities the output types: {@code text}, and {@code audio} for audio models
 * @param verbosity how verbose the answer is
 * @param reasoningEffort how much effort a reasoning model spends on reasoning
 * @param maxCompletionTokens the upper bound of generated tokens, visible and reasoning
 * @param frequencyPenalty the frequency penalty, -2.0 to 2.0
 * @param presencePenalty the presence penalty, -2.0 to 2.0
 * @param webSearchOptions the options of the web search tool
 * @param topLogprobs how many most likely tokens to return per position, 0 to 20 (needs
 * {@code logprobs})
 * @param responseFormat the format the model must answer in
 * @param audio the audio output parameters (needed with the {@code audio} modality)
 * @param store whether to store the output for distillation or evals
 * @param stream whether to stream the answer as server-sent events (the template sets it)
 * @param stop up to 4 sequences where generation stops
 * @param logitBias biases (-100 to 100) of token ids
 * @param logprobs whether to return log probabilities of the output tokens
 * @param maxTokens the maximum number of generated tokens (deprecated: use
 * {@code max_completion_tokens})
 * @param n how many choices to generate, 1 to 128
 * @param prediction predicted output that speeds up generation
 * @param seed a seed for best-effort deterministic sampling (deprecated)
 * @param streamOptions the options of a streaming response
 * @param tools the tools the model may call
 * @param toolChoice which tool the model calls
 * @param parallelToolCalls whether the model may call several tools at once
 * @param functionCall which function the model calls (deprecated: use
 * {@code tool_choice})
 * @param functions the functions the model may call (deprecated: use {@code tools})
 * @param metadata up to 16 key-value pairs attached to the request
 * @param temperature the sampling temperature, 0 to 2
 * @param topP the nucleus sampling probability mass, 0 to 1
 * @param user a stable identifier of the end user (deprecated: use
 * {@code safety_identifier} and {@code prompt_cache_key})
 * @param serviceTier the processing tier
 * @param extra top-level properties the specification does not name (provider switches
 * such as {@code thinking} or {@code top_k})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(@JsonProperty("messages") @Nullable List<ChatMessage> messages,
		@JsonProperty("model") @Nullable String model, @JsonProperty("modalities") @Nullable List<Modality> modalities,
		@JsonProperty("verbosity") @Nullable Verbosity verbosity,
		@JsonProperty("reasoning_effort") @Nullable ReasoningEffort reasoningEffort,
		@JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
		@JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
		@JsonProperty("presence_penalty") @Nullable Double presencePenalty,
		@JsonProperty("web_search_options") @Nullable WebSearchOptions webSearchOptions,
		@JsonProperty("top_logprobs") @Nullable Integer topLogprobs,
		@JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
		@JsonProperty("audio") @Nullable AudioParameters audio, @JsonProperty("store") @Nullable Boolean store,
		@JsonProperty("stream") @Nullable Boolean stream, @JsonProperty("stop") @Nullable Stop stop,
		@JsonProperty("logit_bias") @Nullable Map<String, Integer> logitBias,
		@JsonProperty("logprobs") @Nullable Boolean logprobs, @JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("n") @Nullable Integer n, @JsonProperty("prediction") @Nullable Prediction prediction,
		@JsonProperty("seed") @Nullable Long seed,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
		@JsonProperty("tools") @Nullable List<Tool> tools, @JsonProperty("tool_choice") @Nullable ToolChoice toolChoice,
		@JsonProperty("parallel_tool_calls") @Nullable Boolean parallelToolCalls,
		@JsonProperty("function_call") @Nullable FunctionCallOption functionCall,
		@JsonProperty("functions") @Nullable List<FunctionDefinition> functions,
		@JsonProperty("metadata") @Nullable Map<String, String> metadata,
		@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("user") @Nullable String user, @JsonProperty("service_tier") @Nullable ServiceTier serviceTier,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * The components as values by index, so that the field list above is the only one.
	 */
	private static final RecordShape<ChatCompletionRequest> SHAPE = RecordShape.of(ChatCompletionRequest.class,
			MethodHandles.lookup());

	private static final int MESSAGES = SHAPE.index("messages");

	private static final int METADATA = SHAPE.index("metadata");

	private static final int TOOLS = SHAPE.index("tools");

	private static final int EXTRA = SHAPE.index("extra");

	/** A request that sets nothing. */
	public static final ChatCompletionRequest EMPTY = builder().build();

	/**
	 * Creates a request; prefer {@link #builder()}. Lists and maps are copied into
	 * unmodifiable ones.
	 */
	public ChatCompletionRequest {
		messages = ModelSupport.copy(messages);
		modalities = ModelSupport.copy(modalities);
		logitBias = ModelSupport.copy(logitBias);
		tools = ModelSupport.copy(tools);
		functions = ModelSupport.copy(functions);
		metadata = ModelSupport.copy(metadata);
		extra = ModelSupport.extra(extra);
	}

	/**
	 * Returns the messages, or an empty list when none were set.
	 * @return the messages, never {@code null}
	 */
	public List<ChatMessage> messagesOrEmpty() {
		return (this.messages != null) ? this.messages : List.of();
	}

	/**
	 * Returns this request with every field it does not set taken from {@code defaults}:
	 * the model, the options, metadata and extra properties (per key). Fields this
	 * request sets always win; the defaults' messages are put before this request's
	 * messages.
	 * @param defaults the defaults
	 * @return the merged request ({@code this} when there is nothing to merge)
	 */
	public ChatCompletionRequest withDefaults(ChatCompletionRequest defaults) {
		if (defaults.equals(EMPTY)) {
			return this;
		}
		@Nullable Object[] merged = SHAPE.values(this);
		@Nullable Object[] fallback = SHAPE.values(defaults);
		for (int i = 0; i < merged.length; i++) {
			if (merged[i] == null) {
				merged[i] = fallback[i];
			}
		}
		if (!defaults.extra.isEmpty()) {
			Map<String, Object> mergedExtra = new LinkedHashMap<>(defaults.extra);
			mergedExtra.putAll(this.extra);
			merged[EXTRA] = mergedExtra;
		}
		if (defaults.metadata != null && this.metadata != null && !defaults.metadata.isEmpty()) {
			Map<String, String> mergedMetadata = new LinkedHashMap<>(defaults.metadata);
			mergedMetadata.putAll(this.metadata);
			merged[METADATA] = mergedMetadata;
		}
		if (defaults.messages != null && !defaults.messages.isEmpty()) {
			List<ChatMessage> mergedMessages = new ArrayList<>(defaults.messages);
			if (this.messages != null) {
				mergedMessages.addAll(this.messages);
			}
			merged[MESSAGES] = mergedMessages;
		}
		return SHAPE.create(merged);
	}

	/**
	 * Returns a builder initialised with this request's values.
	 * @return the builder
	 */
	public Builder mutate() {
		return new Builder(SHAPE.values(this));
	}

	/**
	 * Returns a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link ChatCompletionRequest}s. Not thread-safe.
	 */
	public static final class Builder {

		private final @Nullable Object[] values;

		private Builder() {
			this.values = new Object[SHAPE.size()];
			this.values[EXTRA] = new LinkedHashMap<String, Object>();
		}

		private Builder(@Nullable Object[] values) {
			this.values = values;
			// collections the builder adds to in place are its own
			this.values[MESSAGES] = copy((List<?>) values[MESSAGES]);
			this.values[TOOLS] = copy((List<?>) values[TOOLS]);
			this.values[METADATA] = copy((Map<?, ?>) values[METADATA]);
			this.values[EXTRA] = new LinkedHashMap<>((Map<?, ?>) Objects.requireNonNull(values[EXTRA]));
		}

		/**
		 * Adds a message to the conversation.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(ChatMessage message) {
			addTo(MESSAGES, message);
			return this;
		}

		/**
		 * Adds a system message.
		 * @param content the instructions
		 * @return this builder
		 */
		public Builder systemMessage(String content) {
			return message(ChatMessage.system(content));
		}

		/**
		 * Adds a user message.
		 * @param content the text
		 * @return this builder
		 */
		public Builder userMessage(String content) {
			return message(ChatMessage.user(content));
		}

		/**
		 * Adds a tool.
		 * @param tool the tool
		 * @return this builder
		 */
		public Builder tool(Tool tool) {
			addTo(TOOLS, tool);
			return this;
		}

		/**
		 * Sets stop sequences.
		 * @param sequences the sequences (one is written as a string)
		 * @return this builder
		 */
		public Builder stop(String... sequences) {
			return stop((sequences.length == 1) ? Stop.of(sequences[0]) : Stop.of(Arrays.asList(sequences)));
		}

		/**
		 * Adds a metadata pair.
		 * @param key the key (at most 64 characters)
		 * @param value the value (at most 512 characters)
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			Map<String, String> metadata = (Map<String, String>) this.values[METADATA];
			if (metadata == null) {
				metadata = new LinkedHashMap<>();
				this.values[METADATA] = metadata;
			}
			metadata.put(key, value);
			return this;
		}

		/**
		 * Sets a top-level property the specification does not name, such as a provider
		 * switch ({@code thinking}, {@code top_k}).
		 * @param name the property name
		 * @param value the value (a JSON-compatible object: map, list, string, number,
		 * boolean)
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			extra().put(name, value);
			return this;
		}

		/**
		 * Sets top-level properties the specification does not name.
		 * @param extra the properties
		 * @return this builder
		 */
		public Builder extra(Map<String, ?> extra) {
			extra().putAll(extra);
			return this;
		}

		/**
		 * Sets the messages of the conversation so far ({@code messages}).
		 * @param messages the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder messages(@Nullable List<? extends ChatMessage> messages) {
			return set("messages", copy(messages));
		}

		/**
		 * Sets the model id, such as {@code gpt-5} (see {@link ChatModels})
		 * ({@code model}).
		 * @param model the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			return set("model", model);
		}

		/**
		 * Sets the output types: {@code text}, and {@code audio} for audio models
		 * ({@code modalities}).
		 * @param modalities the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder modalities(@Nullable List<? extends Modality> modalities) {
			return set("modalities", copy(modalities));
		}

		/**
		 * Sets how verbose the answer is ({@code verbosity}).
		 * @param verbosity the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder verbosity(@Nullable Verbosity verbosity) {
			return set("verbosity", verbosity);
		}

		/**
		 * Sets how much effort a reasoning model spends on reasoning
		 * ({@code reasoning_effort}).
		 * @param reasoningEffort the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable ReasoningEffort reasoningEffort) {
			return set("reasoningEffort", reasoningEffort);
		}

		/**
		 * Sets the upper bound of generated tokens, visible and reasoning
		 * ({@code max_completion_tokens}).
		 * @param maxCompletionTokens the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
			return set("maxCompletionTokens", maxCompletionTokens);
		}

		/**
		 * Sets the frequency penalty, -2.0 to 2.0 ({@code frequency_penalty}).
		 * @param frequencyPenalty the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			return set("frequencyPenalty", frequencyPenalty);
		}

		/**
		 * Sets the presence penalty, -2.0 to 2.0 ({@code presence_penalty}).
		 * @param presencePenalty the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			return set("presencePenalty", presencePenalty);
		}

		/**
		 * Sets the options of the web search tool ({@code web_search_options}).
		 * @param webSearchOptions the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder webSearchOptions(@Nullable WebSearchOptions webSearchOptions) {
			return set("webSearchOptions", webSearchOptions);
		}

		/**
		 * Sets how many most likely tokens to return per position, 0 to 20 (needs
		 * {@code logprobs}) ({@code top_logprobs}).
		 * @param topLogprobs the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder topLogprobs(@Nullable Integer topLogprobs) {
			return set("topLogprobs", topLogprobs);
		}

		/**
		 * Sets the format the model must answer in ({@code response_format}).
		 * @param responseFormat the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			return set("responseFormat", responseFormat);
		}

		/**
		 * Sets the audio output parameters (needed with the {@code audio} modality)
		 * ({@code audio}).
		 * @param audio the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder audio(@Nullable AudioParameters audio) {
			return set("audio", audio);
		}

		/**
		 * Sets whether to store the output for distillation or evals ({@code store}).
		 * @param store the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder store(@Nullable Boolean store) {
			return set("store", store);
		}

		/**
		 * Sets whether to stream the answer as server-sent events (the template sets it)
		 * ({@code stream}).
		 * @param stream the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder stream(@Nullable Boolean stream) {
			return set("stream", stream);
		}

		/**
		 * Sets up to 4 sequences where generation stops ({@code stop}).
		 * @param stop the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder stop(@Nullable Stop stop) {
			return set("stop", stop);
		}

		/**
		 * Sets biases (-100 to 100) of token ids ({@code logit_bias}).
		 * @param logitBias the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
			return set("logitBias", copy(logitBias));
		}

		/**
		 * Sets whether to return log probabilities of the output tokens
		 * ({@code logprobs}).
		 * @param logprobs the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder logprobs(@Nullable Boolean logprobs) {
			return set("logprobs", logprobs);
		}

		/**
		 * Sets the maximum number of generated tokens (deprecated: use
		 * {@code max_completion_tokens}) ({@code max_tokens}).
		 * @param maxTokens the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			return set("maxTokens", maxTokens);
		}

		/**
		 * Sets how many choices to generate, 1 to 128 ({@code n}).
		 * @param n the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder n(@Nullable Integer n) {
			return set("n", n);
		}

		/**
		 * Sets predicted output that speeds up generation ({@code prediction}).
		 * @param prediction the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder prediction(@Nullable Prediction prediction) {
			return set("prediction", prediction);
		}

		/**
		 * Sets a seed for best-effort deterministic sampling (deprecated) ({@code seed}).
		 * @param seed the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			return set("seed", seed);
		}

		/**
		 * Sets the options of a streaming response ({@code stream_options}).
		 * @param streamOptions the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder streamOptions(@Nullable StreamOptions streamOptions) {
			return set("streamOptions", streamOptions);
		}

		/**
		 * Sets the tools the model may call ({@code tools}).
		 * @param tools the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder tools(@Nullable List<? extends Tool> tools) {
			return set("tools", copy(tools));
		}

		/**
		 * Sets which tool the model calls ({@code tool_choice}).
		 * @param toolChoice the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			return set("toolChoice", toolChoice);
		}

		/**
		 * Sets whether the model may call several tools at once
		 * ({@code parallel_tool_calls}).
		 * @param parallelToolCalls the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
			return set("parallelToolCalls", parallelToolCalls);
		}

		/**
		 * Sets which function the model calls (deprecated: use {@code tool_choice})
		 * ({@code function_call}).
		 * @param functionCall the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder functionCall(@Nullable FunctionCallOption functionCall) {
			return set("functionCall", functionCall);
		}

		/**
		 * Sets the functions the model may call (deprecated: use {@code tools})
		 * ({@code functions}).
		 * @param functions the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder functions(@Nullable List<? extends FunctionDefinition> functions) {
			return set("functions", copy(functions));
		}

		/**
		 * Sets up to 16 key-value pairs attached to the request ({@code metadata}).
		 * @param metadata the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder metadata(@Nullable Map<String, String> metadata) {
			return set("metadata", copy(metadata));
		}

		/**
		 * Sets the sampling temperature, 0 to 2 ({@code temperature}).
		 * @param temperature the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			return set("temperature", temperature);
		}

		/**
		 * Sets the nucleus sampling probability mass, 0 to 1 ({@code top_p}).
		 * @param topP the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder topP(@Nullable Double topP) {
			return set("topP", topP);
		}

		/**
		 * Sets a stable identifier of the end user (deprecated: use
		 * {@code safety_identifier} and {@code prompt_cache_key}) ({@code user}).
		 * @param user the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			return set("user", user);
		}

		/**
		 * Sets the processing tier ({@code service_tier}).
		 * @param serviceTier the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable ServiceTier serviceTier) {
			return set("serviceTier", serviceTier);
		}

		private Builder set(String component, @Nullable Object value) {
			this.values[SHAPE.index(component)] = value;
			return this;
		}

		@SuppressWarnings("unchecked")
		private <E> void addTo(int component, E element) {
			List<E> list = (List<E>) this.values[component];
			if (list == null) {
				list = new ArrayList<>();
				this.values[component] = list;
			}
			list.add(element);
		}

		@SuppressWarnings("unchecked")
		private Map<String, Object> extra() {
			return (Map<String, Object>) Objects.requireNonNull(this.values[EXTRA]);
		}

		private static <E> @Nullable List<E> copy(@Nullable List<? extends E> list) {
			return (list != null) ? new ArrayList<>(list) : null;
		}

		private static <K, V> @Nullable Map<K, V> copy(@Nullable Map<? extends K, ? extends V> map) {
			return (map != null) ? new LinkedHashMap<>(map) : null;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public ChatCompletionRequest build() {
			return SHAPE.create(this.values.clone());
		}

	}

}
