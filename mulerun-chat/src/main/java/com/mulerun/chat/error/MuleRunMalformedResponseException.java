package com.mulerun.chat.error;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A successful (2xx) response whose body is not a valid chat completion: bad or truncated
 * JSON, or an HTML page from a proxy sent with status 200.
 */
public class MuleRunMalformedResponseException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final @Nullable String requestId;

	private final String responseBody;

	/**
	 * Creates an exception for a body that could not be read as a chat completion.
	 * @param problem what is wrong with the body, such as "invalid JSON at line 1, column
	 * 12"
	 * @param statusCode the HTTP status of the response
	 * @param requestId the request id, or {@code null}
	 * @param body the raw body, kept truncated to 2 KB
	 * @param cause the parse failure, or {@code null}
	 */
	public MuleRunMalformedResponseException(String problem, int statusCode, @Nullable String requestId,
			byte @Nullable [] body, @Nullable Throwable cause) {
		this(problem, statusCode, requestId, ErrorTexts.truncateBody(body, 0, (body != null) ? body.length : 0), true,
				cause);
	}

	private MuleRunMalformedResponseException(String problem, int statusCode, @Nullable String requestId,
			String responseBody, boolean bodyKept, @Nullable Throwable cause) {
		super(buildMessage(problem, statusCode, requestId, responseBody, bodyKept), cause);
		this.statusCode = statusCode;
		this.requestId = requestId;
		this.responseBody = responseBody;
	}

	/**
	 * Creates an exception for a body given as text.
	 * @param problem what is wrong with the body
	 * @param statusCode the HTTP status of the response
	 * @param requestId the request id, or {@code null}
	 * @param body the raw body text
	 * @param cause the parse failure, or {@code null}
	 * @return the exception
	 */
	public static MuleRunMalformedResponseException of(String problem, int statusCode, @Nullable String requestId,
			String body, @Nullable Throwable cause) {
		return new MuleRunMalformedResponseException(problem, statusCode, requestId,
				body.getBytes(StandardCharsets.UTF_8), cause);
	}

	/**
	 * Creates an exception for a body that was not kept, such as one over the size limit;
	 * the message says nothing about the body's content.
	 * @param problem what is wrong with the body
	 * @param statusCode the HTTP status of the response
	 * @param requestId the request id, or {@code null}
	 * @param cause the underlying failure, or {@code null}
	 * @return the exception
	 */
	public static MuleRunMalformedResponseException bodyNotKept(String problem, int statusCode,
			@Nullable String requestId, @Nullable Throwable cause) {
		return new MuleRunMalformedResponseException(problem, statusCode, requestId, "", false, cause);
	}

	private static String buildMessage(String problem, int statusCode, @Nullable String requestId, String body,
			boolean bodyKept) {
		StringBuilder message = new StringBuilder("Malformed chat completion response (HTTP ").append(statusCode)
			.append("): ")
			.append(ErrorTexts.scrub(problem));
		if (bodyKept) {
			String firstLine = body.isBlank() ? null : firstLine(body);
			message.append((firstLine != null) ? "; body starts with: " + firstLine : "; the body is empty");
		}
		if (requestId != null) {
			message.append(" [request id ").append(requestId).append(']');
		}
		return message.toString();
	}

	private static @Nullable String firstLine(String body) {
		for (String line : body.split("\\r\\n|\\r|\\n")) {
			if (!line.isBlank()) {
				return ErrorTexts.cap(line.strip());
			}
		}
		return null;
	}

	/**
	 * Returns the HTTP status of the response.
	 * @return the status code
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Returns the request id of the response.
	 * @return the request id, or {@code null} when the server sent none
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

	/**
	 * Returns the raw body as text, truncated to 2 KB with a marker naming the full size.
	 * @return the body text, empty when there was no body
	 */
	public String responseBody() {
		return this.responseBody;
	}

}
