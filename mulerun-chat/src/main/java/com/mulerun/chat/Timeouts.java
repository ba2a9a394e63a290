package com.mulerun.chat;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The timeouts of a call.
 *
 * <ul>
 * <li>{@code connect}: establishing the TCP/TLS connection;</li>
 * <li>{@code response}: from sending the request until the response headers arrive;</li>
 * <li>{@code streamIdle}: the longest gap between two pieces of a streamed response, so a
 * long stream lives as long as tokens flow;</li>
 * <li>{@code overall}: the whole non-streaming call, retries included;</li>
 * <li>{@code streamMaxDuration}: the whole stream, retries included, or {@code null} (the
 * default) for no bound: a stream kept alive by comments alone ({@code : ping} while a
 * model thinks resets the idle timer) then ends after this long.</li>
 * </ul>
 *
 * @param connect the connect timeout
 * @param response the time until the response headers
 * @param streamIdle the longest gap between two chunks of a stream
 * @param overall the longest a non-streaming call may take, retries included
 * @param streamMaxDuration the longest a stream may take, retries included, or
 * {@code null} for no bound
 */
public record Timeouts(Duration connect, Duration response, Duration streamIdle, Duration overall,
		@Nullable Duration streamMaxDuration) {

	/**
	 * The defaults: 10 s connect, 120 s response, 60 s stream idle, 10 min overall, no
	 * stream bound.
	 */
	public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120),
			Duration.ofSeconds(60), Duration.ofMinutes(10), null);

	/**
	 * Creates timeouts; each must be positive, the stream bound when it is set.
	 * @param connect the connect timeout
	 * @param response the time until the response headers
	 * @param streamIdle the longest gap between two chunks
	 * @param overall the longest a non-streaming call may take
	 * @param streamMaxDuration the longest a stream may take, or {@code null} for no
	 * bound
	 */
	public Timeouts {
		requirePositive(connect, "connect");
		requirePositive(response, "response");
		requirePositive(streamIdle, "streamIdle");
		requirePositive(overall, "overall");
		if (streamMaxDuration != null) {
			requirePositive(streamMaxDuration, "streamMaxDuration");
		}
	}

	/**
	 * Creates timeouts without a bound on a stream's total time.
	 * @param connect the connect timeout
	 * @param response the time until the response headers
	 * @param streamIdle the longest gap between two chunks
	 * @param overall the longest a non-streaming call may take
	 */
	public Timeouts(Duration connect, Duration response, Duration streamIdle, Duration overall) {
		this(connect, response, streamIdle, overall, null);
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, () -> name + " timeout must not be null");
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " timeout must be positive (was " + value + ")");
		}
	}

	/**
	 * Returns a copy with another connect timeout.
	 * @param connect the connect timeout
	 * @return the timeouts
	 */
	public Timeouts withConnect(Duration connect) {
		return new Timeouts(connect, this.response, this.streamIdle, this.overall, this.streamMaxDuration);
	}

	/**
	 * Returns a copy with another response timeout.
	 * @param response the time until the response headers
	 * @return the timeouts
	 */
	public Timeouts withResponse(Duration response) {
		return new Timeouts(this.connect, response, this.streamIdle, this.overall, this.streamMaxDuration);
	}

	/**
	 * Returns a copy with another stream idle timeout.
	 * @param streamIdle the longest gap between two chunks
	 * @return the timeouts
	 */
	public Timeouts withStreamIdle(Duration streamIdle) {
		return new Timeouts(this.connect, this.response, streamIdle, this.overall, this.streamMaxDuration);
	}

	/**
	 * Returns a copy with another overall timeout.
	 * @param overall the longest a non-streaming call may take
	 * @return the timeouts
	 */
	public Timeouts withOverall(Duration overall) {
		return new Timeouts(this.connect, this.response, this.streamIdle, overall, this.streamMaxDuration);
	}

	/**
	 * Returns a copy with another bound on a stream's total time.
	 * @param streamMaxDuration the longest a stream may take, retries included, or
	 * {@code null} for no bound
	 * @return the timeouts
	 */
	public Timeouts withStreamMaxDuration(@Nullable Duration streamMaxDuration) {
		return new Timeouts(this.connect, this.response, this.streamIdle, this.overall, streamMaxDuration);
	}

}
