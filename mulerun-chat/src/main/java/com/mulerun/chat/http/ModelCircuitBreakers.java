package com.mulerun.chat.http;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * One Resilience4j circuit breaker per model: after a number of consecutive
 * fallback-worthy failures (see {@link ModelFallback#reason(Throwable)}) a model is
 * skipped for a cool-down, so a fallback chain does not pay a failing model's timeout on
 * every call; then one call is let through, and its outcome closes or reopens the
 * circuit. Failures that say nothing about the model (a 400, a 401) and cancellations are
 * not counted. Resilience4j ({@code io.github.resilience4j:resilience4j-circuitbreaker})
 * is an optional dependency, needed only when this is used. Thread-safe.
 */
public final class ModelCircuitBreakers {

	/** The consecutive failures that open a model's circuit by default. */
	public static final int DEFAULT_CONSECUTIVE_FAILURES = 5;

	/**
	 * How long a model whose circuit opened is skipped by default, in seconds (a
	 * compile-time constant, so that reading it loads neither this class nor
	 * Resilience4j).
	 */
	public static final long DEFAULT_COOL_DOWN_SECONDS = 30;

	private final CircuitBreakerRegistry registry;

	private ModelCircuitBreakers(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Opens a model's circuit after the given number of consecutive failures, for the
	 * given cool-down.
	 * @param consecutiveFailures the failures in a row that open the circuit, at least 1
	 * @param coolDown how long the model is skipped, positive
	 * @return the circuit breakers
	 */
	public static ModelCircuitBreakers of(int consecutiveFailures, Duration coolDown) {
		return of(consecutiveFailures, coolDown, Clock.systemUTC());
	}

	/**
	 * Opens a model's circuit after the given number of consecutive failures, for the
	 * given cool-down measured with the given clock.
	 * @param consecutiveFailures the failures in a row that open the circuit, at least 1
	 * @param coolDown how long the model is skipped, positive
	 * @param clock the clock of the cool-down
	 * @return the circuit breakers
	 */
	public static ModelCircuitBreakers of(int consecutiveFailures, Duration coolDown, Clock clock) {
		if (consecutiveFailures < 1) {
			throw new IllegalArgumentException(
					"consecutiveFailures must be at least 1 (was " + consecutiveFailures + ")");
		}
		if (coolDown.isNegative() || coolDown.isZero()) {
			throw new IllegalArgumentException("coolDown must be positive (was " + coolDown + ")");
		}
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindow(consecutiveFailures, consecutiveFailures, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(100)
			.waitDurationInOpenState(coolDown)
			.permittedNumberOfCallsInHalfOpenState(1)
			.clock(clock)
			.build();
		return of(CircuitBreakerRegistry.of(config));
	}

	/**
	 * Uses the circuit breakers of a registry of one's own, one named after each model.
	 * @param registry the registry
	 * @return the circuit breakers
	 */
	public static ModelCircuitBreakers of(CircuitBreakerRegistry registry) {
		return new ModelCircuitBreakers(registry);
	}

	/**
	 * Asks whether a model may be called now; a permission granted must be followed by
	 * exactly one of {@link #succeeded}, {@link #failed} or {@link #released}.
	 * @param model the model
	 * @return whether the call may be sent
	 */
	boolean tryAcquire(String model) {
		return breaker(model).tryAcquirePermission();
	}

	void succeeded(String model, long nanos) {
		breaker(model).onSuccess(nanos, TimeUnit.NANOSECONDS);
	}

	void failed(String model, long nanos, Throwable failure) {
		breaker(model).onError(nanos, TimeUnit.NANOSECONDS, failure);
	}

	void released(String model) {
		breaker(model).releasePermission();
	}

	private CircuitBreaker breaker(String model) {
		return this.registry.circuitBreaker(model);
	}

}
