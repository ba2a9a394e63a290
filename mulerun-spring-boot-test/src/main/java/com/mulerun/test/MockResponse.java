package com.mulerun.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What {@link MockMuleRunServer} answers with: a completion (text, tool calls or both) or
 * an error.
 *
 * <p>
 * A completion honours the request's {@code stream} flag: a non-streaming request gets a
 * {@code chat.completion} JSON body, a streaming one gets {@code chat.completion.chunk}
 * server-sent events (a role chunk, the content chunks, the tool-call fragments, a finish
 * chunk, a usage chunk when {@code stream_options.include_usage} is {@code true}, and
 * {@code data: [DONE]}). Text is streamed word by word unless chosen otherwise. Usage
 * counts one token per word and per punctuation mark unless given.
 *
 * <p>
 * Instances are immutable: every {@code with...} method returns a new one.
 */
public final class MockResponse {

	/** The delay-free default. */
	private static final Duration NO_DELAY = Duration.ZERO;

	private final @Nullable String content;

	private final @Nullable List<String> chunks;

	private final int chunkSize;

	private final List<MockToolCall> toolCalls;

	private final int argumentFragmentSize;

	private final Duration chunkDelay;

	private final Duration responseDelay;

	private final @Nullable Integer promptTokens;

	private final @Nullable Integer completionTokens;

	private final @Nullable String finishReason;

	private final @Nullable String model;

	private final int failAfterChunks;

	private final int streamErrorAfterChunks;

	private final @Nullable String streamErrorBody;

	private final int status;

	private final @Nullable String errorBody;

	private final Map<String, String> headers;

	private MockResponse(@Nullable String content, @Nullable List<String> chunks, int chunkSize,
			List<MockToolCall> toolCalls, int argumentFragmentSize, Duration chunkDelay, Duration responseDelay,
			@Nullable Integer promptTokens, @Nullable Integer completionTokens, @Nullable String finishReason,
			@Nullable String model, int failAfterChunks, int streamErrorAfterChunks, @Nullable String streamErrorBody,
			int status, @Nullable String errorBody, Map<String, String> headers) {
		this.content = content;
		this.chunks = chunks;
		this.chunkSize = chunkSize;
		this.toolCalls = toolCalls;
		this.argumentFragmentSize = argumentFragmentSize;
		this.chunkDelay = chunkDelay;
		this.responseDelay = responseDelay;
		this.promptTokens = promptTokens;
		this.completionTokens = completionTokens;
		this.finishReason = finishReason;
		this.model = model;
		this.failAfterChunks = failAfterChunks;
		this.streamErrorAfterChunks = streamErrorAfterChunks;
		this.streamErrorBody = streamErrorBody;
		this.status = status;
		this.errorBody = errorBody;
		this.headers = headers;
	}

	private static MockResponse completion(@Nullable String content, @Nullable List<String> chunks,
			List<MockToolCall> toolCalls) {
		return new MockResponse(content, chunks, 0, toolCalls, 10, NO_DELAY, NO_DELAY, null, null, null, null, -1, -1,
				null, 200, null, Map.of());
	}

	/**
	 * Answers with text; a stream sends it word by word (each word with the whitespace
	 * before it).
	 * @param text the answer
	 * @return the response
	 */
	public static MockResponse text(String text) {
		Objects.requireNonNull(text, "text must not be null");
		return completion(text, null, List.of());
	}

	/**
	 * Answers with text made of the given chunks; a stream sends exactly these chunks, a
	 * non-streaming answer their concatenation.
	 * @param chunks the content deltas, in order
	 * @return the response
	 */
	public static MockResponse chunks(String... chunks) {
		List<String> list = List.of(chunks);
		return completion(String.join("", list), list, List.of());
	}

	/**
	 * Answers with one function tool call (finish reason {@code tool_calls}); a stream
	 * sends the arguments in fragments.
	 * @param name the function's name
	 * @param arguments the JSON-encoded arguments
	 * @return the response
	 */
	public static MockResponse toolCall(String name, String arguments) {
		return toolCalls(MockToolCall.of(name, arguments));
	}

	/**
	 * Answers with several function tool calls (finish reason {@code tool_calls}); a
	 * stream sends each call's arguments in fragments, one call after the other.
	 * @param toolCalls the calls, in order
	 * @return the response
	 */
	public static MockResponse toolCalls(MockToolCall... toolCalls) {
		if (toolCalls.length == 0) {
			throw new IllegalArgumentException("toolCalls must not be empty");
		}
		List<MockToolCall> calls = new ArrayList<>();
		for (int i = 0; i < toolCalls.length; i++) {
			calls.add(toolCalls[i].withIdFor(i));
		}
		return completion(null, null, List.copyOf(calls));
	}

