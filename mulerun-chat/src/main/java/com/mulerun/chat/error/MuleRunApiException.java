package com.mulerun.chat.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An error reported by the API or a gateway in front of it: an HTTP error status, an
 * error envelope in a successful body, or an error object inside an event stream.
 *
 * <p>
 * Instances are created by {@link ApiErrors}; the subclass tells the kind of failure,
 * following the effective HTTP status. Header values that carry credentials are redacted
 * and the message never contains them.
 *
 * @see ApiErrors#create(int, org.springframework.http.HttpHeaders, byte[])
 */
public class MuleRunApiException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final int httpStatus;

	private final int statusCode;

	private final @Nullable String errorType;

	private final @Nullable String errorCode;

	private final @Nullable String errorParam;

	private final @Nullable String providerMessage;

	private final @Nullable String requestId;

	private final @Nullable Duration retryAfter;

	private final Map<String, List<String>> responseHeaders;

	private final String responseBody;

	private final Map<String, Object> errorDetails;

	private final boolean retryable;

	private final @Nullable Boolean shouldRetryHeader;

	MuleRunApiException(ApiErrorData data) {
		super(data.message());
		this.httpStatus = data.httpStatus();
		this.statusCode = data.statusCode();
		this.errorType = data.errorType();
		this.errorCode = data.errorCode();
		this.errorParam = data.errorParam();
		this.providerMessage = data.providerMessage();
		this.requestId = data.requestId();
		this.retryAfter = data.retryAfter();
		this.responseHeaders = data.responseHeaders();
		this.responseBody = data.responseBody();
		this.errorDetails = data.errorDetails();
		this.retryable = data.retryable();
		this.shouldRetryHeader = data.shouldRetryHeader();
	}

	/**
	 * Returns the effective status: a numeric error code of 400 to 599 from the body when
	 * there is one, else the HTTP status.
	 * @return the effective status code
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Returns the status of the HTTP response itself, which is 200 for errors sent inside
	 * a successful body or event stream.
	 * @return the HTTP status code
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Returns the provider's error type, such as {@code invalid_request_error} or
	 * {@code INVALID_ARGUMENT}.
	 * @return the error type, or {@code null} when the provider sent none
	 */
	public @Nullable String errorType() {
		return this.errorType;
	}

	/**
	 * Returns the provider's error code as a string, also when the provider sent a
	 * number.
	 * @return the error code, or {@code null} when the provider sent none
	 */
	public @Nullable String errorCode() {
		return this.errorCode;
	}

	/**
	 * Returns the request parameter the error refers to, such as {@code messages} or
	 * {@code prompt}.
	 * @return the parameter, or {@code null} when the provider named none
	 */
	public @Nullable String errorParam() {
		return this.errorParam;
	}

	/**
	 * Returns the provider's own message, or the title or first line of a body that is
	 * not JSON.
	 * @return the provider message, or {@code null} when the body carried none
	 */
	public @Nullable String providerMessage() {
		return this.providerMessage;
	}

	/**
	 * Returns the request id, from {@code x-request-id}, {@code request-id},
	 * {@code apim-request-id} or the body's {@code request_id}, in that order.
	 * @return the request id, or {@code null} when none was sent
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

	/**
	 * Returns the delay the server asked for before a retry, from the retry headers or
	 * hints in the body.
	 * @return the requested delay, or {@code null} when the server did not say
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Returns the response headers with lower-cased names and credential values replaced
	 * by {@code [redacted]}.
	 * @return an immutable map of the response headers
	 */
	public Map<String, List<String>> responseHeaders() {
		return this.responseHeaders;
	}

	/**
	 * Returns the raw response body as text, truncated to 2 KB with a marker naming the
	 * full size.
	 * @return the body text, empty when there was no body
	 */
	public String responseBody() {
		return this.responseBody;
	}

	/**
	 * Returns the other members of the error object, such as {@code status},
	 * {@code details}, {@code innererror} or {@code metadata}, as plain maps, lists and
	 * values.
	 * @return an immutable map of the extra error members, empty when there are none
	 */
	public Map<String, Object> errorDetails() {
		return this.errorDetails;
	}

	/**
	 * Tells whether sending the same request again may succeed.
	 * @return {@code true} when the request may be retried
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * Returns the value of the {@code x-should-retry} response header.
	 * @return {@code true} or {@code false} as the server said, or {@code null} when the
	 * header was absent
	 */
	public @Nullable Boolean shouldRetryHeader() {
		return this.shouldRetryHeader;
	}

}
