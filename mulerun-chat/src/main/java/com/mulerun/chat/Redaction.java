package com.mulerun.chat;

import java.util.Locale;
import java.util.Set;

/**
 * Knows which HTTP headers carry credentials, so that every place that prints headers (exceptions, call options,
 * the logging interceptor) redacts them the same way.
 */
public final class Redaction {

	/** The text that replaces a credential. */
	public static final String REDACTED = "[redacted]";

	private static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization", "api-key",
			"x-api-key", "cookie", "set-cookie", "x-goog-api-key");

	private Redaction() {
	}

	/**
	 * Whether a header carries credentials.
	 * @param name the header name, in any case
	 * @return whether its value must never be printed
	 */
	public static boolean isSensitiveHeader(String name) {
		return SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
	}

}
