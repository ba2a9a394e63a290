package com.mulerun.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * The pre-serialised bodies the fake endpoint serves and the benchmarks decode: a
 * realistic {@code chat.completion} of about 1 KB and an event stream of realistic
 * {@code chat.completion.chunk} events (about 200 bytes each, shaped like OpenAI's
 * current output: {@code usage: null} on every chunk when usage is requested, an
 * {@code obfuscation} field, a role chunk first, a finish chunk, a usage chunk with no
 * choices, then {@code data: [DONE]}).
 *
 * <p>
 * The text mixes ASCII words with multi-byte UTF-8 (accents, typographic quotes, an emoji
 * outside the BMP), escaped quotes and newlines, so a client that mangles characters
 * fails the character-count check.
 */
public final class Payloads {

	/**
	 * The marker every client puts in its user message; the fake endpoint rejects a
	 * request without it.
	 */
	public static final String PROMPT_MARKER = "bench-7f3a";

	/** The system message every client sends. */
	public static final String SYSTEM_PROMPT = "You are a concise assistant. Answer in plain prose.";

	/** The user message every client sends. */
	public static final String USER_PROMPT = "Summarise the trade-offs of server-sent events versus WebSockets for streaming "
			+ "model output to a browser, in about one paragraph. [" + PROMPT_MARKER + "]";

	/** The model every client asks for. */
	public static final String MODEL = "gpt-5";

	/**
	 * The marker of the feature benchmark's requests: with it, the endpoint answers by
	 * what the body asks for (a tool result, a tool, a structured answer) instead of with
	 * {@link #completionBody()}.
	 */
	public static final String FEATURE_MARKER = "bench-feature";

	/** The user message of the structured-output requests. */
	public static final String STRUCTURED_PROMPT = "Plan a three-stop rail trip through Europe for a week. ["
			+ PROMPT_MARKER + "] [" + FEATURE_MARKER + "]";

	/** The user message of the tool conversation. */
	public static final String TOOL_PROMPT = "What is the weather in Paris right now? [" + PROMPT_MARKER + "] ["
			+ FEATURE_MARKER + "]";

	/** The name of the tool the tool conversation advertises and the endpoint calls. */
	public static final String TOOL_NAME = "bench_weather";

	/** The arguments of the endpoint's tool call. */
	public static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";

	/** The id of the endpoint's tool call. */
	public static final String TOOL_CALL_ID = "call_Qx3bT0fKp2Lm9sVd";

	/**
	 * The structured answer, as the JSON content the endpoint sends: an itinerary of 3
	 * stops, each with a list of sights (8 in all).
	 */
	public static final String STRUCTURED_CONTENT = "{\"title\":\"A week by rail: Paris to Vienna\","
			+ "\"stops\":[{\"city\":\"Paris\",\"nights\":2,\"sights\":[\"Musée d’Orsay\",\"Sainte-Chapelle\","
			+ "\"Canal Saint-Martin\"]},{\"city\":\"München\",\"nights\":2,\"sights\":[\"Englischer Garten\","
			+ "\"Viktualienmarkt\"]},{\"city\":\"Wien\",\"nights\":3,\"sights\":[\"Belvedere\","
			+ "\"Naschmarkt\",\"Prater 🎡\"]}]}";

	private static final String ID = "chatcmpl-CMx7Z3kQpXb5l0R2yFJkq8mW1vTnA";

	private static final long CREATED = 1759412345L;

	private static final String SERVED_MODEL = "gpt-5-2025-08-07";

	private static final String[] WORDS = { "Server-sent", " events", " are", " a", " simple", ",", " one-way",
			" channel", " over", " plain", " HTTP", ":", " the", " browser", "’s", " EventSource", " reconnects", " by",
			" itself", ",", " proxies", " and", " CDNs", " pass", " them", " through", ",", " and", " each", " token",
			" is", " just", " a", " line", " of", " text", ".", " WebSockets", " give", " you", " a", " full-duplex",
			" socket", " —", " useful", " when", " the", " client", " talks", " back", " mid-stream", " —", " but",
			" you", " pay", " for", " it", " with", " a", " protocol", " upgrade", ",", " custom", " framing", " and",
			" your", " own", " retry", " logic", ".", "\n\n", "For", " model", " output", ",", " “", "fire", " and",
			" forget", "”", " streaming", " fits", " SSE", " naturally", " 🙂", ";", " the", " café", "-grade",
			" caveat", " is", " the", " six", "-connection", " limit", " per", " origin", " on", " HTTP", "/1.1", ",",
			" which", " HTTP", "/2", " lifts", ".", " Über", "-long", " answers", " need", " no", " \"special\"",
			" handling", "." };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COMPLETION_CONTENT = completionContent();

	private static final byte[] COMPLETION_BODY = buildCompletion();

	private static final byte[] STRUCTURED_BODY = completion("{\"role\":\"assistant\",\"content\":"
			+ quote(STRUCTURED_CONTENT) + ",\"refusal\":null,\"annotations\":[]}", "stop", 96);

	private static final byte[] TOOL_CALL_BODY = completion("{\"role\":\"assistant\",\"content\":null,"
			+ "\"tool_calls\":[{\"id\":\"" + TOOL_CALL_ID + "\",\"type\":\"function\",\"function\":{\"name\":\""
			+ TOOL_NAME + "\",\"arguments\":" + quote(TOOL_ARGUMENTS) + "}}],\"refusal\":null,\"annotations\":[]}",
			"tool_calls", 18);

