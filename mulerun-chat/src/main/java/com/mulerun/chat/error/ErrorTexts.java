package com.mulerun.chat.error;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.HtmlUtils;

/**
 * Text helpers shared by the exceptions: body truncation, credential scrubbing, header
 * redaction and human-readable durations.
 */
public final class ErrorTexts {

	/** Maximum number of body bytes kept by an exception. */
	static final int MAX_BODY_BYTES = 2048;

	/** Maximum length of a one-line summary taken from a body. */
	static final int MAX_LINE_CHARS = 300;

	static final String REDACTED = Redaction.REDACTED;

	private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}");

	private static final Pattern SECRET_KEY = Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}");

	private static final Pattern KEY_VALUE = Pattern.compile(
			"(?i)\\b(proxy-authorization|authorization|x-api-key|api[-_]?key|cookie)(\"?'?\\s*[:=]\\s*\"?'?)([^\\s\"',;}]+)");

	private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	private ErrorTexts() {
	}

	/**
	 * Decodes at most {@link #MAX_BODY_BYTES} bytes of a body as UTF-8, appending a
	 * truncation marker that names the full size, and scrubs anything that looks like a
	 * credential.
	 */
	static String truncateBody(byte @Nullable [] body, int offset, int length) {
		if (body == null || length <= 0) {
			return "";
		}
		if (length <= MAX_BODY_BYTES) {
			return scrub(new String(body, offset, length, StandardCharsets.UTF_8));
		}
		int cut = MAX_BODY_BYTES;
		// back off continuation bytes so a multi-byte character is not split
		while (cut > 0 && (body[offset + cut] & 0xC0) == 0x80) {
			cut--;
		}
		return scrub(new String(body, offset, cut, StandardCharsets.UTF_8)) + "…(truncated, " + length + " bytes)";
	}

	/**
	 * Replaces bearer tokens, API keys and credential-like key/value pairs with
	 * {@link #REDACTED}.
	 */
	static String scrub(String text) {
		if (text.isEmpty()) {
			return text;
		}
		String result = Redaction.redactSecrets(text);
		result = BEARER.matcher(result).replaceAll("$1 " + REDACTED);
		result = SECRET_KEY.matcher(result).replaceAll("$1-" + REDACTED);
		Matcher matcher = KEY_VALUE.matcher(result);
		StringBuilder sb = new StringBuilder();
		while (matcher.find()) {
			String value = matcher.group(3);
			// "Authorization: Bearer <token>" keeps the scheme; the token itself was
			// replaced above
			boolean keep = value.startsWith("[redacted") || value.equalsIgnoreCase("bearer")
					|| value.equalsIgnoreCase("basic");
			String replacement = keep ? matcher.group() : matcher.group(1) + matcher.group(2) + REDACTED;
			matcher.appendReplacement(sb, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(sb);
		return sb.toString();
	}

	/**
	 * Returns the scrubbed text, or {@code null} when the text is {@code null} or blank.
	 */
	static @Nullable String scrubNullable(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : scrub(text);
	}

	/**
	 * Returns a one-line summary of a raw (non-JSON) body: the HTML title, else the first
	 * non-blank line with tags removed, or {@code null} for a blank body.
	 */
	static @Nullable String summarize(String text) {
		Matcher title = TITLE.matcher(text);
		if (title.find()) {
			String value = collapse(HtmlUtils.htmlUnescape(TAG.matcher(title.group(1)).replaceAll(" ")));
			if (!value.isEmpty()) {
				return cap(value);
			}
		}
		boolean html = looksLikeHtml(text);
		for (String line : text.split("\\r\\n|\\r|\\n")) {
			String candidate = html ? collapse(HtmlUtils.htmlUnescape(TAG.matcher(line).replaceAll(" ")))
					: line.strip();
			if (!candidate.isEmpty()) {
				return cap(candidate);
			}
		}
		return null;
	}

	/**
	 * Tells whether the text looks like an HTML or XML document.
	 */
	static boolean looksLikeHtml(String text) {
		String head = text.stripLeading();
		return head.startsWith("<") && head.length() > 1
				&& (Character.isLetter(head.charAt(1)) || head.charAt(1) == '!');
	}

	/**
	 * Cuts a single-line text to {@link #MAX_LINE_CHARS} characters.
	 */
	static String cap(String text) {
		return (text.length() <= MAX_LINE_CHARS) ? text : text.substring(0, MAX_LINE_CHARS) + "…";
	}

	private static String collapse(String text) {
		// an unescaped &nbsp; is U+00A0, which \s does not match
		return text.replaceAll("[\\s\\u00A0]+", " ").strip();
	}

	/**
	 * Copies headers into an immutable map with lower-cased names, credential headers
	 * redacted by name and credentials in other values by value.
	 */
	static Map<String, List<String>> redactHeaders(@Nullable HttpHeaders headers) {
		if (headers == null || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> result = new LinkedHashMap<>();
		headers.forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			List<String> target = result.computeIfAbsent(key, (k) -> new ArrayList<>());
			for (String value : values) {
				target.add(Redaction.isSensitiveHeader(key) ? REDACTED : (value != null) ? scrub(value) : "");
			}
		});
		result.replaceAll((name, values) -> List.copyOf(values));
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Returns the first value of a header in a map produced by {@link #redactHeaders}, or
	 * {@code null}.
	 */
	static @Nullable String first(Map<String, List<String>> headers, String lowerCaseName) {
		List<String> values = headers.get(lowerCaseName);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Describes a failure in one line: its simple class name and its message, if any.
	 * @param cause the failure, or {@code null}
	 * @return the description ({@code unknown cause} for {@code null})
	 */
	public static String describe(@Nullable Throwable cause) {
		if (cause == null) {
			return "unknown cause";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * Formats a duration for humans, such as {@code 250ms}, {@code 1.5s} or
	 * {@code 2m30s}.
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
		}
		long minutes = millis / 60_000;
		long restMillis = millis % 60_000;
		String seconds = (restMillis == 0) ? ""
				: BigDecimal.valueOf(restMillis, 3).stripTrailingZeros().toPlainString() + "s";
		return minutes + "m" + seconds;
	}

}
