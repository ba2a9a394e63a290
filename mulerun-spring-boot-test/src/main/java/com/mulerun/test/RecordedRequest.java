package com.mulerun.test;

import com.mulerun.chat.model.ChatCompletionRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A request {@link MockMuleRunServer} received: the typed request, the raw JSON body and
 * the headers. {@link #toString()} redacts credentials, so it is safe to print in a test
 * failure.
 *
 * @param method the HTTP method
 * @param path the request path, such as {@code /v1/chat/completions}
 * @param headers the headers (names compared without regard to case)
 * @param body the raw JSON body
 * @param request the body read as a {@link ChatCompletionRequest}
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
		ChatCompletionRequest request) {

	/**
	 * Creates a recorded request.
	 * @param method the HTTP method
	 * @param path the request path
	 * @param headers the headers
	 * @param body the raw JSON body
	 * @param request the typed request
	 */
	public RecordedRequest {
		TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.merge(name, List.copyOf(values),
				(a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
		headers = java.util.Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns the first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the header was not sent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Tells whether the request asked for a stream ({@code "stream": true}).
	 * @return whether the answer is streamed
	 */
	public boolean isStream() {
		return Boolean.TRUE.equals(this.request.stream());
	}

	/**
	 * Returns the text of the last user message.
	 * @return the text, or {@code null} when there is no user message
	 */
	public @Nullable String lastUserMessage() {
		return WireFormat.lastUserMessage(this.request);
	}

	@Override
	public String toString() {
		String shownHeaders = this.headers.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + (isCredential(entry.getKey()) ? "[redacted]" : entry.getValue()))
			.collect(Collectors.joining(", ", "{", "}"));
		return "RecordedRequest[" + this.method + " " + this.path + ", headers=" + shownHeaders + ", body=" + this.body
				+ "]";
	}

	static boolean isCredential(String headerName) {
		String name = headerName.toLowerCase(Locale.ROOT);
		return name.equals("authorization") || name.equals("proxy-authorization") || name.equals("api-key")
				|| name.equals("x-api-key") || name.equals("cookie");
	}

}
