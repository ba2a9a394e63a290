package com.mulerun.chat;

import com.mulerun.chat.error.Redaction;
import com.mulerun.chat.http.ModelFallback;
import com.mulerun.chat.structured.StructuredOutputMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mulerun.chat.tool.ChatTools;
import org.jspecify.annotations.Nullable;

/**
 * Per-call options that override the template's configuration for one call: retry policy,
 * timeouts, extra HTTP headers, structured output, the tools of the tool loop, the API
 * key and the fallback models. Interceptors receive them and may return changed copies.
 *
 * @param retrySettings the retry policy of this call, or {@code null} for the template's
 * @param responseTimeout the time until response headers, or {@code null} for the
 * template's
 * @param streamIdleTimeout the longest gap between two chunks, or {@code null} for the
 * template's
 * @param overallTimeout the longest a non-streaming call may take, or {@code null} for
 * the template's
 * @param headers extra HTTP headers of this call
 * @param structuredOutputMode how a structured-output call asks for JSON, or {@code null}
 * for the template's
 * @param structuredOutputRepairAttempts how many repair attempts a structured-output call
 * makes, or {@code null} for the template's
 * @param tools the tools of this call (the loop runs when there are any), or {@code null}
 * for the template's default tools
 * @param maxToolRoundTrips the most tool round trips of this call, or {@code null} for
 * {@value #DEFAULT_MAX_TOOL_ROUND_TRIPS}
 * @param apiKey the API key of this call (sent as the bearer token instead of the
 * configured key), or {@code null} for the key provider's or the configured key; never
 * printed
 * @param fallbackModels the models tried in order when the request's model fails with a
 * fallback-worthy error, or {@code null} for the template's (an empty list switches
 * fallback off for this call)
 */
