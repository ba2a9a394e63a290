package com.mulerun.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A {@link ClientHttpConnector} that answers chat completion requests itself, in the
 * API's wire format (a JSON completion, or server-sent events ending with
 * {@code [DONE]}), so that everything above the connector (validation, interceptors,
 * observation, decoding, aggregation) runs as it does online. Nothing is sent over the
 * network and no thread or socket is left to stop.
 */
final class OfflineClientHttpConnector implements ClientHttpConnector {

	private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

	private final String reason;

	private final Duration chunkDelay;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final AtomicLong sequence = new AtomicLong();

	OfflineClientHttpConnector(String reason, Duration chunkDelay) {
		this.reason = reason;
		this.chunkDelay = chunkDelay;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		CapturingRequest request = new CapturingRequest(method, uri);
		return requestCallback.apply(request)
			.then(Mono.fromCallable(() -> respond(uri, this.mapper.readTree(request.body()))));
	}

	private ClientHttpResponse respond(URI uri, JsonNode request) {
		String model = request.path("model").asString("unknown");
		String tool = toolToCall(request);
		if (tool != null) {
			return callTool(request, model, tool);
		}
		List<String> words = words(answer(uri, model, request));
		int promptTokens = promptTokens(request.path("messages"));
		Map<String, Object> usage = Map.of("prompt_tokens", promptTokens, "completion_tokens", words.size(),
				"total_tokens", promptTokens + words.size());
		String id = "chatcmpl-offline-" + this.sequence.incrementAndGet();
		long created = System.currentTimeMillis() / 1000;
		if (!request.path("stream").asBoolean(false)) {
			Map<String, Object> completion = envelope(id, "chat.completion", created, model);
			completion.put("choices", List.of(Map.of("index", 0, "message",
					Map.of("role", "assistant", "content", String.join("", words)), "finish_reason", "stop")));
			completion.put("usage", usage);
			return new Response(MediaType.APPLICATION_JSON, Flux.just(this.mapper.writeValueAsString(completion)));
		}
		List<String> events = new ArrayList<>(words.size() + 3);
		for (int i = 0; i < words.size(); i++) {
			Map<String, Object> delta = (i != 0) ? Map.of("content", words.get(i))
					: Map.of("role", "assistant", "content", words.get(i));
			events.add(chunk(id, created, model, List.of(choice(delta, null))));
		}
		events.add(chunk(id, created, model, List.of(choice(Map.of(), "stop"))));
		if (request.path("stream_options").path("include_usage").asBoolean(false)) {
			Map<String, Object> last = envelope(id, "chat.completion.chunk", created, model);
			last.put("choices", List.of());
			last.put("usage", usage);
			events.add(this.mapper.writeValueAsString(last));
		}
		events.add("[DONE]");
		Flux<String> frames = frames(events);
		if (!this.chunkDelay.isZero()) {
			frames = frames.delayElements(this.chunkDelay);
		}
		return new Response(MediaType.TEXT_EVENT_STREAM, frames);
	}

	/**
	 * Returns the tool an offline answer calls: one the request offers whose name has a
	 * word (of four letters or more) that the last message, a user's, contains;
	 * {@code null} for none.
	 */
	private static @Nullable String toolToCall(JsonNode request) {
		JsonNode messages = request.path("messages");
		JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
		if (last == null || !"user".equals(last.path("role").asString(""))) {
			return null;
		}
		String prompt = text(last.path("content")).toLowerCase(Locale.ROOT);
		for (JsonNode tool : request.path("tools")) {
			String name = tool.path("function").path("name").asString("");
			for (String word : name.split("[_\\-]|(?<=[a-z])(?=[A-Z])")) {
				if (word.length() >= 4
						&& prompt.matches("(?s).*\\b" + Pattern.quote(word.toLowerCase(Locale.ROOT)) + "\\b.*")) {
					return name;
				}
			}
		}
		return null;
	}

	private ClientHttpResponse callTool(JsonNode request, String model, String tool) {
		String id = "chatcmpl-offline-" + this.sequence.incrementAndGet();
		long created = System.currentTimeMillis() / 1000;
		Map<String, Object> function = Map.of("name", tool, "arguments", "{}");
		String callId = "call_offline_" + this.sequence.get();
		if (!request.path("stream").asBoolean(false)) {
			Map<String, Object> completion = envelope(id, "chat.completion", created, model);
			Map<String, @Nullable Object> message = new LinkedHashMap<>();
			message.put("role", "assistant");
			message.put("content", null);
			message.put("tool_calls", List.of(Map.of("id", callId, "type", "function", "function", function)));
			completion.put("choices", List.of(Map.of("index", 0, "message", message, "finish_reason", "tool_calls")));
			return new Response(MediaType.APPLICATION_JSON, Flux.just(this.mapper.writeValueAsString(completion)));
		}
		Map<String, Object> delta = Map.of("role", "assistant", "tool_calls",
				List.of(Map.of("index", 0, "id", callId, "type", "function", "function", function)));
		List<String> events = List.of(chunk(id, created, model, List.of(choice(delta, null))),
				chunk(id, created, model, List.of(choice(Map.of(), "tool_calls"))), "[DONE]");
		return new Response(MediaType.TEXT_EVENT_STREAM, frames(events));
	}

