package com.mulerun.chat.validation;

import com.mulerun.chat.error.MuleRunValidationException.Violation;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The pieces every rule of the validator shares: recording a violation, the name rule,
 * blankness and the quoting of a value in a message.
 *
 * <p>
 * The violations are collected in a list created on the first violation, so that a valid
 * request is checked without allocation: every check takes the list so far ({@code null}
 * while there is none) and returns it.
 */
final class Rules {

	private static final int MAX_NAME_LENGTH = 64;

	private static final String NAME_RULE = "must match [a-zA-Z0-9_-]{1,64}";

	private static final int MAX_QUOTED_LENGTH = 64;

	private Rules() {
	}

	static List<Violation> add(@Nullable List<Violation> violations, String path, String message) {
		List<Violation> list = (violations != null) ? violations : new ArrayList<>();
		list.add(new Violation(path, message));
		return list;
	}

	static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	static boolean isValidName(@Nullable String name) {
		if (name == null) {
			return false;
		}
		int length = name.length();
		if (length < 1 || length > MAX_NAME_LENGTH) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	static String nameMessage(@Nullable String name) {
		if (name != null && name.length() > MAX_NAME_LENGTH) {
			return NAME_RULE + " (was " + name.length() + " characters: " + quote(name) + ")";
		}
		return NAME_RULE + " (was " + quote(name) + ")";
	}

	static String quote(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		if (value.length() > MAX_QUOTED_LENGTH) {
			return "\"" + value.substring(0, MAX_QUOTED_LENGTH) + "…\"";
		}
		return "\"" + value + "\"";
	}

}