public record CallOptions(@Nullable RetrySettings retrySettings, @Nullable Duration responseTimeout,
		@Nullable Duration streamIdleTimeout, @Nullable Duration overallTimeout, Map<String, List<String>> headers,
		@Nullable StructuredOutputMode structuredOutputMode, @Nullable Integer structuredOutputRepairAttempts,
		@Nullable ChatTools tools, @Nullable Integer maxToolRoundTrips, @Nullable String apiKey,
		@Nullable List<String> fallbackModels) {

	/**
	 * The most tool round trips of a call by default: answers with tool calls that the
	 * loop executes.
	 */
	public static final int DEFAULT_MAX_TOOL_ROUND_TRIPS = 10;

	/** No overrides. */
	public static final CallOptions NONE = new CallOptions(null, null, null, null, Map.of(), null, null, null, null,
			null, null);

	/**
	 * Creates options.
	 * @param retrySettings the retry policy, or {@code null}
	 * @param responseTimeout the response timeout, or {@code null}
	 * @param streamIdleTimeout the stream idle timeout, or {@code null}
	 * @param overallTimeout the overall timeout, or {@code null}
	 * @param headers extra headers
	 * @param structuredOutputMode the structured-output mode, or {@code null}
	 * @param structuredOutputRepairAttempts the structured-output repair attempts, or
	 * {@code null}
	 * @param tools the tools, or {@code null}
	 * @param maxToolRoundTrips the most tool round trips, or {@code null}
	 * @param apiKey the API key of this call, or {@code null}
	 * @param fallbackModels the fallback models of this call, or {@code null}
	 * @throws IllegalArgumentException when {@code structuredOutputRepairAttempts} is
	 * negative, {@code maxToolRoundTrips} is less than 1, or the API key or a fallback
	 * model is blank
	 */
	public CallOptions {
		if (maxToolRoundTrips != null && maxToolRoundTrips < 1) {
			throw new IllegalArgumentException("maxToolRoundTrips must be at least 1 (was " + maxToolRoundTrips + ")");
		}
		if (structuredOutputRepairAttempts != null && structuredOutputRepairAttempts < 0) {
			throw new IllegalArgumentException(
					"structuredOutputRepairAttempts must be at least 0, was " + structuredOutputRepairAttempts);
		}
		if (apiKey != null && apiKey.isBlank()) {
			throw new IllegalArgumentException("apiKey must not be blank (leave it null for the configured key)");
		}
		if (fallbackModels != null) {
			fallbackModels = ModelFallback.requireModelIds(fallbackModels);
		}
		Map<String, List<String>> copy = new LinkedHashMap<>();
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		Redaction.rememberCredentialHeaders(copy);
		Redaction.rememberSecret(apiKey);
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder(NONE);
	}

	/**
	 * Returns the most tool round trips of this call,
	 * {@value #DEFAULT_MAX_TOOL_ROUND_TRIPS} unless set.
	 * @return the limit
	 */
	public int maxToolRoundTripsOrDefault() {
		return (this.maxToolRoundTrips != null) ? this.maxToolRoundTrips : DEFAULT_MAX_TOOL_ROUND_TRIPS;
	}

	/**
	 * Returns a builder initialised with these options.
	 * @return the builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	@Override
	public String toString() {
		return "CallOptions[retrySettings=" + this.retrySettings + ", responseTimeout=" + this.responseTimeout
				+ ", streamIdleTimeout=" + this.streamIdleTimeout + ", overallTimeout=" + this.overallTimeout
				+ ", headers=" + Redaction.redactHeaders(this.headers) + ", structuredOutputMode="
				+ this.structuredOutputMode + ", structuredOutputRepairAttempts=" + this.structuredOutputRepairAttempts
				+ ", tools=" + this.tools + ", maxToolRoundTrips=" + this.maxToolRoundTrips + ", apiKey="
				+ ((this.apiKey != null) ? Redaction.REDACTED : "null") + ", fallbackModels=" + this.fallbackModels
				+ "]";
	}

	/**
	 * Builds {@link CallOptions}.
	 */
	public static final class Builder {

		private @Nullable RetrySettings retrySettings;

		private @Nullable Duration responseTimeout;

		private @Nullable Duration streamIdleTimeout;

		private @Nullable Duration overallTimeout;

		private final Map<String, List<String>> headers = new LinkedHashMap<>();

		private @Nullable StructuredOutputMode structuredOutputMode;

		private @Nullable Integer structuredOutputRepairAttempts;

		private @Nullable ChatTools tools;

		private @Nullable Integer maxToolRoundTrips;

		private @Nullable String apiKey;

		private @Nullable List<String> fallbackModels;

		private Builder(CallOptions options) {
			this.apiKey = options.apiKey;
			this.fallbackModels = options.fallbackModels;
			this.tools = options.tools;
			this.maxToolRoundTrips = options.maxToolRoundTrips;
			this.structuredOutputMode = options.structuredOutputMode;
			this.structuredOutputRepairAttempts = options.structuredOutputRepairAttempts;
			this.retrySettings = options.retrySettings;
			this.responseTimeout = options.responseTimeout;
			this.streamIdleTimeout = options.streamIdleTimeout;
			this.overallTimeout = options.overallTimeout;
			options.headers.forEach((name, values) -> this.headers.put(name, new ArrayList<>(values)));
		}

		/**
		 * Sets the retry policy of this call ({@link RetrySettings#none()} disables
		 * retries).
		 * @param retrySettings the policy
		 * @return this builder
		 */
		public Builder retrySettings(@Nullable RetrySettings retrySettings) {
			this.retrySettings = retrySettings;
			return this;
		}

		/**
		 * Sets the time until the response headers.
		 * @param responseTimeout the timeout
		 * @return this builder
		 */
		public Builder responseTimeout(@Nullable Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
			return this;
		}

		/**
		 * Sets the longest gap between two chunks of a stream.
		 * @param streamIdleTimeout the timeout
		 * @return this builder
		 */
		public Builder streamIdleTimeout(@Nullable Duration streamIdleTimeout) {
			this.streamIdleTimeout = streamIdleTimeout;
			return this;
		}

		/**
		 * Sets the longest a non-streaming call may take, retries included.
		 * @param overallTimeout the timeout
		 * @return this builder
		 */
		public Builder overallTimeout(@Nullable Duration overallTimeout) {
			this.overallTimeout = overallTimeout;
			return this;
		}

		/**
		 * Adds an HTTP header value.
		 * @param name the header name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			return this;
		}

		/**
		 * Sets how a structured-output call ({@code entity}, {@code createEntity},
		 * {@code streamEntities}) asks for JSON.
		 * @param structuredOutputMode the mode, or {@code null} for the template's
		 * @return this builder
		 */
		public Builder structuredOutputMode(@Nullable StructuredOutputMode structuredOutputMode) {
			this.structuredOutputMode = structuredOutputMode;
			return this;
		}

		/**
		 * Sets how many times a structured-output call sends a parse failure back to the
		 * model to correct.
		 * @param structuredOutputRepairAttempts the number, at least 0, or {@code null}
		 * for the template's
		 * @return this builder
		 */
		public Builder structuredOutputRepairAttempts(@Nullable Integer structuredOutputRepairAttempts) {
			this.structuredOutputRepairAttempts = structuredOutputRepairAttempts;
			return this;
		}

		/**
		 * Sets the tools of this call: they are added to the request's tools, and the
		 * call runs the tool loop. {@link ChatTools#none()} switches the template's
		 * default tools off for this call.
		 * @param tools the tools, or {@code null} for the template's default tools
		 * @return this builder
		 */
		public Builder tools(@Nullable ChatTools tools) {
			this.tools = tools;
			return this;
		}

		/**
		 * Sets the most tool round trips (answers with tool calls the loop executes) of
		 * this call; when the model still asks for tool calls after them, the call fails
		 * with a {@link com.mulerun.chat.error.MuleRunToolLoopException}. At most
		 * {@code maxToolRoundTrips + 1} requests are sent.
		 * @param maxToolRoundTrips the limit, at least 1 (default
		 * {@value CallOptions#DEFAULT_MAX_TOOL_ROUND_TRIPS})
		 * @return this builder
		 */
		public Builder maxToolRoundTrips(int maxToolRoundTrips) {
			this.maxToolRoundTrips = maxToolRoundTrips;
			return this;
		}

		/**
		 * Sets the API key of this call: it is sent as the bearer token instead of the
		 * configured key or the key provider's, for this call only. It is never logged or
		 * printed.
		 * @param apiKey the key, or {@code null} for the key provider's or the configured
		 * key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the models tried in order, with the same request, when the request's model
		 * fails with a fallback-worthy error before anything reached the caller; replaces
		 * the template's fallback models.
		 * @param fallbackModels the model ids, or {@code null} for the template's (empty:
		 * no fallback)
		 * @return this builder
		 */
		public Builder fallbackModels(@Nullable List<String> fallbackModels) {
			this.fallbackModels = fallbackModels;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public CallOptions build() {
			return new CallOptions(this.retrySettings, this.responseTimeout, this.streamIdleTimeout,
					this.overallTimeout, this.headers, this.structuredOutputMode, this.structuredOutputRepairAttempts,
					this.tools, this.maxToolRoundTrips, this.apiKey, this.fallbackModels);
		}

	}

}
