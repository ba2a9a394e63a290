package com.mulerun.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import com.mulerun.chat.auth.ApiKeyProvider;
import com.mulerun.chat.error.Redaction;
import com.mulerun.chat.http.EndpointUris;
import com.mulerun.chat.http.ModelCallListener;
import com.mulerun.chat.http.ModelCircuitBreakers;
import com.mulerun.chat.http.ModelFallback;
import com.mulerun.chat.http.PoolSettings;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.observation.ChatCompletionObservationConvention;
import com.mulerun.chat.observation.ToolExecutionObservationConvention;
import com.mulerun.chat.structured.StructuredOutputMode;
import com.mulerun.chat.structured.StructuredOutputSettings;
import com.mulerun.chat.tool.ChatTools;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds a {@link ChatCompletionTemplate}: collects the settings, then assembles the
 * collaborators the template composes (request preparation, interceptor chain, observer,
 * transport over a {@link WebClient}). The Spring Boot auto-configuration builds its
 * template with this builder too. Not thread-safe.
 */
public final class ChatCompletionTemplateBuilder {

	@Nullable String apiKey;

	@Nullable String apiKeySource;

	@Nullable ApiKeyProvider apiKeyProvider;

	String baseUrl = ChatCompletionTemplate.DEFAULT_BASE_URL;

	String completionsPath = ChatCompletionTemplate.DEFAULT_COMPLETIONS_PATH;

	String defaultModel = ChatCompletionTemplate.DEFAULT_MODEL;

	ChatCompletionRequest defaults = ChatCompletionRequest.EMPTY;

	List<String> fallbackModels = List.of();

	final Map<String, UnaryOperator<ChatCompletionRequest>> fallbackOverrides = new LinkedHashMap<>();

	@Nullable ModelCallListener modelCallListener;

	@Nullable ModelCircuitBreakers modelCircuitBreakers;

	Timeouts timeouts = Timeouts.DEFAULTS;

	RetrySettings retrySettings = RetrySettings.DEFAULTS;

	boolean validation = true;

	boolean includeUsage = true;

	int maxEventSize = ChatCompletionTemplate.DEFAULT_MAX_EVENT_SIZE;

	int maxResponseSize = ChatCompletionTemplate.DEFAULT_MAX_RESPONSE_SIZE;

	final Map<String, List<String>> defaultHeaders = new LinkedHashMap<>();

	final List<ChatCompletionInterceptor> interceptors = new ArrayList<>();

	@Nullable ProxySettings proxy;

	PoolSettings poolSettings = PoolSettings.DEFAULTS;

	WebClient.@Nullable Builder webClientBuilder;

	@Nullable ClientHttpConnector connector;

	Scheduler scheduler = Schedulers.parallel();

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	@Nullable ChatCompletionObservationConvention observationConvention;

	boolean observationIncludeContent;

	JsonMapper jsonMapper = ChatJson.mapper();

	StructuredOutputSettings structuredOutputSettings = StructuredOutputSettings.DEFAULTS;

	@Nullable ChatTools defaultTools;

	@Nullable ToolExecutionObservationConvention toolObservationConvention;

	Scheduler toolScheduler = Schedulers.boundedElastic();

	ChatCompletionTemplateBuilder() {
	}

	/**
	 * Sets the API key sent as a bearer token. It is never logged or printed.
	 * @param apiKey the key
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder apiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
		return this;
	}

	/**
	 * Sets the provider of each call's API key (multi-tenant applications); a call's own
	 * key wins, the configured {@link #apiKey(String) key} is used when the provider
	 * returns none.
	 * @param apiKeyProvider the provider, or {@code null}
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder apiKeyProvider(@Nullable ApiKeyProvider apiKeyProvider) {
		this.apiKeyProvider = apiKeyProvider;
		return this;
	}

	/**
	 * Says where the API key comes from, such as
	 * {@code the environment variable MULERUN_API_KEY}, so that the message of a rejected
	 * key (401, 403) points at it; never the key itself.
	 * @param apiKeySource the description, or {@code null} for the builder's
	 * {@code apiKey(...)}
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder apiKeySource(@Nullable String apiKeySource) {
		this.apiKeySource = apiKeySource;
		return this;
	}

	/**
	 * Sets the base URL: an absolute {@code http://} or {@code https://} URL with a host,
	 * without query or fragment.
	 * @param baseUrl the base URL, such as {@code https://api.mulerun.com}
	 * @return this builder
	 * @throws IllegalArgumentException naming the rule the URL breaks
	 */
	public ChatCompletionTemplateBuilder baseUrl(String baseUrl) {
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		this.baseUrl = EndpointUris.baseUrl(baseUrl, ChatCompletionTemplate.DEFAULT_BASE_URL);
		return this;
	}