	private String answer(URI uri, String model, JsonNode request) {
		JsonNode messages = request.path("messages");
		JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
		if (last != null && "tool".equals(last.path("role").asString(""))) {
			return "The offline mode called a tool for you; it answered: " + text(last.path("content")) + ". With an "
					+ "API key, " + model + " reads such results and answers in its own words.";
		}
		String prompt = "";
		int turns = 0;
		for (JsonNode message : messages) {
			if ("user".equals(message.path("role").asString(""))) {
				turns++;
				prompt = text(message.path("content"));
			}
		}
		String quoted = (prompt.length() > 80) ? prompt.substring(0, 77).strip() + "..." : prompt;
		return "This is the **offline mode** of the MuleRun starter (" + this.reason + "), so nothing left this "
				+ "machine. You asked: \"" + quoted.replaceAll("\\s+", " ") + "\""
				+ ((turns > 1) ? " (message " + turns + " of this conversation)" : "") + ". With an API key, " + model
				+ " answers from " + uri.getScheme() + "://" + uri.getAuthority()
				+ " and the text streams in token by token, just like this one.";
	}

	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			text.append(part.path("text").asString(""));
		}
		return text.toString();
	}

	private static int promptTokens(JsonNode messages) {
		int tokens = 0;
		for (JsonNode message : messages) {
			tokens += words(text(message.path("content"))).size();
		}
		return tokens;
	}

	/**
	 * Splits a text into words, each with the white space that follows it, so that they
	 * join back to it.
	 */
	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String word : text.split("(?<=\\s)(?=\\S)")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

	private String chunk(String id, long created, String model, List<Map<String, @Nullable Object>> choices) {
		Map<String, Object> chunk = envelope(id, "chat.completion.chunk", created, model);
		chunk.put("choices", choices);
		return this.mapper.writeValueAsString(chunk);
	}

	/**
	 * Frames each event's data as a server-sent event.
	 */
	private static Flux<String> frames(List<String> events) {
		return Flux.fromIterable(events).map((data) -> "data: " + data + "\n\n");
	}

	private static Map<String, @Nullable Object> choice(Map<String, Object> delta, @Nullable String finishReason) {
		Map<String, @Nullable Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("delta", delta);
		choice.put("finish_reason", finishReason);
		return choice;
	}

	private static Map<String, Object> envelope(String id, String object, long created, String model) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("id", id);
		envelope.put("object", object);
		envelope.put("created", created);
		envelope.put("model", model);
		return envelope;
	}

	/**
	 * The request the exchange writes to: keeps the body.
	 */
	private static final class CapturingRequest extends AbstractClientHttpRequest {

		private final HttpMethod method;

		private final URI uri;

		private final List<byte[]> body = new ArrayList<>();

		CapturingRequest(HttpMethod method, URI uri) {
			this.method = method;
			this.uri = uri;
		}

		byte[] body() {
			int size = this.body.stream().mapToInt((part) -> part.length).sum();
			byte[] joined = new byte[size];
			int offset = 0;
			for (byte[] part : this.body) {
				System.arraycopy(part, 0, joined, offset, part.length);
				offset += part.length;
			}
			return joined;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return BUFFERS;
		}

		@Override
		public <T> T getNativeRequest() {
			throw new UnsupportedOperationException("The offline connector has no native request");
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return doCommit(() -> Flux.from(body).doOnNext((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				this.body.add(bytes);
			}).then());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).concatMap(Flux::from));
		}

		@Override
		public Mono<Void> setComplete() {
			return doCommit();
		}

		@Override
		protected void applyHeaders() {
		}

		@Override
		protected void applyCookies() {
		}

	}

	/**
	 * A 200 response with the given body.
	 */
	private static final class Response implements ClientHttpResponse {

		private final HttpHeaders headers = new HttpHeaders();

		private final Flux<String> body;

		Response(MediaType contentType, Flux<String> body) {
			this.headers.setContentType(contentType);
			this.headers.set("x-request-id", "offline");
			this.body = body;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public MultiValueMap<String, ResponseCookie> getCookies() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return this.body.map((text) -> BUFFERS.wrap(text.getBytes(StandardCharsets.UTF_8)));
		}

	}

}
