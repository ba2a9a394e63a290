package com.mulerun.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.http.ModelCallListener;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the recent outcome of the calls per model, as the template reports them after
 * each model's retries, for the health indicator: no API call is ever made to find out.
 * At most {@value #MAX_MODELS} models are tracked. Thread-safe.
 */
final class ModelOutcomes implements ModelCallListener {

	/** Consecutive failures after which a model is reported degraded. */
	static final int DEGRADED_AFTER = 3;

	/** The most models tracked; calls to further models are not recorded. */
	static final int MAX_MODELS = 64;

	private final Map<String, Outcome> models = new ConcurrentHashMap<>();

	private final Clock clock;

	private volatile boolean keyRejected;

	ModelOutcomes(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void succeeded(String model) {
		this.keyRejected = false;
		Outcome outcome = outcome(model);
		if (outcome != null) {
			outcome.succeeded(this.clock.instant());
		}
	}

	@Override
	public void failed(String model, Throwable failure) {
		this.keyRejected = failure instanceof MuleRunAuthenticationException;
		Outcome outcome = outcome(model);
		if (outcome != null) {
			outcome.failed(this.clock.instant(), describe(failure));
		}
	}

	/**
	 * Whether the most recent call failed because the API key was rejected (HTTP 401).
	 */
	boolean keyRejected() {
		return this.keyRejected;
	}

	/**
	 * Tells whether a model is degraded: {@value #DEGRADED_AFTER} or more consecutive
	 * failures.
	 */
	boolean anyDegraded() {
		return this.models.values().stream().anyMatch(Outcome::degraded);
	}

	/**
	 * Returns the details of every tracked model, by model id.
	 */
	Map<String, Map<String, Object>> details() {
		Map<String, Map<String, Object>> details = new TreeMap<>();
		this.models.forEach((model, outcome) -> details.put(model, outcome.details()));
		return details;
	}

	private @Nullable Outcome outcome(String model) {
		Outcome outcome = this.models.get(model);
		if (outcome == null && this.models.size() < MAX_MODELS) {
			outcome = this.models.computeIfAbsent(model, (key) -> new Outcome());
		}
		return outcome;
	}

	/**
	 * Describes a failure without its message: the exception's simple name and, for API
	 * errors, the status.
	 */
	private static String describe(Throwable failure) {
		if (failure instanceof MuleRunApiException api) {
			return failure.getClass().getSimpleName() + " (HTTP " + api.statusCode() + ")";
		}
		return failure.getClass().getSimpleName();
	}

	/**
	 * The outcome of one model's calls.
	 */
	private static final class Outcome {

		private int consecutiveFailures;

		private @Nullable Instant lastSuccess;

		private @Nullable Instant lastFailure;

		private @Nullable String lastError;

		synchronized void succeeded(Instant now) {
			this.consecutiveFailures = 0;
			this.lastSuccess = now;
		}

		synchronized void failed(Instant now, String error) {
			this.consecutiveFailures++;
			this.lastFailure = now;
			this.lastError = error;
		}

		synchronized boolean degraded() {
			return this.consecutiveFailures >= DEGRADED_AFTER;
		}

		synchronized Map<String, Object> details() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", degraded() ? MuleRunHealthIndicator.DEGRADED.getCode() : "UP");
			details.put("consecutiveFailures", this.consecutiveFailures);
			if (this.lastSuccess != null) {
				details.put("lastSuccess", this.lastSuccess.toString());
			}
			if (this.lastFailure != null) {
				details.put("lastFailure", this.lastFailure.toString());
			}
			if (this.lastError != null) {
				details.put("lastError", this.lastError);
			}
			return details;
		}

	}

}