	/**
	 * Sets the path of the chat completions endpoint, relative to the base URL.
	 * @param completionsPath the path, such as {@code /v1/chat/completions}
	 * @return this builder
	 * @throws IllegalArgumentException naming the rule the path breaks
	 */
	public ChatCompletionTemplateBuilder completionsPath(String completionsPath) {
		Objects.requireNonNull(completionsPath, "completionsPath must not be null");
		this.completionsPath = EndpointUris.completionsPath(completionsPath);
		return this;
	}

	/**
	 * Sets the model used when a request names none.
	 * @param defaultModel the model id
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder defaultModel(String defaultModel) {
		this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel must not be null");
		return this;
	}

	/**
	 * Sets the models a call falls back to, in order (see {@link ModelFallback}); a
	 * call's own replace them.
	 * @param fallbackModels the model ids (empty: no fallback, the default)
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder fallbackModels(List<String> fallbackModels) {
		this.fallbackModels = ModelFallback
			.requireModelIds(Objects.requireNonNull(fallbackModels, "fallbackModels must not be null"));
		return this;
	}

	/**
	 * Sets what changes a request before it is sent to a model as a fallback (the
	 * request's model is already changed), for fields that model's family rejects or
	 * needs; without one the request is sent unchanged.
	 * @param model the fallback model id
	 * @param override the change, such as
	 * {@code (request) -> request.mutate().reasoningEffort(null).build()}
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder fallbackOverride(String model, UnaryOperator<ChatCompletionRequest> override) {
		this.fallbackOverrides.put(Objects.requireNonNull(model, "model must not be null"),
				Objects.requireNonNull(override, "override must not be null"));
		return this;
	}

	/**
	 * Sets the listener told the outcome of every request per model (the starter's health
	 * indicator).
	 * @param modelCallListener the listener, or {@code null}
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder modelCallListener(@Nullable ModelCallListener modelCallListener) {
		this.modelCallListener = modelCallListener;
		return this;
	}

	/**
	 * Switches circuit breaking per model on (see {@link ModelCircuitBreakers}; needs
	 * Resilience4j); off by default.
	 * @param modelCircuitBreakers the circuit breakers, or {@code null} for none
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder modelCircuitBreakers(@Nullable ModelCircuitBreakers modelCircuitBreakers) {
		this.modelCircuitBreakers = modelCircuitBreakers;
		return this;
	}

	/**
	 * Sets default request options: every field a request does not set is taken from them
	 * (and is sent only when set here).
	 * @param defaults the defaults
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder defaultOptions(ChatCompletionRequest defaults) {
		this.defaults = Objects.requireNonNull(defaults, "defaults must not be null");
		return this;
	}

	/**
	 * Sets the timeouts.
	 * @param timeouts the timeouts
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder timeouts(Timeouts timeouts) {
		this.timeouts = Objects.requireNonNull(timeouts, "timeouts must not be null");
		return this;
	}

	/**
	 * Sets the retry policy.
	 * @param retrySettings the policy
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder retrySettings(RetrySettings retrySettings) {
		this.retrySettings = Objects.requireNonNull(retrySettings, "retrySettings must not be null");
		return this;
	}

	/**
	 * Sets whether requests are validated before they are sent.
	 * @param validation whether to validate
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder validation(boolean validation) {
		this.validation = validation;
		return this;
	}

	/**
	 * Sets whether streams ask for usage ({@code stream_options.include_usage}) when the
	 * request does not set stream options.
	 * @param includeUsage whether to ask for usage
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder includeUsage(boolean includeUsage) {
		this.includeUsage = includeUsage;
		return this;
	}

	/**
	 * Sets the maximum size of one server-sent event.
	 * @param maxEventSize the size in bytes
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder maxEventSize(int maxEventSize) {
		this.maxEventSize = maxEventSize;
		return this;
	}

	/**
	 * Sets the maximum size of a non-streaming response body.
	 * @param maxResponseSize the size in bytes
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder maxResponseSize(int maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
		return this;
	}

	/**
	 * Adds a header sent with every call.
	 * @param name the name
	 * @param value the value
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder defaultHeader(String name, String value) {
		this.defaultHeaders.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		return this;
	}

	/**
	 * Adds an interceptor; interceptors run in the order they are added.
	 * @param interceptor the interceptor
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder interceptor(ChatCompletionInterceptor interceptor) {
		this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
		return this;
	}

	/**
	 * Adds interceptors, in order.
	 * @param interceptors the interceptors
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder interceptors(List<? extends ChatCompletionInterceptor> interceptors) {
		interceptors.forEach(this::interceptor);
		return this;
	}

	/**
	 * Sets the proxy of the default connector (ignored when a connector or a
	 * {@link WebClient.Builder} is given).
	 * @param proxy the proxy, or {@code null}
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder proxy(@Nullable ProxySettings proxy) {
		this.proxy = proxy;
		return this;
	}

	/**
	 * Sets the connection pool and compression of the default connector (ignored when a
	 * connector or a {@link WebClient.Builder} is given).
	 * @param poolSettings the settings
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder poolSettings(PoolSettings poolSettings) {
		this.poolSettings = Objects.requireNonNull(poolSettings, "poolSettings must not be null");
		return this;
	}

	/**
	 * Sets the {@link WebClient.Builder} to build on; it is cloned, never changed.
	 * @param webClientBuilder the builder, or {@code null} for a new one
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder webClientBuilder(WebClient.@Nullable Builder webClientBuilder) {
		this.webClientBuilder = webClientBuilder;
		return this;
	}

	/**
	 * Sets the HTTP connector, replacing the default Reactor Netty one.
	 * @param connector the connector, or {@code null}
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder clientConnector(@Nullable ClientHttpConnector connector) {
		this.connector = connector;
		return this;
	}

	/**
	 * Sets the scheduler of retry delays and timeouts (tests use a virtual-time
	 * scheduler).
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder scheduler(Scheduler scheduler) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
		return this;
	}

	/**
	 * Sets the registry calls are observed with.
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
		return this;
	}

	/**
	 * Sets a custom observation convention.
	 * @param observationConvention the convention, or {@code null} for the default
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder observationConvention(
			@Nullable ChatCompletionObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	/**
	 * Sets whether observations record the prompt and completion text
	 * ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}); off by default,
	 * since messages can hold personal or secret data.
	 * @param observationIncludeContent whether to record message content
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder observationIncludeContent(boolean observationIncludeContent) {
		this.observationIncludeContent = observationIncludeContent;
		return this;
	}

	/**
	 * Sets how structured-output calls ask for JSON (default
	 * {@link StructuredOutputMode#AUTO}, by model id);
	 * {@link CallOptions.Builder#structuredOutputMode(StructuredOutputMode)} overrides it
	 * per call.
	 * @param mode the mode
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder structuredOutputMode(StructuredOutputMode mode) {
		this.structuredOutputSettings = this.structuredOutputSettings.withMode(mode);
		return this;
	}

	/**
	 * Sets how many times a structured-output call sends a parse failure back to the
	 * model to correct (default 0);
	 * {@link CallOptions.Builder#structuredOutputRepairAttempts(Integer)} overrides it
	 * per call.
	 * @param repairAttempts the number, at least 0
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder structuredOutputRepairAttempts(int repairAttempts) {
		this.structuredOutputSettings = this.structuredOutputSettings.withRepairAttempts(repairAttempts);
		return this;
	}

	/**
	 * Sets the JSON mapper (by default {@link ChatJson#mapper()}); structured output
	 * reads values and names schema properties with it.
	 * @param jsonMapper the mapper
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder jsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		return this;
	}

	/**
	 * Sets the tools of every call whose options name none: such calls run the tool loop.
	 * @param defaultTools the tools, or {@code null} for none
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder defaultTools(@Nullable ChatTools defaultTools) {
		this.defaultTools = defaultTools;
		return this;
	}

	/**
	 * Sets a custom convention of the tool execution observations.
	 * @param toolObservationConvention the convention, or {@code null} for the default
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder toolObservationConvention(
			@Nullable ToolExecutionObservationConvention toolObservationConvention) {
		this.toolObservationConvention = toolObservationConvention;
		return this;
	}

	/**
	 * Sets the scheduler blocking tools run on when their {@link ChatTools} name none (by
	 * default {@link Schedulers#boundedElastic()}; the auto-configuration uses virtual
	 * threads when they are enabled).
	 * @param toolScheduler the scheduler
	 * @return this builder
	 */
	public ChatCompletionTemplateBuilder toolScheduler(Scheduler toolScheduler) {
		this.toolScheduler = Objects.requireNonNull(toolScheduler, "toolScheduler must not be null");
		return this;
	}

	/**
	 * Builds the template.
	 * @return the template
	 */
	public ChatCompletionTemplate build() {
		return TemplateAssembly.assemble(this);
	}

	@Override
	public String toString() {
		return "ChatCompletionTemplateBuilder[baseUrl=" + this.baseUrl + ", apiKey="
				+ ((this.apiKey != null) ? Redaction.REDACTED : "null") + "]";
	}

}