	/**
	 * Answers with an HTTP error and the body as it is ({@code application/json} when it
	 * looks like JSON, else {@code text/plain}).
	 * @param status the HTTP status, 400 to 599
	 * @param body the response body
	 * @return the response
	 */
	public static MockResponse error(int status, String body) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be between 400 and 599 (was " + status + ")");
		}
		Objects.requireNonNull(body, "body must not be null");
		return new MockResponse(null, null, 0, List.of(), 10, NO_DELAY, NO_DELAY, null, null, null, null, -1, -1, null,
				status, body, Map.of());
	}

	/**
	 * Answers with an HTTP error in OpenAI's shape: {@code {"error": {"message": ...,
	 * "type": ..., "param": null, "code": ...}}}.
	 * @param status the HTTP status, 400 to 599
	 * @param type the error type, such as {@code invalid_request_error}
	 * @param code the error code, such as {@code context_length_exceeded}, or
	 * {@code null}
	 * @param message the message
	 * @return the response
	 */
	public static MockResponse openAiError(int status, String type, @Nullable String code, String message) {
		return error(status, WireFormat.openAiError(type, code, message));
	}

	/**
	 * Answers with {@code 429 Too Many Requests}, a {@code Retry-After} header (whole
	 * seconds, rounded up, plus {@code retry-after-ms}) and OpenAI's rate-limit body.
	 * @param retryAfter the delay the client is asked to wait
	 * @return the response
	 */
	public static MockResponse rateLimited(Duration retryAfter) {
		long millis = retryAfter.toMillis();
		long seconds = (millis + 999) / 1000;
		return openAiError(429, "requests", "rate_limit_exceeded",
				"Rate limit reached for requests. Please try again in " + seconds + "s.")
			.withHeader("Retry-After", Long.toString(seconds))
			.withHeader("retry-after-ms", Long.toString(millis));
	}

	/**
	 * Answers with {@code 500 Internal Server Error} and OpenAI's server-error body.
	 * @return the response
	 */
	public static MockResponse serverError() {
		return openAiError(500, "server_error", null,
				"The server had an error while processing your request. Sorry about that!");
	}

	/**
	 * Answers with {@code 401 Unauthorized} and OpenAI's invalid-key body.
	 * @return the response
	 */
	public static MockResponse unauthorized() {
		return openAiError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
	}

	/**
	 * Adds content to a tool-call answer, or replaces the text of a text answer; streamed
	 * before the tool calls.
	 * @param text the content
	 * @return a new response
	 */
	public MockResponse withContent(String text) {
		requireCompletion("withContent");
		return new MockResponse(text, null, this.chunkSize, this.toolCalls, this.argumentFragmentSize, this.chunkDelay,
				this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason, this.model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Streams the text word by word, each word with the whitespace before it (the
	 * default).
	 * @return a new response
	 */
	public MockResponse chunkedByWords() {
		return chunkedBy(0);
	}

	/**
	 * Streams the text in pieces of the given number of characters (code points).
	 * @param characters the size of a piece, at least 1
	 * @return a new response
	 */
	public MockResponse chunkedByCharacters(int characters) {
		if (characters < 1) {
			throw new IllegalArgumentException("characters must be at least 1 (was " + characters + ")");
		}
		return chunkedBy(characters);
	}

	private MockResponse chunkedBy(int size) {
		requireCompletion("chunkedBy");
		return new MockResponse(this.content, null, size, this.toolCalls, this.argumentFragmentSize, this.chunkDelay,
				this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason, this.model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Sets the size of the fragments tool-call arguments are streamed in (10 characters
	 * by default).
	 * @param characters the size of a fragment, at least 1
	 * @return a new response
	 */
	public MockResponse withArgumentFragmentSize(int characters) {
		requireCompletion("withArgumentFragmentSize");
		if (characters < 1) {
			throw new IllegalArgumentException("characters must be at least 1 (was " + characters + ")");
		}
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, characters, this.chunkDelay,
				this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason, this.model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Waits before each server-sent event of a stream (with {@code Flux.delayElements},
	 * never blocking a thread).
	 * @param delay the delay before each event
	 * @return a new response
	 */
	public MockResponse withChunkDelay(Duration delay) {
		requireNonNegative(delay);
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				delay, this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason, this.model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Waits before sending the response status and headers, streaming or not.
	 * @param delay the delay
	 * @return a new response
	 */
	public MockResponse withResponseDelay(Duration delay) {
		requireNonNegative(delay);
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				this.chunkDelay, delay, this.promptTokens, this.completionTokens, this.finishReason, this.model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Sets the usage reported instead of the counted one; the total is their sum.
	 * @param promptTokens the prompt tokens
	 * @param completionTokens the completion tokens
	 * @return a new response
	 */
	public MockResponse withUsage(int promptTokens, int completionTokens) {
		requireCompletion("withUsage");
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				this.chunkDelay, this.responseDelay, promptTokens, completionTokens, this.finishReason, this.model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Sets the finish reason ({@code stop} for text and {@code tool_calls} for tool calls
	 * by default).
	 * @param finishReason the finish reason as sent on the wire, such as {@code length}
	 * @return a new response
	 */
	public MockResponse withFinishReason(String finishReason) {
		requireCompletion("withFinishReason");
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				this.chunkDelay, this.responseDelay, this.promptTokens, this.completionTokens, finishReason, this.model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Sets the model named in the answer (by default the request's model).
	 * @param model the model id
	 * @return a new response
	 */
	public MockResponse withModel(String model) {
		requireCompletion("withModel");
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				this.chunkDelay, this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason, model,
				this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Closes the connection after the given number of server-sent events (the role chunk
	 * counts as the first), without a finish chunk or {@code [DONE]}: the client sees a
	 * stream that ended before it was complete. A non-streaming request gets its
	 * connection closed without any response.
	 * @param chunks the number of events sent before the connection is closed
	 * @return a new response
	 */
	public MockResponse failAfterChunks(int chunks) {
		requireCompletion("failAfterChunks");
		if (chunks < 0) {
			throw new IllegalArgumentException("chunks must not be negative (was " + chunks + ")");
		}
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				this.chunkDelay, this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason,
				this.model, chunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status, this.errorBody,
				this.headers);
	}

	/**
	 * Sends an error event ({@code data: {"error": {...}}}, as gateways do when a
	 * provider fails mid-stream) after the given number of server-sent events, then ends
	 * the stream. A non-streaming request gets the usual answer.
	 * @param chunks the number of events sent before the error event
	 * @param type the error type, such as {@code server_error}
	 * @param message the error message
	 * @return a new response
	 */
	public MockResponse streamErrorAfterChunks(int chunks, String type, String message) {
		requireCompletion("streamErrorAfterChunks");
		if (chunks < 0) {
			throw new IllegalArgumentException("chunks must not be negative (was " + chunks + ")");
		}
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				this.chunkDelay, this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason,
				this.model, this.failAfterChunks, chunks, WireFormat.openAiError(type, null, message), this.status,
				this.errorBody, this.headers);
	}

	/**
	 * Adds a response header (replacing one of the same name).
	 * @param name the header name
	 * @param value the header value
	 * @return a new response
	 */
	public MockResponse withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new MockResponse(this.content, this.chunks, this.chunkSize, this.toolCalls, this.argumentFragmentSize,
				this.chunkDelay, this.responseDelay, this.promptTokens, this.completionTokens, this.finishReason,
				this.model, this.failAfterChunks, this.streamErrorAfterChunks, this.streamErrorBody, this.status,
				this.errorBody, Map.copyOf(headers));
	}

	private void requireCompletion(String method) {
		if (isError()) {
			throw new IllegalStateException(method + " applies to completions, not to an error response");
		}
	}

	private static void requireNonNegative(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative (was " + delay + ")");
		}
	}

	boolean isError() {
		return this.errorBody != null;
	}

	int status() {
		return this.status;
	}

	String errorBody() {
		return Objects.requireNonNull(this.errorBody);
	}

	Map<String, String> headers() {
		return this.headers;
	}

	@Nullable String content() {
		return this.content;
	}

	List<MockToolCall> toolCalls() {
		return this.toolCalls;
	}

	Duration chunkDelay() {
		return this.chunkDelay;
	}

	Duration responseDelay() {
		return this.responseDelay;
	}

	@Nullable Integer promptTokens() {
		return this.promptTokens;
	}

	@Nullable Integer completionTokens() {
		return this.completionTokens;
	}

	String finishReason() {
		if (this.finishReason != null) {
			return this.finishReason;
		}
		return this.toolCalls.isEmpty() ? "stop" : "tool_calls";
	}

	@Nullable String model() {
		return this.model;
	}

	int failAfterChunks() {
		return this.failAfterChunks;
	}

	int streamErrorAfterChunks() {
		return this.streamErrorAfterChunks;
	}

	@Nullable String streamErrorBody() {
		return this.streamErrorBody;
	}

	int argumentFragmentSize() {
		return this.argumentFragmentSize;
	}

	/**
	 * Returns the content deltas of a stream.
	 * @return the deltas, empty when there is no content
	 */
	List<String> contentChunks() {
		if (this.chunks != null) {
			return this.chunks;
		}
		if (this.content == null || this.content.isEmpty()) {
			return List.of();
		}
		return (this.chunkSize > 0) ? splitByCodePoints(this.content, this.chunkSize) : splitByWords(this.content);
	}

	static List<String> splitByWords(String text) {
		List<String> words = new ArrayList<>(Arrays.asList(text.split("(?<=\\S)(?=\\s)")));
		words.removeIf(String::isEmpty);
		return words;
	}

	static List<String> splitByCodePoints(String text, int size) {
		List<String> pieces = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = start;
			for (int i = 0; i < size && end < text.length(); i++) {
				end = text.offsetByCodePoints(end, 1);
			}
			pieces.add(text.substring(start, end));
			start = end;
		}
		return pieces;
	}

	@Override
	public String toString() {
		if (isError()) {
			return "MockResponse[error " + this.status + "]";
		}
		StringBuilder description = new StringBuilder("MockResponse[");
		if (this.content != null) {
			description.append("text=\"").append(WireFormat.abbreviate(this.content, 40)).append('"');
		}
		if (!this.toolCalls.isEmpty()) {
			description.append((this.content != null) ? ", " : "").append("toolCalls=");
			description.append(this.toolCalls.stream().map(MockToolCall::name).toList());
		}
		if (this.failAfterChunks >= 0) {
			description.append(", failAfterChunks=").append(this.failAfterChunks);
		}
		return description.append(']').toString();
	}

}
