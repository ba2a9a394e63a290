package com.mulerun.chat.structured;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a structured answer into its Java type: finds the JSON (in tolerant mode past a
 * fenced block or leading prose), unwraps the wrapper property, binds the value and
 * validates it.
 */
final class AnswerReader {

	private final JsonMapper mapper;

	private final @Nullable ValueValidator validator;

	private final ConcurrentMap<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();

	/**
	 * Creates a reader.
	 * @param mapper the mapper to bind with (it reads maps from entry arrays)
	 * @param validator the Bean Validation of the values, or {@code null} when it is not
	 * on the classpath
	 */
	AnswerReader(JsonMapper mapper, @Nullable ValueValidator validator) {
		this.mapper = mapper;
		this.validator = validator;
	}

	/**
	 * Reads an answer. The JSON is bound straight to the type; only when that fails (or
	 * gives {@code null}) is it read again as a tree, which finds the precise reason.
	 * @param raw the text or tool-call arguments the model answered with
	 * @param type the type to bind
	 * @param wrapper the property the value sits under, or {@code null}
	 * @param tolerant whether to look for the JSON inside a fenced block or after prose
	 * @return the value
	 * @throws InvalidAnswerException when the answer does not become a valid value
	 */
	<T> T read(String raw, JavaType type, @Nullable String wrapper, boolean tolerant) {
		String json = tolerant ? extractJson(raw) : raw.strip();
		T value = (wrapper != null) ? null : readDirectly(json, type);
		if (value == null) {
			return readTree(json, type, wrapper);
		}
		return validated(value, "");
	}

	private <T> T readTree(String json, JavaType type, @Nullable String wrapper) {
		JsonNode node;
		try {
			node = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidAnswerException("the answer is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (node == null || node.isMissingNode()) {
			throw new InvalidAnswerException("the answer is empty", null);
		}
		if (wrapper != null) {
			JsonNode wrapped = node.get(wrapper);
			if (wrapped == null) {
				throw new InvalidAnswerException(
						"property '" + wrapper + "' is missing: expected an object like {\"" + wrapper + "\": ...}",
						null);
			}
			node = wrapped;
		}
		return bind(node, type, "");
	}

	/**
	 * Binds JSON text straight to the type, without a tree in between.
	 * @return the value, or {@code null} when the text does not bind (the tree path then
	 * says why)
	 */
	private <T> @Nullable T readDirectly(String json, JavaType type) {
		try {
			return this.readers.computeIfAbsent(type, this.mapper::readerFor).readValue(json);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Reads one element of a streamed list.
	 * @param json the element's JSON text
	 * @param type the element type
	 * @param index the element's index, for messages
	 * @return the value
	 * @throws InvalidAnswerException when the element does not become a valid value
	 */
	<T> T readElement(String json, JavaType type, int index) {
		T value = readDirectly(json, type);
		if (value != null) {
			return validated(value, "[" + index + "]");
		}
		JsonNode node;
		try {
			node = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidAnswerException("element [" + index + "] is not valid JSON: " + ex.getOriginalMessage(),
					ex);
		}
		return bind(node, type, "[" + index + "]");
	}

	private <T> T bind(JsonNode node, JavaType type, String prefix) {
		T value;
		try {
			value = this.mapper.readerFor(type).readValue(node);
		}
		catch (JacksonException ex) {
			throw new InvalidAnswerException(describe(ex, prefix), ex);
		}
		if (value == null) {
			throw new InvalidAnswerException("the value" + (prefix.isEmpty() ? "" : " " + prefix) + " is null", null);
		}
		return validated(value, prefix);
	}

	private <T> T validated(T value, String prefix) {
		if (this.validator != null) {
			List<String> violations = this.validator.violations(value);
			if (!violations.isEmpty()) {
				throw new InvalidAnswerException("the value" + (prefix.isEmpty() ? "" : " " + prefix) + " breaks "
						+ ((violations.size() == 1) ? "a constraint: " : violations.size() + " constraints: ")
						+ String.join("; ", violations), null);
			}
		}
		return value;
	}

	/**
	 * Returns the JSON of an answer that may wrap it in a fenced block or put prose
	 * before or after it: the first complete JSON object or array, or everything from the
	 * first brace when none completes.
	 * @param raw the answer
	 * @return the JSON text
	 */
	static String extractJson(String raw) {
		String text = raw;
		int fence = text.indexOf("```");
		if (fence >= 0) {
			int lineEnd = text.indexOf('\n', fence);
			int closing = (lineEnd >= 0) ? text.indexOf("```", lineEnd) : -1;
			if (lineEnd >= 0) {
				text = text.substring(lineEnd + 1, (closing >= 0) ? closing : text.length());
			}
		}
		int start = firstOpening(text);
		if (start < 0) {
			return text.strip();
		}
		JsonScanner scanner = new JsonScanner();
		for (int i = start; i < text.length(); i++) {
			if (scanner.accept(text.charAt(i)) && scanner.depth() == 0) {
				return text.substring(start, i + 1);
			}
		}
		return text.substring(start).strip();
	}

	private static int firstOpening(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '{' || c == '[') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Describes a binding failure by the path of the property and the reason.
	 */
	static String describe(JacksonException ex, String prefix) {
		StringBuilder path = new StringBuilder("$").append(prefix);
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append('.').append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		String reason = ex.getOriginalMessage();
		int newline = reason.indexOf('\n');
		if (newline >= 0) {
			reason = reason.substring(0, newline);
		}
		return (path.length() > 1) ? "property '" + path + "' is invalid: " + reason : reason;
	}

	/**
	 * Validates values: the Bean Validation bridge implements it when Jakarta Validation
	 * is on the classpath.
	 */
	@FunctionalInterface
	interface ValueValidator {

		/**
		 * Returns the violations of a value (the elements of a collection are validated
		 * one by one).
		 * @param value the value
		 * @return each violation as {@code path: message}, empty when valid
		 */
		List<String> violations(Object value);

	}

	/**
	 * An answer that did not become a valid value; the message says which property and
	 * why.
	 */
	static final class InvalidAnswerException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final String reason;

		InvalidAnswerException(String reason, @Nullable Throwable cause) {
			super(reason, cause);
			this.reason = reason;
		}

		/**
		 * Returns which property is wrong and why.
		 * @return the reason
		 */
		String reason() {
			return this.reason;
		}

	}

}
