package com.mulerun.chat.error;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A configured timeout fired; the message names the timeout and the property that sets
 * it.
 *
 * <p>
 * Connect and response timeouts happen before any chunk arrived and are retryable;
 * stream-idle, overall and stream-max-duration timeouts are not.
 */
public class MuleRunClientTimeoutException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final Duration timeout;

	/**
	 * Creates an exception for the given timeout.
	 * @param kind which timeout fired
	 * @param timeout the configured value that was exceeded
	 * @param cause the underlying failure, or {@code null}
	 */
	public MuleRunClientTimeoutException(Kind kind, Duration timeout, @Nullable Throwable cause) {
		super(kind.describe(timeout), cause);
		this.kind = kind;
		this.timeout = timeout;
	}

	/**
	 * Creates an exception for the given timeout without a cause.
	 * @param kind which timeout fired
	 * @param timeout the configured value that was exceeded
	 */
	public MuleRunClientTimeoutException(Kind kind, Duration timeout) {
		this(kind, timeout, null);
	}

	/**
	 * Returns which timeout fired.
	 * @return the kind of timeout
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Returns the configured value that was exceeded.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Tells whether a retry may succeed, which is the case for connect and response
	 * timeouts.
	 * @return {@code true} for {@link Kind#CONNECT} and {@link Kind#RESPONSE}
	 */
	public boolean isRetryable() {
		return this.kind == Kind.CONNECT || this.kind == Kind.RESPONSE;
	}

	/**
	 * The timeouts the client enforces.
	 */
	public enum Kind {

		/** Establishing the TCP (and TLS) connection. */
		CONNECT("mulerun.http.connect-timeout", "connecting to the server"),

		/** Waiting for the response headers after the request was sent. */
		RESPONSE("mulerun.http.response-timeout", "waiting for the response headers"),

		/** The gap between two chunks of an event stream. */
		STREAM_IDLE("mulerun.http.stream-idle-timeout", "waiting for the next chunk of the stream"),

		/** The whole non-streaming call. */
		OVERALL("mulerun.http.overall-timeout", "waiting for the whole response"),

		/** The whole stream, when its total time is bounded. */
		STREAM_MAX_DURATION("mulerun.http.stream-max-duration", "streaming the whole response");

		private final String property;

		private final String activity;

		Kind(String property, String activity) {
			this.property = property;
			this.activity = activity;
		}

		/**
		 * Returns the configuration property that sets this timeout.
		 * @return the property name, such as {@code mulerun.http.connect-timeout}
		 */
		public String property() {
			return this.property;
		}

		String describe(Duration timeout) {
			String name = name().toLowerCase(Locale.ROOT).replace('_', '-');
			return "Timed out after " + ErrorTexts.format(timeout) + " " + this.activity + " (" + name
					+ " timeout, set by " + this.property + ")";
		}

	}

}
