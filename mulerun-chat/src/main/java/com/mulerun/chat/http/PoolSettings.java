package com.mulerun.chat.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The connection pool of the Reactor Netty connector, and whether responses may be
 * compressed. Immutable.
 *
 * @param maxConnections the most connections open at once, at least 1
 * @param pendingAcquireTimeout how long a call waits for a connection when all are busy
 * @param pendingAcquireMaxCount the most calls waiting for a connection, or -1 for no
 * limit
 * @param maxIdleTime how long a connection may stay idle before it is closed, or
 * {@code null} for no limit
 * @param compression whether to ask for compressed responses
 * ({@code Accept-Encoding: gzip}); off by default, as decompressing a stream costs CPU on
 * every chunk for little gain on small chunks
 */
public record PoolSettings(int maxConnections, Duration pendingAcquireTimeout, int pendingAcquireMaxCount,
		@Nullable Duration maxIdleTime, boolean compression) {

	/**
	 * The defaults: 500 connections, a 45 s wait for one, no limit of waiting calls, 30 s
	 * idle, no compression.
	 */
	public static final PoolSettings DEFAULTS = new PoolSettings(500, Duration.ofSeconds(45), -1,
			Duration.ofSeconds(30), false);

	/**
	 * Creates settings.
	 * @param maxConnections the most connections
	 * @param pendingAcquireTimeout the wait for a connection
	 * @param pendingAcquireMaxCount the most waiting calls, or -1
	 * @param maxIdleTime the idle time, or {@code null}
	 * @param compression whether to ask for compressed responses
	 * @throws IllegalArgumentException when a value is out of range, naming it
	 */
	public PoolSettings {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections must be at least 1 (was " + maxConnections + ")");
		}
		if (pendingAcquireTimeout.isNegative() || pendingAcquireTimeout.isZero()) {
			throw new IllegalArgumentException(
					"pendingAcquireTimeout must be positive (was " + pendingAcquireTimeout + ")");
		}
		if (pendingAcquireMaxCount < 1 && pendingAcquireMaxCount != -1) {
			throw new IllegalArgumentException("pendingAcquireMaxCount must be at least 1, or -1 for no limit (was "
					+ pendingAcquireMaxCount + ")");
		}
		if (maxIdleTime != null && (maxIdleTime.isNegative() || maxIdleTime.isZero())) {
			throw new IllegalArgumentException("maxIdleTime must be positive when set (was " + maxIdleTime + ")");
		}
	}

}