	private Payloads() {
	}

	/**
	 * Returns the body of a non-streaming response.
	 * @return the JSON bytes (shared: do not modify)
	 */
	public static byte[] completionBody() {
		return COMPLETION_BODY;
	}

	/**
	 * Returns the number of UTF-16 characters of the assistant content of
	 * {@link #completionBody()}.
	 * @return the character count a client must report
	 */
	public static int completionChars() {
		return COMPLETION_CONTENT.length();
	}

	/**
	 * Returns the body of the structured answer, whose content is
	 * {@link #STRUCTURED_CONTENT}.
	 * @return the JSON bytes (shared: do not modify)
	 */
	public static byte[] structuredBody() {
		return STRUCTURED_BODY;
	}

	/**
	 * Returns the body of an answer that calls {@link #TOOL_NAME} once with
	 * {@link #TOOL_ARGUMENTS}.
	 * @return the JSON bytes (shared: do not modify)
	 */
	public static byte[] toolCallBody() {
		return TOOL_CALL_BODY;
	}

	/**
	 * Builds an event stream of {@code chunks} chunk events followed by
	 * {@code data: [DONE]}.
	 * @param chunks the number of chunk events, at least 4 (role, content..., finish,
	 * usage)
	 * @return the stream
	 */
	public static EventStream stream(int chunks) {
		if (chunks < 4) {
			throw new IllegalArgumentException("a stream needs at least 4 chunks but got " + chunks);
		}
		List<byte[]> events = new ArrayList<>(chunks + 1);
		events.add(event(chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", "obfAq")));
		int chars = 0;
		int contentChunks = chunks - 3;
		for (int i = 0; i < contentChunks; i++) {
			String token = WORDS[i % WORDS.length];
			chars += token.length();
			events.add(event(chunk("{\"content\":" + quote(token) + "}", "null", obfuscation(i))));
		}
		events.add(event(chunk("{}", "\"stop\"", "k2")));
		events.add(event("{\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
				+ ",\"model\":\"" + SERVED_MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":null,"
				+ "\"choices\":[],\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":" + contentChunks
				+ ",\"total_tokens\":" + (41 + contentChunks) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,"
				+ "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
				+ "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"obfuscation\":\"Zq\"}"));
		events.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		return new EventStream(List.copyOf(events), chunks, chars);
	}

	/**
	 * Returns the text every chunk of {@link #stream(int)} carries, in order, {@code ""}
	 * for a chunk without text (the role, finish and usage chunks).
	 * @param chunks the number of chunk events
	 * @return the texts, one per chunk
	 */
	public static List<String> streamTexts(int chunks) {
		List<String> texts = new ArrayList<>(chunks);
		texts.add("");
		for (int i = 0; i < chunks - 3; i++) {
			texts.add(WORDS[i % WORDS.length]);
		}
		texts.add("");
		texts.add("");
		return List.copyOf(texts);
	}

	private static String chunk(String delta, String finishReason, String obfuscation) {
		return "{\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED + ",\"model\":\""
				+ SERVED_MODEL + "\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":" + delta
				+ ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null,\"obfuscation\":\""
				+ obfuscation + "\"}";
	}

	private static String obfuscation(int i) {
		String alphabet = "Qm3xVb7TzK9pLw2Rn";
		int length = 2 + (i % 6);
		StringBuilder builder = new StringBuilder(length);
		for (int j = 0; j < length; j++) {
			builder.append(alphabet.charAt((i * 7 + j * 3) % alphabet.length()));
		}
		return builder.toString();
	}

	private static byte[] event(String json) {
		return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private static String quote(String text) {
		return JSON.writeValueAsString(text);
	}

	private static String completionContent() {
		StringBuilder content = new StringBuilder();
		for (String word : WORDS) {
			content.append(word);
		}
		return content.toString();
	}

	private static byte[] buildCompletion() {
		return completion("{\"role\":\"assistant\",\"content\":" + quote(COMPLETION_CONTENT)
				+ ",\"refusal\":null,\"annotations\":[]}", "stop", WORDS.length);
	}

	private static byte[] completion(String message, String finishReason, int completionTokens) {
		String json = "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":" + CREATED + ",\"model\":\""
				+ SERVED_MODEL + "\",\"choices\":[{\"index\":0,\"message\":" + message + ",\"logprobs\":null,"
				+ "\"finish_reason\":\"" + finishReason + "\"}],\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":"
				+ completionTokens + ",\"total_tokens\":" + (41 + completionTokens)
				+ ",\"prompt_tokens_details\":{\"cached_tokens\":0,"
				+ "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
				+ "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
				+ "\"system_fingerprint\":null}";
		return json.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A pre-serialised event stream.
	 *
	 * @param events the SSE events, each {@code data: ...\n\n}, the last one
	 * {@code data: [DONE]}
	 * @param chunks the number of chunk events (without {@code [DONE]})
	 * @param chars the number of UTF-16 characters of content the chunks carry
	 */
	public record EventStream(List<byte[]> events, int chunks, int chars) {

		/**
		 * Returns the whole stream as one array.
		 * @return the bytes
		 */
		public byte[] bytes() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			this.events.forEach(out::writeBytes);
			return out.toByteArray();
		}

		/**
		 * Returns the mean size of a chunk event, in bytes.
		 * @return the mean size
		 */
		public int meanChunkBytes() {
			int total = 0;
			for (int i = 0; i < this.chunks; i++) {
				total += this.events.get(i).length;
			}
			return total / this.chunks;
		}

	}

}
