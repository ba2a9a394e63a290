package com.mulerun.chat.error;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What an error response says about retrying: whether it may be retried
 * ({@code x-should-retry}, the status, a transient error type or code) and after how long
 * ({@code retry-after-ms}, {@code Retry-After} in seconds or as an HTTP date, or a delay
 * the message states in prose).
 */
final class RetryHints {

	private static final List<String> RETRY_AFTER_MS_HEADERS = List.of("retry-after-ms", "x-ms-retry-after-ms");

	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

	private static final Pattern PROSE_DELAY = Pattern.compile(
			"(?i)(?:try\\s+again|retry)\\s+(?:in|after)\\s+((?:\\d+(?:\\.\\d+)?\\s*(?:ms|milliseconds?|h|hours?|m(?![a-z])|mins?|minutes?|s|secs?|seconds?)(?![a-z])\\s*)+)");

	private static final Pattern DELAY_PART = Pattern
		.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|h|hours?|m(?![a-z])|mins?|minutes?|s|secs?|seconds?)");

	private static final List<String> TRANSIENT_MARKERS = List.of("server_error", "overloaded", "internal", "timeout",
			"timed_out", "api_error", "unavailable", "deadline_exceeded", "bad_gateway");

	private RetryHints() {
	}

	static @Nullable Boolean shouldRetry(Map<String, List<String>> headers) {
		String value = ErrorTexts.first(headers, "x-should-retry");
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.equalsIgnoreCase("true")) {
			return Boolean.TRUE;
		}
		return trimmed.equalsIgnoreCase("false") ? Boolean.FALSE : null;
	}

	static boolean retryable(boolean quota, int status, @Nullable String type, @Nullable String code,
			@Nullable Boolean shouldRetry) {
		if (Boolean.FALSE.equals(shouldRetry) || quota) {
			return false;
		}
		if (Boolean.TRUE.equals(shouldRetry)) {
			return true;
		}
		if (status >= 400) {
			return status == 408 || status == 409 || status == 429 || status >= 500;
		}
		return looksTransient(type) || looksTransient(code);
	}

	private static boolean looksTransient(@Nullable String value) {
		if (value == null) {
			return false;
		}
		String lower = value.toLowerCase(Locale.ROOT);
		if (lower.length() == 3 && lower.charAt(0) == '5' && ApiErrors.STATUS_DIGITS.matcher(lower).matches()) {
			return true;
		}
		for (String marker : TRANSIENT_MARKERS) {
			if (lower.contains(marker)) {
				return true;
			}
		}
		return false;
	}

	static @Nullable Duration retryAfter(Map<String, List<String>> headers, ApiErrors.Parsed parsed, Clock clock) {
		for (String name : RETRY_AFTER_MS_HEADERS) {
			String value = ErrorTexts.first(headers, name);
			if (value != null && DECIMAL.matcher(value.strip()).matches()) {
				return nonNegative(millis(Double.parseDouble(value.strip())));
			}
		}
		String retryAfter = ErrorTexts.first(headers, "retry-after");
		if (retryAfter != null) {
			Duration parsedHeader = parseRetryAfter(retryAfter.strip(), clock);
			if (parsedHeader != null) {
				return parsedHeader;
			}
		}
		return bodyHint(parsed);
	}

	private static @Nullable Duration parseRetryAfter(String value, Clock clock) {
		if (DECIMAL.matcher(value).matches()) {
			return nonNegative(millis(Double.parseDouble(value) * 1000));
		}
		try {
			ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			return nonNegative(Duration.between(Instant.now(clock), date.toInstant()));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Duration bodyHint(ApiErrors.Parsed parsed) {
		Object details = parsed.details().get("details");
		if (details instanceof List<?> list) {
			for (Object element : list) {
				if (element instanceof Map<?, ?> map && map.get("@type") instanceof String type
						&& type.endsWith("RetryInfo") && map.get("retryDelay") instanceof String delay) {
					Duration duration = parseDelayText(delay);
					if (duration != null) {
						return duration;
					}
				}
			}
		}
		String message = parsed.message();
		if (message != null) {
			Matcher matcher = PROSE_DELAY.matcher(message);
			if (matcher.find()) {
				return parseDelayText(matcher.group(1));
			}
		}
		return null;
	}

	private static @Nullable Duration parseDelayText(String text) {
		Matcher part = DELAY_PART.matcher(text);
		double totalMillis = 0;
		boolean found = false;
		while (part.find()) {
			found = true;
			double amount = Double.parseDouble(part.group(1));
			String unit = part.group(2).toLowerCase(Locale.ROOT);
			if (unit.startsWith("ms") || unit.startsWith("milli")) {
				totalMillis += amount;
			}
			else if (unit.startsWith("h")) {
				totalMillis += amount * 3_600_000;
			}
			else if (unit.equals("m") || unit.startsWith("min")) {
				totalMillis += amount * 60_000;
			}
			else {
				totalMillis += amount * 1000;
			}
		}
		return found ? nonNegative(millis(totalMillis)) : null;
	}

	private static Duration millis(double millis) {
		return Duration.ofNanos(Math.round(millis * 1_000_000d));
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
