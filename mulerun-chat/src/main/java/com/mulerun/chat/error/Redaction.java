package com.mulerun.chat.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

	/**
	 * Returns headers as they may be printed: the value of every credential header replaced by {@value #REDACTED}.
	 * @param headers the headers
	 * @return a copy safe to print, in the same order
	 */
	public static Map<String, Object> redactHeaders(Map<String, List<String>> headers) {
		Map<String, Object> shown = new LinkedHashMap<>();
		headers.forEach((name, values) -> shown.put(name, isSensitiveHeader(name) ? REDACTED : values));
		return shown;
	}

}
