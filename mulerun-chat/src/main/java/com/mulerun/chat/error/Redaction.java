package com.mulerun.chat.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Knows which values are credentials, so that every place that prints headers, messages
 * or error details (exceptions, call options, the logging interceptor) redacts them the
 * same way: by the name of a header or member, and by the value itself.
 *
 * <p>
 * Redaction by value covers the credentials this process has used: the API key of every
 * template and the credential headers of every {@code CallOptions} are remembered (the
 * most recent {@value #MAX_REMEMBERED_SECRETS}, each at least {@value #MIN_SECRET_LENGTH}
 * characters long), and any text an exception exposes has them replaced by
 * {@value #REDACTED}. Anything shaped like a bearer token or an {@code sk-...} key is
 * redacted as well, remembered or not.
 */
public final class Redaction {

	/** The text that replaces a credential. */
	public static final String REDACTED = "[redacted]";

	/** How many credential values are remembered; the oldest is forgotten first. */
	static final int MAX_REMEMBERED_SECRETS = 1024;

	/** Shorter values are not remembered: replacing them would mangle ordinary text. */
	static final int MIN_SECRET_LENGTH = 8;

	private static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization", "api-key",
			"x-api-key", "cookie", "set-cookie", "x-goog-api-key");

	private static final List<String> SENSITIVE_NAME_PARTS = List.of("authorization", "api-key", "api_key", "apikey",
			"cookie", "password", "secret", "credential");

	private static final Map<String, Boolean> remembered = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > MAX_REMEMBERED_SECRETS;
		}

	};

	private static volatile List<String> secrets = List.of();

	private Redaction() {
	}

	/**
	 * Whether a header (or an error-detail member) carries credentials: the usual
	 * credential headers and any name containing {@code authorization}, {@code api-key},
	 * {@code cookie}, {@code password}, {@code secret} or {@code credential}, such as
	 * {@code X-Echo-Authorization}.
	 * @param name the header name, in any case
	 * @return whether its value must never be printed
	 */
	public static boolean isSensitiveHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (SENSITIVE_HEADERS.contains(lower)) {
			return true;
		}
		for (String part : SENSITIVE_NAME_PARTS) {
			if (lower.contains(part)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns headers as they may be printed: the value of every credential header
	 * replaced by {@value #REDACTED}.
	 * @param headers the headers
	 * @return a copy safe to print, in the same order
	 */
	public static Map<String, Object> redactHeaders(Map<String, List<String>> headers) {
		Map<String, Object> shown = new LinkedHashMap<>();
		headers.forEach((name, values) -> shown.put(name,
				isSensitiveHeader(name) ? REDACTED : values.stream().map(Redaction::redactSecrets).toList()));
		return shown;
	}

	/**
	 * Remembers a credential so that it is redacted by value wherever this library prints
	 * text; a header value such as {@code Bearer <token>} is remembered with and without
	 * its scheme. Blank and short values are ignored.
	 * @param value the credential, or {@code null}
	 */
	public static void rememberSecret(@Nullable String value) {
		if (value == null) {
			return;
		}
		String trimmed = value.strip();
		int space = trimmed.indexOf(' ');
		List<String> values = (space > 0) ? List.of(trimmed, trimmed.substring(space + 1).strip()) : List.of(trimmed);
		synchronized (remembered) {
			boolean changed = false;
			for (String candidate : values) {
				if (candidate.length() >= MIN_SECRET_LENGTH && remembered.put(candidate, Boolean.TRUE) == null) {
					changed = true;
				}
			}
			if (changed) {
				List<String> longestFirst = new ArrayList<>(remembered.keySet());
				longestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
				secrets = List.copyOf(longestFirst);
			}
		}
	}

	/**
	 * Remembers the values of the credential headers among the given ones.
	 * @param headers the headers, such as the default headers of a template or the
	 * headers of a call
	 * @see #rememberSecret(String)
	 */
	public static void rememberCredentialHeaders(Map<String, ? extends List<String>> headers) {
		headers.forEach((name, values) -> {
			if (isSensitiveHeader(name)) {
				values.forEach(Redaction::rememberSecret);
			}
		});
	}

	/**
	 * Returns the text with every remembered credential replaced by {@value #REDACTED}.
	 * @param text the text
	 * @return the text safe to print as far as remembered credentials go
	 */
	public static String redactSecrets(String text) {
		String result = text;
		for (String secret : secrets) {
			if (result.contains(secret)) {
				result = result.replace(secret, REDACTED);
			}
		}
		return result;
	}

}
