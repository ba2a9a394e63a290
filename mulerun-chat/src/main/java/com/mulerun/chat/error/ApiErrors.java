package com.mulerun.chat.error;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns error responses into {@link MuleRunApiException}s, whatever shape the provider or
 * gateway used.
 *
 * <p>
 * Recognized bodies, in order: an OpenAI-style {@code {"error": {...}}} object (also
 * Azure, OpenRouter and Anthropic's native envelope), {@code {"error": "text"}}, Google's
 * {@code [{"error": {...}}]} array, vLLM's top-level {@code {"object": "error", ...}},
 * and finally any text, of which an HTML title or the first non-blank line becomes the
 * message. The effective status is a numeric error code of 400 to 599 when the body has
 * one, else the HTTP status; it alone selects the exception class.
 */
public final class ApiErrors {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Set<String> CONSUMED_ERROR_MEMBERS = Set.of("message", "type", "code", "param");

	private static final Set<String> CONSUMED_TOP_LEVEL_MEMBERS = Set.of("object", "message", "type", "code", "param",
			"error", "request_id");

	private static final List<String> REQUEST_ID_HEADERS = List.of("x-request-id", "request-id", "apim-request-id");

	static final Pattern STATUS_DIGITS = Pattern.compile("[1-5]\\d\\d");

	private ApiErrors() {
	}

	/**
	 * Creates the exception for an HTTP error response.
	 * @param status the HTTP status of the response
	 * @param headers the response headers
	 * @param body the raw response body, possibly empty
	 * @return the exception whose class follows the effective status
	 */
	public static MuleRunApiException create(int status, HttpHeaders headers, byte[] body) {
		return create(status, headers, body, Clock.systemUTC());
	}

	/**
	 * Creates the exception for an HTTP error response, its message ending with a hint
	 * that leads to the fix.
	 * @param status the HTTP status of the response
	 * @param headers the response headers
	 * @param body the raw response body, possibly empty
	 * @param hint a sentence to append to the message, or {@code null}
	 * @return the exception whose class follows the effective status
	 */
	public static MuleRunApiException create(int status, HttpHeaders headers, byte[] body, @Nullable String hint) {
		Parsed parsed = parse(body, 0, body.length, false);
		return build(Origin.HTTP, status, headers, body, 0, body.length, parsed, Clock.systemUTC(), hint);
	}

	static MuleRunApiException create(int status, HttpHeaders headers, byte[] body, Clock clock) {
		Parsed parsed = parse(body, 0, body.length, false);
		return build(Origin.HTTP, status, headers, body, 0, body.length, parsed, clock, null);
	}

	/**
	 * Creates the exception for an event of a successful event stream when it carries an
	 * error.
	 * @param headers the headers of the streaming response
	 * @param json the array holding the event data
	 * @param off the index of the first data byte
	 * @param len the number of data bytes
	 * @param errorEventType whether the event type was {@code error}
	 * @return the exception when the data has a non-null top-level {@code error} member
	 * or the event type was {@code error}, else {@code null}
	 */
	public static @Nullable MuleRunApiException fromStreamEvent(HttpHeaders headers, byte[] json, int off, int len,
			boolean errorEventType) {
		Parsed parsed = parse(json, off, len, errorEventType);
		if (!parsed.hasErrorMember() && !errorEventType) {
			return null;
		}
		return build(Origin.STREAM, 200, headers, json, off, len, parsed, Clock.systemUTC(), null);
	}

	/**
	 * Creates the exception for a successful non-streaming body that is an error envelope
	 * without {@code choices}, as some gateways send with status 200.
	 * @param status the HTTP status of the response, normally 200
	 * @param headers the response headers
	 * @param body the raw response body
	 * @return the exception when the body is an error envelope, else {@code null}
	 */
	public static @Nullable MuleRunApiException fromSuccessBody(int status, HttpHeaders headers, byte[] body) {
		Parsed parsed = parse(body, 0, body.length, false);
		if (!parsed.errorEnvelope() || parsed.hasChoices()) {
			return null;
		}
		return build(Origin.BODY, status, headers, body, 0, body.length, parsed, Clock.systemUTC(), null);
	}

	// --- parsing
	// -------------------------------------------------------------------------------------------

	private static Parsed parse(byte[] bytes, int off, int len, boolean errorEventType) {
		JsonNode root = readTree(bytes, off, len);
		if (root != null && root.isObject()) {
			boolean hasChoices = root.has("choices");
			String bodyRequestId = text(root.get("request_id"));
			JsonNode error = root.get("error");
			if (error != null && error.isObject()) {
				Parsed fromError = fromErrorObject(error, false);
				return fromError.with(bodyRequestId != null ? bodyRequestId : text(error.get("request_id")), true,
						hasChoices);
			}
			if (error != null && !error.isNull() && !error.isMissingNode()) {
				String message = text(error);
				NumericCode numeric = NumericCode.of(root.get("code"));
				return new Parsed(message, text(root.get("type")), numeric.text(), numeric.value(),
						text(root.get("param")), otherMembers(root, CONSUMED_TOP_LEVEL_MEMBERS), bodyRequestId, null,
						true, true, hasChoices);
			}
			boolean vllm = "error".equals(text(root.get("object")));
			if (vllm || (errorEventType && root.has("message"))) {
				NumericCode numeric = NumericCode.of(root.get("code"));
				return new Parsed(text(root.get("message")), text(root.get("type")), numeric.text(), numeric.value(),
						text(root.get("param")), otherMembers(root, CONSUMED_TOP_LEVEL_MEMBERS), bodyRequestId, null,
						vllm, true, hasChoices);
			}
		}
		if (root != null && root.isArray() && !root.isEmpty() && root.get(0).isObject()
				&& root.get(0).path("error").isObject()) {
			JsonNode first = root.get(0);
			return fromErrorObject(first.get("error"), true).with(text(first.get("request_id")), true, false);
		}
		return raw(bytes, off, len, root);
	}

	private static @Nullable JsonNode readTree(byte[] bytes, int off, int len) {
		if (len <= 0) {
			return null;
		}
		try {
			return MAPPER.readTree(bytes, off, len);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Parsed fromErrorObject(JsonNode error, boolean google) {
		String type = text(error.get("type"));
		if (type == null && (google || error.path("status").isString())) {
			type = text(error.get("status"));
		}
		NumericCode numeric = NumericCode.of(error.get("code"));
		String innerCode = text(error.path("innererror").get("code"));
		return new Parsed(text(error.get("message")), type, numeric.text(), numeric.value(), text(error.get("param")),
				otherMembers(error, CONSUMED_ERROR_MEMBERS), null, innerCode, true, true, false);
	}

	private static Parsed raw(byte[] bytes, int off, int len, @Nullable JsonNode root) {
		String text = (len > 0) ? new String(bytes, off, len, StandardCharsets.UTF_8) : "";
		String summary = ErrorTexts.summarize(text);
		if (root != null && root.isString()) {
			summary = ErrorTexts.summarize(root.stringValue());
		}
		return new Parsed(summary, null, null, null, null, Map.of(), null, null, false, false, false);
	}

	private static Map<String, Object> otherMembers(JsonNode node, Set<String> consumed) {
		Map<String, Object> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!consumed.contains(entry.getKey())) {
				result.put(entry.getKey(),
						Redaction.isSensitiveHeader(entry.getKey()) ? ErrorTexts.REDACTED : toJava(entry.getValue()));
			}
		}
		return result.isEmpty() ? Map.of() : Collections.unmodifiableMap(result);
	}

	private static @Nullable Object toJava(JsonNode node) {
		if (node.isObject()) {
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				// provider metadata may echo the request: credentials are redacted by
				// name and by value
				map.put(entry.getKey(),
						Redaction.isSensitiveHeader(entry.getKey()) ? ErrorTexts.REDACTED : toJava(entry.getValue()));
			}
			return Collections.unmodifiableMap(map);
		}
		if (node.isArray()) {
			List<@Nullable Object> list = new ArrayList<>(node.size());
			for (JsonNode element : node) {
				list.add(toJava(element));
			}
			return Collections.unmodifiableList(list);
		}
		if (node.isString()) {
			return ErrorTexts.scrub(node.stringValue());
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return null;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		String value = node.isValueNode() ? node.asString() : node.toString();
		return (value == null || value.isBlank()) ? null : value;
	}

	// --- building
	// ------------------------------------------------------------------------------------------

	private static MuleRunApiException build(Origin origin, int httpStatus, HttpHeaders headers, byte[] bytes, int off,
			int len, Parsed parsed, Clock clock, @Nullable String hint) {
		Map<String, List<String>> responseHeaders = ErrorTexts.redactHeaders(headers);
		Integer numeric = parsed.numericCode();
		boolean numericStatus = numeric != null && numeric >= 400 && numeric <= 599;
		int status = (numeric != null && numericStatus) ? numeric : httpStatus;
		boolean streamError = origin == Origin.STREAM && !numericStatus;
		Kind kind = streamError ? Kind.STREAM : Kind.forStatus(status, parsed);

		String providerMessage = ErrorTexts.scrubNullable(parsed.message());
		String type = ErrorTexts.scrubNullable(parsed.type());
		String code = ErrorTexts.scrubNullable(parsed.code());
		String param = ErrorTexts.scrubNullable(parsed.param());
		String requestId = requestId(responseHeaders, parsed.bodyRequestId());
		Boolean shouldRetry = RetryHints.shouldRetry(responseHeaders);
		Duration retryAfter = RetryHints.retryAfter(responseHeaders, parsed, clock);
		boolean retryable = RetryHints.retryable(kind == Kind.QUOTA, status, type, code, shouldRetry);
		String body = ErrorTexts.truncateBody(bytes, off, len);

		StringBuilder message = new StringBuilder();
		message.append(streamError ? "Stream error" : "HTTP " + status);
		String label = label(type, code);
		if (label != null) {
			message.append(" (").append(label).append(')');
		}
		message.append(": ").append(describe(providerMessage, status, len));
		if (status != httpStatus) {
			message.append(" (sent with HTTP ").append(httpStatus).append(')');
		}
		if (requestId != null) {
			message.append(" [request id ").append(requestId).append(']');
		}
		if (hint != null) {
			message.append(' ').append(hint);
		}
		ApiErrorData data = new ApiErrorData(message.toString(), httpStatus, status, type, code, param, providerMessage,
				requestId, retryAfter, responseHeaders, body, parsed.details(), retryable, shouldRetry);
		return kind.create(data);
	}

	private static @Nullable String label(@Nullable String type, @Nullable String code) {
		if (code != null && !STATUS_DIGITS.matcher(code).matches()) {
			return code;
		}
		// a numeric code only repeats the status
		return type;
	}

	private static String describe(@Nullable String providerMessage, int status, int bodyLength) {
		if (providerMessage != null) {
			return providerMessage;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase() : "no error message";
		return reason + ((bodyLength <= 0) ? " (empty body)" : " (no message in the body)");
	}

	/**
	 * Returns the request id of a response: the first of {@code x-request-id},
	 * {@code request-id} (Anthropic) and {@code apim-request-id} (Azure).
	 */
	public static @Nullable String requestId(HttpHeaders headers) {
		for (String name : REQUEST_ID_HEADERS) {
			String id = headers.getFirst(name);
			if (id != null && !id.isBlank()) {
				return id;
			}
		}
		return null;
	}

	private static @Nullable String requestId(Map<String, List<String>> headers, @Nullable String bodyRequestId) {
		for (String name : REQUEST_ID_HEADERS) {
			String value = ErrorTexts.first(headers, name);
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return ErrorTexts.scrubNullable(bodyRequestId);
	}

	// --- types
	// ---------------------------------------------------------------------------------------------

	private enum Origin {

		HTTP, BODY, STREAM

	}

	private enum Kind {

		BAD_REQUEST, UNPROCESSABLE, CONTENT_FILTER, AUTHENTICATION, PERMISSION, NOT_FOUND, REQUEST_TIMEOUT, CONFLICT,
		RATE_LIMIT, QUOTA, SERVER, UNEXPECTED, STREAM;

		static Kind forStatus(int status, Parsed parsed) {
			return switch (status) {
				case 400, 422 -> {
					if ("content_filter".equals(parsed.code())
							|| "ResponsibleAIPolicyViolation".equals(parsed.innerErrorCode())) {
						yield CONTENT_FILTER;
					}
					yield (status == 422) ? UNPROCESSABLE : BAD_REQUEST;
				}
				case 401 -> AUTHENTICATION;
				case 403 -> PERMISSION;
				case 404 -> NOT_FOUND;
				case 408 -> REQUEST_TIMEOUT;
				case 409 -> CONFLICT;
				case 429 -> ("insufficient_quota".equals(parsed.type()) || "insufficient_quota".equals(parsed.code()))
						? QUOTA : RATE_LIMIT;
				default -> (status >= 500) ? SERVER : UNEXPECTED;
			};
		}

		MuleRunApiException create(ApiErrorData data) {
			return switch (this) {
				case BAD_REQUEST -> new MuleRunBadRequestException(data);
				case UNPROCESSABLE -> new MuleRunUnprocessableEntityException(data);
				case CONTENT_FILTER -> new MuleRunContentFilterException(data);
				case AUTHENTICATION -> new MuleRunAuthenticationException(data);
				case PERMISSION -> new MuleRunPermissionDeniedException(data);
				case NOT_FOUND -> new MuleRunNotFoundException(data);
				case REQUEST_TIMEOUT -> new MuleRunServerTimeoutException(data);
				case CONFLICT -> new MuleRunConflictException(data);
				case RATE_LIMIT -> new MuleRunRateLimitException(data);
				case QUOTA -> new MuleRunQuotaExceededException(data);
				case SERVER -> new MuleRunServerException(data);
				case UNEXPECTED -> new MuleRunUnexpectedStatusException(data);
				case STREAM -> new MuleRunStreamErrorEventException(data);
			};
		}

	}

	private record NumericCode(@Nullable String text, @Nullable Integer value) {

		static NumericCode of(@Nullable JsonNode node) {
			if (node == null || node.isNull() || node.isMissingNode()) {
				return new NumericCode(null, null);
			}
			if (node.isIntegralNumber() && node.canConvertToInt()) {
				return new NumericCode(String.valueOf(node.intValue()), node.intValue());
			}
			String text = ApiErrors.text(node);
			if (text != null && STATUS_DIGITS.matcher(text.strip()).matches()) {
				return new NumericCode(text.strip(), Integer.parseInt(text.strip()));
			}
			return new NumericCode(text, null);
		}

	}

	record Parsed(@Nullable String message, @Nullable String type, @Nullable String code, @Nullable Integer numericCode,
			@Nullable String param, Map<String, Object> details, @Nullable String bodyRequestId,
			@Nullable String innerErrorCode, boolean hasErrorMember, boolean errorEnvelope, boolean hasChoices) {

		Parsed with(@Nullable String requestId, boolean envelope, boolean choices) {
			return new Parsed(this.message, this.type, this.code, this.numericCode, this.param, this.details, requestId,
					this.innerErrorCode, this.hasErrorMember, envelope, choices);
		}

	}

}
