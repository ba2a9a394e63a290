package com.mulerun.chat;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How failed calls are retried: how often, and how long to wait in between.
 *
 * <p>
 * Without a delay requested by the server, retry {@code n} (counting from 0) waits
 * {@code min(initialBackoff × multiplier^n, maxBackoff)} multiplied by a random factor in
 * {@code [1 - jitter, 1]}. A delay the server asked for (for example with
 * {@code Retry-After}) is used as is, without jitter, but never longer than
 * {@code maxServerDelay}; a requested delay of zero or less, or of more than a day, is
 * ignored in favour of the computed one.
 *
 * @param maxRetries the number of retries after the first attempt, {@code 0} to never
 * retry
 * @param initialBackoff the delay before the first retry
 * @param maxBackoff the longest computed delay
 * @param multiplier the factor applied to the delay for each further retry, at least 1
 * @param jitter the fraction in {@code [0, 1]} by which each computed delay is randomly
 * shortened
 * @param maxServerDelay the longest delay honoured when the server asks for one
 */
public record RetrySettings(int maxRetries, Duration initialBackoff, Duration maxBackoff, double multiplier,
		double jitter, Duration maxServerDelay) {

	/**
	 * Two retries, 0.5 s initial backoff doubling up to 8 s, jitter 0.25, server delays
	 * capped at 60 s.
	 */
	public static final RetrySettings DEFAULTS = new RetrySettings(2, Duration.ofMillis(500), Duration.ofSeconds(8),
			2.0, 0.25, Duration.ofSeconds(60));

	/**
	 * Validates the components.
	 * @throws IllegalArgumentException naming the first invalid component
	 */
	public RetrySettings {
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must be >= 0 (was " + maxRetries + ")");
		}
		requireNonNegative("initialBackoff", initialBackoff);
		requireNonNegative("maxBackoff", maxBackoff);
		requireNonNegative("maxServerDelay", maxServerDelay);
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("multiplier must be a finite number >= 1 (was " + multiplier + ")");
		}
		if (!(jitter >= 0.0 && jitter <= 1.0)) {
			throw new IllegalArgumentException("jitter must be between 0 and 1 (was " + jitter + ")");
		}
	}

	private static void requireNonNegative(String name, @Nullable Duration value) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative (was " + value + ")");
		}
	}

	/**
	 * Returns a policy that never retries.
	 * @return the defaults with {@code maxRetries} 0
	 */
	public static RetrySettings none() {
		return DEFAULTS.withMaxRetries(0);
	}

	/**
	 * Returns a copy with another number of retries.
	 * @param maxRetries the number of retries after the first attempt
	 * @return the new policy
	 */
	public RetrySettings withMaxRetries(int maxRetries) {
		return new RetrySettings(maxRetries, this.initialBackoff, this.maxBackoff, this.multiplier, this.jitter,
				this.maxServerDelay);
	}

	/**
	 * Returns a copy with another delay before the first retry.
	 * @param initialBackoff the delay before the first retry
	 * @return the new policy
	 */
	public RetrySettings withInitialBackoff(Duration initialBackoff) {
		return new RetrySettings(this.maxRetries, initialBackoff, this.maxBackoff, this.multiplier, this.jitter,
				this.maxServerDelay);
	}

	/**
	 * Returns a copy with another longest computed delay.
	 * @param maxBackoff the longest computed delay
	 * @return the new policy
	 */
	public RetrySettings withMaxBackoff(Duration maxBackoff) {
		return new RetrySettings(this.maxRetries, this.initialBackoff, maxBackoff, this.multiplier, this.jitter,
				this.maxServerDelay);
	}

	/**
	 * Returns a copy with another growth factor.
	 * @param multiplier the factor applied for each further retry, at least 1
	 * @return the new policy
	 */
	public RetrySettings withMultiplier(double multiplier) {
		return new RetrySettings(this.maxRetries, this.initialBackoff, this.maxBackoff, multiplier, this.jitter,
				this.maxServerDelay);
	}

	/**
	 * Returns a copy with another jitter.
	 * @param jitter the fraction in {@code [0, 1]} by which each computed delay is
	 * randomly shortened
	 * @return the new policy
	 */
	public RetrySettings withJitter(double jitter) {
		return new RetrySettings(this.maxRetries, this.initialBackoff, this.maxBackoff, this.multiplier, jitter,
				this.maxServerDelay);
	}

	/**
	 * Returns a copy with another cap on server-requested delays.
	 * @param maxServerDelay the longest delay honoured when the server asks for one
	 * @return the new policy
	 */
	public RetrySettings withMaxServerDelay(Duration maxServerDelay) {
		return new RetrySettings(this.maxRetries, this.initialBackoff, this.maxBackoff, this.multiplier, this.jitter,
				maxServerDelay);
	}

	/**
	 * Computes the delay before a retry when the server did not ask for one.
	 * @param retryIndex the retry, counting from 0
	 * @param random a number in {@code [0, 1]}; 0 gives the full delay, 1 the delay
	 * shortened by the jitter
	 * @return the delay, at most {@code maxBackoff}
	 */
	public Duration backoff(long retryIndex, double random) {
		double base = this.initialBackoff.toNanos() * Math.pow(this.multiplier, Math.max(0, retryIndex));
		double capped = Math.min(base, this.maxBackoff.toNanos());
		double factor = 1.0 - this.jitter * Math.min(1.0, Math.max(0.0, random));
		return Duration.ofNanos(Math.round(capped * factor));
	}

}
