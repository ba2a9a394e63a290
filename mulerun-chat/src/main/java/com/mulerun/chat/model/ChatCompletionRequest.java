package com.mulerun.chat.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A request to create a chat completion ({@code POST /v1/chat/completions}).
 *
 * <p>Build one with {@link #builder()}. Every field is optional in the type (the template fills in the default
 * model and validates the rest before sending); a field that was not set is never written, so no default of
 * this client reaches the provider. Properties the specification does not name go into {@link #extra()} and
 * are written as top-level members of the body.
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
 * @param topLogprobs how many most likely tokens to return per position, 0 to 20 (needs {@code logprobs})
 * @param responseFormat the format the model must answer in
 * @param audio the audio output parameters (needed with the {@code audio} modality)
 * @param store whether to store the output for distillation or evals
 * @param stream whether to stream the answer as server-sent events (the template sets it)
 * @param stop up to 4 sequences where generation stops
 * @param logitBias biases (-100 to 100) of token ids
 * @param logprobs whether to return log probabilities of the output tokens
 * @param maxTokens the maximum number of generated tokens (deprecated: use {@code max_completion_tokens})
 * @param n how many choices to generate, 1 to 128
 * @param prediction predicted output that speeds up generation
 * @param seed a seed for best-effort deterministic sampling (deprecated)
 * @param streamOptions the options of a streaming response
 * @param tools the tools the model may call
 * @param toolChoice which tool the model calls
 * @param parallelToolCalls whether the model may call several tools at once
 * @param functionCall which function the model calls (deprecated: use {@code tool_choice})
 * @param functions the functions the model may call (deprecated: use {@code tools})
 * @param metadata up to 16 key-value pairs attached to the request
 * @param temperature the sampling temperature, 0 to 2
 * @param topP the nucleus sampling probability mass, 0 to 1
 * @param user a stable identifier of the end user (deprecated: use {@code safety_identifier} and {@code prompt_cache_key})
 * @param serviceTier the processing tier
 * @param extra top-level properties the specification does not name (provider switches such as {@code thinking} or {@code top_k})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(@JsonProperty("messages") @Nullable List<ChatMessage> messages,
		@JsonProperty("model") @Nullable String model,
		@JsonProperty("modalities") @Nullable List<Modality> modalities,
		@JsonProperty("verbosity") @Nullable Verbosity verbosity,
		@JsonProperty("reasoning_effort") @Nullable ReasoningEffort reasoningEffort,
		@JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
		@JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
		@JsonProperty("presence_penalty") @Nullable Double presencePenalty,
		@JsonProperty("web_search_options") @Nullable WebSearchOptions webSearchOptions,
		@JsonProperty("top_logprobs") @Nullable Integer topLogprobs,
		@JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
		@JsonProperty("audio") @Nullable AudioParameters audio,
		@JsonProperty("store") @Nullable Boolean store,
		@JsonProperty("stream") @Nullable Boolean stream,
		@JsonProperty("stop") @Nullable Stop stop,
		@JsonProperty("logit_bias") @Nullable Map<String, Integer> logitBias,
		@JsonProperty("logprobs") @Nullable Boolean logprobs,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("n") @Nullable Integer n,
		@JsonProperty("prediction") @Nullable Prediction prediction,
		@JsonProperty("seed") @Nullable Long seed,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
		@JsonProperty("tools") @Nullable List<Tool> tools,
		@JsonProperty("tool_choice") @Nullable ToolChoice toolChoice,
		@JsonProperty("parallel_tool_calls") @Nullable Boolean parallelToolCalls,
		@JsonProperty("function_call") @Nullable FunctionCallOption functionCall,
		@JsonProperty("functions") @Nullable List<FunctionDefinition> functions,
		@JsonProperty("metadata") @Nullable Map<String, String> metadata,
		@JsonProperty("temperature") @Nullable Double temperature,
		@JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("user") @Nullable String user,
		@JsonProperty("service_tier") @Nullable ServiceTier serviceTier,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/** A request that sets nothing. */
	public static final ChatCompletionRequest EMPTY = builder().build();

	/**
	 * Creates a request; prefer {@link #builder()}.
	 * @param messages the messages of the conversation so far, or {@code null}
	 * @param model the model id, such as {@code gpt-5} (see {@link ChatModels}), or {@code null}
	 * @param modalities the output types: {@code text}, and {@code audio} for audio models, or {@code null}
	 * @param verbosity how verbose the answer is, or {@code null}
	 * @param reasoningEffort how much effort a reasoning model spends on reasoning, or {@code null}
	 * @param maxCompletionTokens the upper bound of generated tokens, visible and reasoning, or {@code null}
	 * @param frequencyPenalty the frequency penalty, -2.0 to 2.0, or {@code null}
	 * @param presencePenalty the presence penalty, -2.0 to 2.0, or {@code null}
	 * @param webSearchOptions the options of the web search tool, or {@code null}
	 * @param topLogprobs how many most likely tokens to return per position, 0 to 20 (needs {@code logprobs}), or {@code null}
	 * @param responseFormat the format the model must answer in, or {@code null}
	 * @param audio the audio output parameters (needed with the {@code audio} modality), or {@code null}
	 * @param store whether to store the output for distillation or evals, or {@code null}
	 * @param stream whether to stream the answer as server-sent events (the template sets it), or {@code null}
	 * @param stop up to 4 sequences where generation stops, or {@code null}
	 * @param logitBias biases (-100 to 100) of token ids, or {@code null}
	 * @param logprobs whether to return log probabilities of the output tokens, or {@code null}
	 * @param maxTokens the maximum number of generated tokens (deprecated: use {@code max_completion_tokens}), or {@code null}
	 * @param n how many choices to generate, 1 to 128, or {@code null}
	 * @param prediction predicted output that speeds up generation, or {@code null}
	 * @param seed a seed for best-effort deterministic sampling (deprecated), or {@code null}
	 * @param streamOptions the options of a streaming response, or {@code null}
	 * @param tools the tools the model may call, or {@code null}
	 * @param toolChoice which tool the model calls, or {@code null}
	 * @param parallelToolCalls whether the model may call several tools at once, or {@code null}
	 * @param functionCall which function the model calls (deprecated: use {@code tool_choice}), or {@code null}
	 * @param functions the functions the model may call (deprecated: use {@code tools}), or {@code null}
	 * @param metadata up to 16 key-value pairs attached to the request, or {@code null}
	 * @param temperature the sampling temperature, 0 to 2, or {@code null}
	 * @param topP the nucleus sampling probability mass, 0 to 1, or {@code null}
	 * @param user a stable identifier of the end user (deprecated: use {@code safety_identifier} and {@code prompt_cache_key}), or {@code null}
	 * @param serviceTier the processing tier, or {@code null}
	 * @param extra properties the specification does not name, or {@code null}
	 */
	public ChatCompletionRequest(@Nullable List<ChatMessage> messages, @Nullable String model, @Nullable List<Modality> modalities, @Nullable Verbosity verbosity, @Nullable ReasoningEffort reasoningEffort, @Nullable Integer maxCompletionTokens, @Nullable Double frequencyPenalty, @Nullable Double presencePenalty, @Nullable WebSearchOptions webSearchOptions, @Nullable Integer topLogprobs, @Nullable ResponseFormat responseFormat, @Nullable AudioParameters audio, @Nullable Boolean store, @Nullable Boolean stream, @Nullable Stop stop, @Nullable Map<String, Integer> logitBias, @Nullable Boolean logprobs, @Nullable Integer maxTokens, @Nullable Integer n, @Nullable Prediction prediction, @Nullable Long seed, @Nullable StreamOptions streamOptions, @Nullable List<Tool> tools, @Nullable ToolChoice toolChoice, @Nullable Boolean parallelToolCalls, @Nullable FunctionCallOption functionCall, @Nullable List<FunctionDefinition> functions, @Nullable Map<String, String> metadata, @Nullable Double temperature, @Nullable Double topP, @Nullable String user, @Nullable ServiceTier serviceTier, @Nullable Map<String, Object> extra) {
		this.messages = ModelSupport.copy(messages);
		this.model = model;
		this.modalities = ModelSupport.copy(modalities);
		this.verbosity = verbosity;
		this.reasoningEffort = reasoningEffort;
		this.maxCompletionTokens = maxCompletionTokens;
		this.frequencyPenalty = frequencyPenalty;
		this.presencePenalty = presencePenalty;
		this.webSearchOptions = webSearchOptions;
		this.topLogprobs = topLogprobs;
		this.responseFormat = responseFormat;
		this.audio = audio;
		this.store = store;
		this.stream = stream;
		this.stop = stop;
		this.logitBias = ModelSupport.copy(logitBias);
		this.logprobs = logprobs;
		this.maxTokens = maxTokens;
		this.n = n;
		this.prediction = prediction;
		this.seed = seed;
		this.streamOptions = streamOptions;
		this.tools = ModelSupport.copy(tools);
		this.toolChoice = toolChoice;
		this.parallelToolCalls = parallelToolCalls;
		this.functionCall = functionCall;
		this.functions = ModelSupport.copy(functions);
		this.metadata = ModelSupport.copy(metadata);
		this.temperature = temperature;
		this.topP = topP;
		this.user = user;
		this.serviceTier = serviceTier;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Returns the messages, or an empty list when none were set.
	 * @return the messages, never {@code null}
	 */
	public List<ChatMessage> messagesOrEmpty() {
		return (this.messages != null) ? this.messages : List.of();
	}

	/**
	 * Returns this request with every field it does not set taken from {@code defaults}: the model, the
	 * options, metadata and extra properties (per key). Fields this request sets always win; the defaults' messages are
	 * put before this request's messages.
	 * @param defaults the defaults
	 * @return the merged request ({@code this} when there is nothing to merge)
	 */
	public ChatCompletionRequest withDefaults(ChatCompletionRequest defaults) {
		if (defaults.equals(EMPTY)) {
			return this;
		}
		Map<String, Object> mergedExtra = this.extra;
		if (!defaults.extra.isEmpty()) {
			mergedExtra = new LinkedHashMap<>(defaults.extra);
			mergedExtra.putAll(this.extra);
		}
		Map<String, String> mergedMetadata = this.metadata;
		if (defaults.metadata != null && this.metadata != null && !defaults.metadata.isEmpty()) {
			mergedMetadata = new LinkedHashMap<>(defaults.metadata);
			mergedMetadata.putAll(this.metadata);
		}
		List<ChatMessage> mergedMessages = this.messages;
		if (defaults.messages != null && !defaults.messages.isEmpty()) {
			mergedMessages = new ArrayList<>(defaults.messages);
			if (this.messages != null) {
				mergedMessages.addAll(this.messages);
			}
		}
		return new ChatCompletionRequest(mergedMessages,
				(this.model != null) ? this.model : defaults.model,
				(this.modalities != null) ? this.modalities : defaults.modalities,
				(this.verbosity != null) ? this.verbosity : defaults.verbosity,
				(this.reasoningEffort != null) ? this.reasoningEffort : defaults.reasoningEffort,
				(this.maxCompletionTokens != null) ? this.maxCompletionTokens : defaults.maxCompletionTokens,
				(this.frequencyPenalty != null) ? this.frequencyPenalty : defaults.frequencyPenalty,
				(this.presencePenalty != null) ? this.presencePenalty : defaults.presencePenalty,
				(this.webSearchOptions != null) ? this.webSearchOptions : defaults.webSearchOptions,
				(this.topLogprobs != null) ? this.topLogprobs : defaults.topLogprobs,
				(this.responseFormat != null) ? this.responseFormat : defaults.responseFormat,
				(this.audio != null) ? this.audio : defaults.audio,
				(this.store != null) ? this.store : defaults.store,
				(this.stream != null) ? this.stream : defaults.stream,
				(this.stop != null) ? this.stop : defaults.stop,
				(this.logitBias != null) ? this.logitBias : defaults.logitBias,
				(this.logprobs != null) ? this.logprobs : defaults.logprobs,
				(this.maxTokens != null) ? this.maxTokens : defaults.maxTokens,
				(this.n != null) ? this.n : defaults.n,
				(this.prediction != null) ? this.prediction : defaults.prediction,
				(this.seed != null) ? this.seed : defaults.seed,
				(this.streamOptions != null) ? this.streamOptions : defaults.streamOptions,
				(this.tools != null) ? this.tools : defaults.tools,
				(this.toolChoice != null) ? this.toolChoice : defaults.toolChoice,
				(this.parallelToolCalls != null) ? this.parallelToolCalls : defaults.parallelToolCalls,
				(this.functionCall != null) ? this.functionCall : defaults.functionCall,
				(this.functions != null) ? this.functions : defaults.functions,
				(mergedMetadata != null) ? mergedMetadata : defaults.metadata,
				(this.temperature != null) ? this.temperature : defaults.temperature,
				(this.topP != null) ? this.topP : defaults.topP,
				(this.user != null) ? this.user : defaults.user,
				(this.serviceTier != null) ? this.serviceTier : defaults.serviceTier,
				mergedExtra);
	}

	/**
	 * Returns a builder initialised with this request's values.
	 * @return the builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.messages = (this.messages != null) ? new ArrayList<>(this.messages) : null;
		builder.model = this.model;
		builder.modalities = (this.modalities != null) ? new ArrayList<>(this.modalities) : null;
		builder.verbosity = this.verbosity;
		builder.reasoningEffort = this.reasoningEffort;
		builder.maxCompletionTokens = this.maxCompletionTokens;
		builder.frequencyPenalty = this.frequencyPenalty;
		builder.presencePenalty = this.presencePenalty;
		builder.webSearchOptions = this.webSearchOptions;
		builder.topLogprobs = this.topLogprobs;
		builder.responseFormat = this.responseFormat;
		builder.audio = this.audio;
		builder.store = this.store;
		builder.stream = this.stream;
		builder.stop = this.stop;
		builder.logitBias = (this.logitBias != null) ? new LinkedHashMap<>(this.logitBias) : null;
		builder.logprobs = this.logprobs;
		builder.maxTokens = this.maxTokens;
		builder.n = this.n;
		builder.prediction = this.prediction;
		builder.seed = this.seed;
		builder.streamOptions = this.streamOptions;
		builder.tools = (this.tools != null) ? new ArrayList<>(this.tools) : null;
		builder.toolChoice = this.toolChoice;
		builder.parallelToolCalls = this.parallelToolCalls;
		builder.functionCall = this.functionCall;
		builder.functions = (this.functions != null) ? new ArrayList<>(this.functions) : null;
		builder.metadata = (this.metadata != null) ? new LinkedHashMap<>(this.metadata) : null;
		builder.temperature = this.temperature;
		builder.topP = this.topP;
		builder.user = this.user;
		builder.serviceTier = this.serviceTier;
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
	 * Builds {@link ChatCompletionRequest}s. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable List<ChatMessage> messages;

		private @Nullable String model;

		private @Nullable List<Modality> modalities;

		private @Nullable Verbosity verbosity;

		private @Nullable ReasoningEffort reasoningEffort;

		private @Nullable Integer maxCompletionTokens;

		private @Nullable Double frequencyPenalty;

		private @Nullable Double presencePenalty;

		private @Nullable WebSearchOptions webSearchOptions;

		private @Nullable Integer topLogprobs;

		private @Nullable ResponseFormat responseFormat;

		private @Nullable AudioParameters audio;

		private @Nullable Boolean store;

		private @Nullable Boolean stream;

		private @Nullable Stop stop;

		private @Nullable Map<String, Integer> logitBias;

		private @Nullable Boolean logprobs;

		private @Nullable Integer maxTokens;

		private @Nullable Integer n;

		private @Nullable Prediction prediction;

		private @Nullable Long seed;

		private @Nullable StreamOptions streamOptions;

		private @Nullable List<Tool> tools;

		private @Nullable ToolChoice toolChoice;

		private @Nullable Boolean parallelToolCalls;

		private @Nullable FunctionCallOption functionCall;

		private @Nullable List<FunctionDefinition> functions;

		private @Nullable Map<String, String> metadata;

		private @Nullable Double temperature;

		private @Nullable Double topP;

		private @Nullable String user;

		private @Nullable ServiceTier serviceTier;

		private final Map<String, Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Adds a message to the conversation.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(ChatMessage message) {
			if (this.messages == null) {
				this.messages = new ArrayList<>();
			}
			this.messages.add(message);
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
			if (this.tools == null) {
				this.tools = new ArrayList<>();
			}
			this.tools.add(tool);
			return this;
		}

		/**
		 * Sets stop sequences.
		 * @param sequences the sequences (one is written as a string)
		 * @return this builder
		 */
		public Builder stop(String... sequences) {
			this.stop = (sequences.length == 1) ? Stop.of(sequences[0]) : Stop.of(Arrays.asList(sequences));
			return this;
		}

		/**
		 * Adds a metadata pair.
		 * @param key the key (at most 64 characters)
		 * @param value the value (at most 512 characters)
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			if (this.metadata == null) {
				this.metadata = new LinkedHashMap<>();
			}
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Sets a top-level property the specification does not name, such as a provider switch
		 * ({@code thinking}, {@code top_k}).
		 * @param name the property name
		 * @param value the value (a JSON-compatible object: map, list, string, number, boolean)
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra.put(name, value);
			return this;
		}

		/**
		 * Sets top-level properties the specification does not name.
		 * @param extra the properties
		 * @return this builder
		 */
		public Builder extra(Map<String, ?> extra) {
			this.extra.putAll(extra);
			return this;
		}

		/**
		 * Sets the messages of the conversation so far ({@code messages}).
		 * @param messages the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder messages(@Nullable List<? extends ChatMessage> messages) {
			this.messages = (messages != null) ? new ArrayList<>(messages) : null;
			return this;
		}

		/**
		 * Sets the model id, such as {@code gpt-5} (see {@link ChatModels}) ({@code model}).
		 * @param model the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the output types: {@code text}, and {@code audio} for audio models ({@code modalities}).
		 * @param modalities the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder modalities(@Nullable List<? extends Modality> modalities) {
			this.modalities = (modalities != null) ? new ArrayList<>(modalities) : null;
			return this;
		}

		/**
		 * Sets how verbose the answer is ({@code verbosity}).
		 * @param verbosity the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder verbosity(@Nullable Verbosity verbosity) {
			this.verbosity = verbosity;
			return this;
		}

		/**
		 * Sets how much effort a reasoning model spends on reasoning ({@code reasoning_effort}).
		 * @param reasoningEffort the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable ReasoningEffort reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Sets the upper bound of generated tokens, visible and reasoning ({@code max_completion_tokens}).
		 * @param maxCompletionTokens the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
			return this;
		}

		/**
		 * Sets the frequency penalty, -2.0 to 2.0 ({@code frequency_penalty}).
		 * @param frequencyPenalty the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Sets the presence penalty, -2.0 to 2.0 ({@code presence_penalty}).
		 * @param presencePenalty the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Sets the options of the web search tool ({@code web_search_options}).
		 * @param webSearchOptions the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder webSearchOptions(@Nullable WebSearchOptions webSearchOptions) {
			this.webSearchOptions = webSearchOptions;
			return this;
		}

		/**
		 * Sets how many most likely tokens to return per position, 0 to 20 (needs {@code logprobs}) ({@code top_logprobs}).
		 * @param topLogprobs the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder topLogprobs(@Nullable Integer topLogprobs) {
			this.topLogprobs = topLogprobs;
			return this;
		}

		/**
		 * Sets the format the model must answer in ({@code response_format}).
		 * @param responseFormat the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Sets the audio output parameters (needed with the {@code audio} modality) ({@code audio}).
		 * @param audio the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder audio(@Nullable AudioParameters audio) {
			this.audio = audio;
			return this;
		}

		/**
		 * Sets whether to store the output for distillation or evals ({@code store}).
		 * @param store the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder store(@Nullable Boolean store) {
			this.store = store;
			return this;
		}

		/**
		 * Sets whether to stream the answer as server-sent events (the template sets it) ({@code stream}).
		 * @param stream the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder stream(@Nullable Boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Sets up to 4 sequences where generation stops ({@code stop}).
		 * @param stop the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder stop(@Nullable Stop stop) {
			this.stop = stop;
			return this;
		}

		/**
		 * Sets biases (-100 to 100) of token ids ({@code logit_bias}).
		 * @param logitBias the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
			this.logitBias = (logitBias != null) ? new LinkedHashMap<>(logitBias) : null;
			return this;
		}

		/**
		 * Sets whether to return log probabilities of the output tokens ({@code logprobs}).
		 * @param logprobs the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder logprobs(@Nullable Boolean logprobs) {
			this.logprobs = logprobs;
			return this;
		}

		/**
		 * Sets the maximum number of generated tokens (deprecated: use {@code max_completion_tokens}) ({@code max_tokens}).
		 * @param maxTokens the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets how many choices to generate, 1 to 128 ({@code n}).
		 * @param n the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder n(@Nullable Integer n) {
			this.n = n;
			return this;
		}

		/**
		 * Sets predicted output that speeds up generation ({@code prediction}).
		 * @param prediction the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder prediction(@Nullable Prediction prediction) {
			this.prediction = prediction;
			return this;
		}

		/**
		 * Sets a seed for best-effort deterministic sampling (deprecated) ({@code seed}).
		 * @param seed the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Sets the options of a streaming response ({@code stream_options}).
		 * @param streamOptions the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder streamOptions(@Nullable StreamOptions streamOptions) {
			this.streamOptions = streamOptions;
			return this;
		}

		/**
		 * Sets the tools the model may call ({@code tools}).
		 * @param tools the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder tools(@Nullable List<? extends Tool> tools) {
			this.tools = (tools != null) ? new ArrayList<>(tools) : null;
			return this;
		}

		/**
		 * Sets which tool the model calls ({@code tool_choice}).
		 * @param toolChoice the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Sets whether the model may call several tools at once ({@code parallel_tool_calls}).
		 * @param parallelToolCalls the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return this;
		}

		/**
		 * Sets which function the model calls (deprecated: use {@code tool_choice}) ({@code function_call}).
		 * @param functionCall the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder functionCall(@Nullable FunctionCallOption functionCall) {
			this.functionCall = functionCall;
			return this;
		}

		/**
		 * Sets the functions the model may call (deprecated: use {@code tools}) ({@code functions}).
		 * @param functions the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder functions(@Nullable List<? extends FunctionDefinition> functions) {
			this.functions = (functions != null) ? new ArrayList<>(functions) : null;
			return this;
		}

		/**
		 * Sets up to 16 key-value pairs attached to the request ({@code metadata}).
		 * @param metadata the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder metadata(@Nullable Map<String, String> metadata) {
			this.metadata = (metadata != null) ? new LinkedHashMap<>(metadata) : null;
			return this;
		}

		/**
		 * Sets the sampling temperature, 0 to 2 ({@code temperature}).
		 * @param temperature the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the nucleus sampling probability mass, 0 to 1 ({@code top_p}).
		 * @param topP the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder topP(@Nullable Double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Sets a stable identifier of the end user (deprecated: use {@code safety_identifier} and {@code prompt_cache_key}) ({@code user}).
		 * @param user the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Sets the processing tier ({@code service_tier}).
		 * @param serviceTier the value, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable ServiceTier serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public ChatCompletionRequest build() {
			return new ChatCompletionRequest(this.messages, this.model, this.modalities, this.verbosity, this.reasoningEffort, this.maxCompletionTokens, this.frequencyPenalty, this.presencePenalty, this.webSearchOptions, this.topLogprobs, this.responseFormat, this.audio, this.store, this.stream, this.stop, this.logitBias, this.logprobs, this.maxTokens, this.n, this.prediction, this.seed, this.streamOptions, this.tools, this.toolChoice, this.parallelToolCalls, this.functionCall, this.functions, this.metadata, this.temperature, this.topP, this.user, this.serviceTier, this.extra);
		}

	}

}
