package com.mulerun.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.Timeouts;
import com.mulerun.chat.http.ModelCircuitBreakers;
import com.mulerun.chat.http.PoolSettings;
import com.mulerun.chat.structured.StructuredOutputMode;
import com.mulerun.chat.structured.StructuredOutputSettings;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the MuleRun client (prefix {@code mulerun}).
 *
 * <p>
 * The properties validate themselves when they are bound: an invalid value (a base URL
 * without {@code https://}, a non-positive timeout, a jitter outside 0..1, ...) stops the
 * start with Boot's report naming the property, the value and the rule.
 */
@ConfigurationProperties("mulerun")
public class MuleRunProperties implements Validator {

	/**
	 * Whether to auto-configure the MuleRun client.
	 */
	private boolean enabled = true;

	/**
	 * API key sent as a bearer token. Falls back to the MULERUN_API_KEY environment
	 * variable. Never logged.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the MuleRun API.
	 */
	private String baseUrl = ChatCompletionTemplate.DEFAULT_BASE_URL;

	/**
	 * Path of the chat completions endpoint, relative to the base URL.
	 */
	private String completionsPath = ChatCompletionTemplate.DEFAULT_COMPLETIONS_PATH;

	/**
	 * Whether to validate requests before they are sent. Turn off for gateways with other
	 * limits.
	 */
	private boolean validation = true;

	private final Chat chat = new Chat();

	private final Retry retry = new Retry();

	private final Http http = new Http();

	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	private final Logging logging = new Logging();

	private final Observations observations = new Observations();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getCompletionsPath() {
		return this.completionsPath;
	}

	public void setCompletionsPath(String completionsPath) {
		this.completionsPath = completionsPath;
	}

	public boolean isValidation() {
		return this.validation;
	}

	public void setValidation(boolean validation) {
		this.validation = validation;
	}

	public Chat getChat() {
		return this.chat;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Http getHttp() {
		return this.http;
	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * Tells whether this validator checks the given type: only {@code MuleRunProperties}
	 * itself.
	 * @param type the type Boot is about to validate
	 * @return whether it is {@code MuleRunProperties}
	 */
	@Override
	public boolean supports(Class<?> type) {
		return MuleRunProperties.class == type;
	}

	/**
	 * Checks every property against the rule the client applies to it, rejecting each
	 * invalid one by name.
	 * @param target the bound properties
	 * @param errors where the rejected values go
	 */
	@Override
	public void validate(Object target, Errors errors) {
		MuleRunPropertiesValidator.validate((MuleRunProperties) target, errors);
	}

	@Override
	public String toString() {
		return "MuleRunProperties[enabled=" + this.enabled + ", apiKey="
				+ ((this.apiKey != null) ? "[redacted]" : "null") + ", baseUrl=" + this.baseUrl + ", model="
				+ this.chat.model + "]";
	}

	/**
	 * Chat defaults: the model and the options sent with every request that does not set
	 * them. An option that is not set here is not sent.
	 */
	public static class Chat {

		/**
		 * Model used when a request names none.
		 */
		private String model = ChatCompletionTemplate.DEFAULT_MODEL;

		/**
		 * Models a call falls back to, in order, when its model is overloaded, rate
		 * limited, failing or unknown and nothing reached the caller yet. Empty: no
		 * fallback.
		 */
		private List<String> fallbackModels = new ArrayList<>();

		/**
		 * Default sampling temperature, 0 to 2. Not sent when unset (GPT-5 rejects it).
		 */
		private @Nullable Double temperature;

		/**
		 * Default nucleus sampling probability mass, 0 to 1.
		 */
		private @Nullable Double topP;

		/**
		 * Default upper bound of generated tokens, visible and reasoning.
		 */
		private @Nullable Integer maxCompletionTokens;

		/**
		 * Default frequency penalty, -2 to 2.
		 */
		private @Nullable Double frequencyPenalty;

		/**
		 * Default presence penalty, -2 to 2.
		 */
		private @Nullable Double presencePenalty;

		/**
		 * Default reasoning effort of reasoning models: minimal, low, medium or high.
		 */
		private @Nullable String reasoningEffort;

		/**
		 * Default verbosity: low, medium or high.
		 */
		private @Nullable String verbosity;

		/**
		 * Default processing tier: auto, default, flex, scale or priority.
		 */
		private @Nullable String serviceTier;

		/**
		 * Default seed for best-effort deterministic sampling.
		 */
		private @Nullable Long seed;

		/**
		 * Whether the model may call several tools at once, by default.
		 */
		private @Nullable Boolean parallelToolCalls;

		/**
		 * Whether to store outputs for distillation or evals, by default.
		 */
		private @Nullable Boolean store;

		/**
		 * Default end-user identifier.
		 */
		private @Nullable String user;

		/**
		 * Metadata pairs added to every request (a request's own pairs win per key).
		 */
		private Map<String, String> metadata = new LinkedHashMap<>();

		/**
		 * Extra top-level body properties added to every request, such as provider
		 * switches (top_k, thinking). YAML values keep their type (40 is a number, "40" a
		 * string); in properties files and environment variables a value that reads as a
		 * number or boolean is sent as one.
		 */
		private Map<String, Object> extraBody = new LinkedHashMap<>();

		/**
		 * Whether streams ask for usage (stream_options.include_usage) when the request
		 * sets no stream options.
		 */
		private boolean includeUsage = true;

		private final Structured structured = new Structured();

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public List<String> getFallbackModels() {
			return this.fallbackModels;
		}

		public void setFallbackModels(List<String> fallbackModels) {
			this.fallbackModels = fallbackModels;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public @Nullable Integer getMaxCompletionTokens() {
			return this.maxCompletionTokens;
		}

		public void setMaxCompletionTokens(@Nullable Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
		}

		public @Nullable Double getFrequencyPenalty() {
			return this.frequencyPenalty;
		}

		public void setFrequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
		}

		public @Nullable Double getPresencePenalty() {
			return this.presencePenalty;
		}

		public void setPresencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
		}

		public @Nullable String getReasoningEffort() {
			return this.reasoningEffort;
		}

		public void setReasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
		}

		public @Nullable String getVerbosity() {
			return this.verbosity;
		}

		public void setVerbosity(@Nullable String verbosity) {
			this.verbosity = verbosity;
		}

		public @Nullable String getServiceTier() {
			return this.serviceTier;
		}

		public void setServiceTier(@Nullable String serviceTier) {
			this.serviceTier = serviceTier;
		}

		public @Nullable Long getSeed() {
			return this.seed;
		}

		public void setSeed(@Nullable Long seed) {
			this.seed = seed;
		}

		public @Nullable Boolean getParallelToolCalls() {
			return this.parallelToolCalls;
		}

		public void setParallelToolCalls(@Nullable Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
		}

		public @Nullable Boolean getStore() {
			return this.store;
		}

		public void setStore(@Nullable Boolean store) {
			this.store = store;
		}

		public @Nullable String getUser() {
			return this.user;
		}

		public void setUser(@Nullable String user) {
			this.user = user;
		}

		public Map<String, String> getMetadata() {
			return this.metadata;
		}

		public void setMetadata(Map<String, String> metadata) {
			this.metadata = metadata;
		}

		public Map<String, Object> getExtraBody() {
			return this.extraBody;
		}

		public void setExtraBody(Map<String, Object> extraBody) {
			this.extraBody = extraBody;
		}

		public boolean isIncludeUsage() {
			return this.includeUsage;
		}

		public void setIncludeUsage(boolean includeUsage) {
			this.includeUsage = includeUsage;
		}

		public Structured getStructured() {
			return this.structured;
		}

	}

	/**
	 * Structured output (entity, createEntity, streamEntities): how requests ask for JSON
	 * of a Java type and how often a failed parse is sent back to the model to correct.
	 */
	public static class Structured {

		/**
		 * How requests ask for JSON: auto (by model id: json-schema for GPT and Gemini,
		 * tool-call for Claude, json-object for any other), json-schema, tool-call or
		 * json-object.
		 */
		private StructuredOutputMode mode = StructuredOutputSettings.DEFAULTS.mode();

		/**
		 * How many times a structured answer that does not parse is sent back to the
		 * model with the error.
		 */
		private int repairAttempts = StructuredOutputSettings.DEFAULTS.repairAttempts();

		public StructuredOutputMode getMode() {
			return this.mode;
		}

		public void setMode(StructuredOutputMode mode) {
			this.mode = mode;
		}

		public int getRepairAttempts() {
			return this.repairAttempts;
		}

		public void setRepairAttempts(int repairAttempts) {
			this.repairAttempts = repairAttempts;
		}

	}

	/**
	 * Retries of transient failures (408, 409, 429, 5xx, connection failures before a
	 * response), with exponential backoff and jitter. A stream is retried only before its
	 * first chunk.
	 */
	public static class Retry {

		/**
		 * Maximum number of retries after the first attempt. 0 disables retries.
		 */
		private int maxRetries = RetrySettings.DEFAULTS.maxRetries();

		/**
		 * Delay before the first retry.
		 */
		private Duration initialBackoff = RetrySettings.DEFAULTS.initialBackoff();

		/**
		 * Maximum delay between two attempts.
		 */
		private Duration maxBackoff = RetrySettings.DEFAULTS.maxBackoff();

		/**
		 * Factor the delay grows by after each retry.
		 */
		private double multiplier = RetrySettings.DEFAULTS.multiplier();

		/**
		 * Random reduction of each delay: 0.25 multiplies it by a random factor between
		 * 0.75 and 1.0.
		 */
		private double jitter = RetrySettings.DEFAULTS.jitter();

		/**
		 * Maximum delay honoured when the server asks for one (Retry-After,
		 * retry-after-ms).
		 */
		private Duration maxServerDelay = RetrySettings.DEFAULTS.maxServerDelay();

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxServerDelay() {
			return this.maxServerDelay;
		}

		public void setMaxServerDelay(Duration maxServerDelay) {
			this.maxServerDelay = maxServerDelay;
		}

	}

	/**
	 * HTTP settings: timeouts, proxy, headers, TLS and size limits.
	 */
	public static class Http {

		/**
		 * Timeout for establishing a connection.
		 */
		private Duration connectTimeout = Timeouts.DEFAULTS.connect();

		/**
		 * Time from sending a request until the response headers arrive.
		 */
		private Duration responseTimeout = Timeouts.DEFAULTS.response();

		/**
		 * Longest gap between two chunks of a stream; a stream lives as long as chunks
		 * keep arriving.
		 */
		private Duration streamIdleTimeout = Timeouts.DEFAULTS.streamIdle();

		/**
		 * Longest a non-streaming call may take, retries included.
		 */
		private Duration overallTimeout = Timeouts.DEFAULTS.overall();

		/**
		 * Longest a stream may take, retries included. Unset (the default) means no
		 * bound: a stream lives as long as data keeps arriving, comments (": ping")
		 * included.
		 */
		private @Nullable Duration streamMaxDuration;

		/**
		 * Headers added to every call.
		 */
		private Map<String, String> defaultHeaders = new LinkedHashMap<>();

		/**
		 * Name of an SSL bundle (spring.ssl.bundle.*) used for TLS.
		 */
		private @Nullable String sslBundle;

		/**
		 * Maximum size of a non-streaming response body held in memory.
		 */
		private DataSize maxInMemorySize = DataSize.ofBytes(ChatCompletionTemplate.DEFAULT_MAX_RESPONSE_SIZE);

		/**
		 * Maximum size of one server-sent event of a stream.
		 */
		private DataSize maxEventSize = DataSize.ofBytes(ChatCompletionTemplate.DEFAULT_MAX_EVENT_SIZE);

		private final Proxy proxy = new Proxy();

		/**
		 * Whether to ask for compressed responses (Accept-Encoding: gzip). Off:
		 * decompressing a stream costs CPU on every chunk for little gain on small
		 * chunks.
		 */
		private boolean compression = PoolSettings.DEFAULTS.compression();

		private final Pool pool = new Pool();

		public boolean isCompression() {
			return this.compression;
		}

		public void setCompression(boolean compression) {
			this.compression = compression;
		}

		public Pool getPool() {
			return this.pool;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public Duration getStreamIdleTimeout() {
			return this.streamIdleTimeout;
		}

		public void setStreamIdleTimeout(Duration streamIdleTimeout) {
			this.streamIdleTimeout = streamIdleTimeout;
		}

		public Duration getOverallTimeout() {
			return this.overallTimeout;
		}

		public void setOverallTimeout(Duration overallTimeout) {
			this.overallTimeout = overallTimeout;
		}

		public @Nullable Duration getStreamMaxDuration() {
			return this.streamMaxDuration;
		}

		public void setStreamMaxDuration(@Nullable Duration streamMaxDuration) {
			this.streamMaxDuration = streamMaxDuration;
		}

		public Map<String, String> getDefaultHeaders() {
			return this.defaultHeaders;
		}

		public void setDefaultHeaders(Map<String, String> defaultHeaders) {
			this.defaultHeaders = defaultHeaders;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public DataSize getMaxInMemorySize() {
			return this.maxInMemorySize;
		}

		public void setMaxInMemorySize(DataSize maxInMemorySize) {
			this.maxInMemorySize = maxInMemorySize;
		}

		public DataSize getMaxEventSize() {
			return this.maxEventSize;
		}

		public void setMaxEventSize(DataSize maxEventSize) {
			this.maxEventSize = maxEventSize;
		}

		public Proxy getProxy() {
			return this.proxy;
		}

		/**
		 * The connection pool of the client's own Reactor Netty connector.
		 */
		public static class Pool {

			/**
			 * Most connections open at once.
			 */
			private int maxConnections = PoolSettings.DEFAULTS.maxConnections();

			/**
			 * How long a call waits for a connection when all are busy.
			 */
			private Duration pendingAcquireTimeout = PoolSettings.DEFAULTS.pendingAcquireTimeout();

			/**
			 * Most calls waiting for a connection; -1 for no limit.
			 */
			private int pendingAcquireMaxCount = PoolSettings.DEFAULTS.pendingAcquireMaxCount();

			/**
			 * How long a connection may stay idle before it is closed.
			 */
			private @Nullable Duration maxIdleTime = PoolSettings.DEFAULTS.maxIdleTime();

			public int getMaxConnections() {
				return this.maxConnections;
			}

			public void setMaxConnections(int maxConnections) {
				this.maxConnections = maxConnections;
			}

			public Duration getPendingAcquireTimeout() {
				return this.pendingAcquireTimeout;
			}

			public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
				this.pendingAcquireTimeout = pendingAcquireTimeout;
			}

			public int getPendingAcquireMaxCount() {
				return this.pendingAcquireMaxCount;
			}

			public void setPendingAcquireMaxCount(int pendingAcquireMaxCount) {
				this.pendingAcquireMaxCount = pendingAcquireMaxCount;
			}

			public @Nullable Duration getMaxIdleTime() {
				return this.maxIdleTime;
			}

			public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
				this.maxIdleTime = maxIdleTime;
			}

		}

		/**
		 * An HTTP proxy.
		 */
		public static class Proxy {

			/**
			 * Proxy host. No proxy is used when unset.
			 */
			private @Nullable String host;

			/**
			 * Proxy port.
			 */
			private @Nullable Integer port;

			/**
			 * Proxy user name.
			 */
			private @Nullable String username;

			/**
			 * Proxy password. Never logged.
			 */
			private @Nullable String password;

			/**
			 * Regular expression of hosts reached without the proxy.
			 */
			private @Nullable String nonProxyHosts;

			public @Nullable String getHost() {
				return this.host;
			}

			public void setHost(@Nullable String host) {
				this.host = host;
			}

			public @Nullable Integer getPort() {
				return this.port;
			}

			public void setPort(@Nullable Integer port) {
				this.port = port;
			}

			public @Nullable String getUsername() {
				return this.username;
			}

			public void setUsername(@Nullable String username) {
				this.username = username;
			}

			public @Nullable String getPassword() {
				return this.password;
			}

			public void setPassword(@Nullable String password) {
				this.password = password;
			}

			public @Nullable String getNonProxyHosts() {
				return this.nonProxyHosts;
			}

			public void setNonProxyHosts(@Nullable String nonProxyHosts) {
				this.nonProxyHosts = nonProxyHosts;
			}

		}

	}

	/**
	 * Request and response logging through SLF4J (logger
	 * com.mulerun.chat.interceptor.LoggingChatCompletionInterceptor).
	 */
	public static class Logging {

		/**
		 * Whether to log a one-line summary of every call at INFO.
		 */
		private boolean enabled;

		/**
		 * Whether to log request and response bodies at DEBUG (streams as the aggregate).
		 * Credentials are redacted.
		 */
		private boolean includeBodies;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isIncludeBodies() {
			return this.includeBodies;
		}

		public void setIncludeBodies(boolean includeBodies) {
			this.includeBodies = includeBodies;
		}

	}

	/**
	 * Micrometer observations of calls.
	 */
	public static class Observations {

		/**
		 * Whether to record prompt and completion content in observations (sensitive: off
		 * by default).
		 */
		private boolean includeContent;

		public boolean isIncludeContent() {
			return this.includeContent;
		}

		public void setIncludeContent(boolean includeContent) {
			this.includeContent = includeContent;
		}

	}

	/**
	 * Circuit breaking per model (Resilience4j): a model that failed repeatedly is
	 * skipped for a cool-down.
	 */
	public static class CircuitBreaker {

		/**
		 * Whether to skip a model for a cool-down after consecutive failures. Needs
		 * io.github.resilience4j:resilience4j-circuitbreaker on the classpath.
		 */
		private boolean enabled;

		/**
		 * Consecutive fallback-worthy failures (after retries) that open a model's
		 * circuit.
		 */
		private int failureThreshold = ModelCircuitBreakers.DEFAULT_CONSECUTIVE_FAILURES;

		/**
		 * How long a model whose circuit opened is skipped before one call is let through
		 * again.
		 */
		private Duration coolDown = Duration.ofSeconds(ModelCircuitBreakers.DEFAULT_COOL_DOWN_SECONDS);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Duration getCoolDown() {
			return this.coolDown;
		}

		public void setCoolDown(Duration coolDown) {
			this.coolDown = coolDown;
		}

	}

}
