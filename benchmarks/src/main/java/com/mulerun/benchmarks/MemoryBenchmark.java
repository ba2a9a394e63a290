package com.mulerun.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The memory benchmark ({@code memory}): the peak Java heap that one call needs to read a
 * single very large value, as the smallest heap it succeeds in.
 *
 * <p>
 * The parent process serves, from pre-built bytes, one answer whose assistant content is
 * a single string of about 15 MB of JSON: as one server-sent event (sent in 64 KB HTTP
 * chunks, then a finish event and {@code [DONE]}) and as one {@code chat.completion}
 * body. Each measurement runs a child JVM ({@link #probe}) with the serial collector, a
 * fixed heap ({@code -Xms} = {@code -Xmx}), a 4 MB young generation (so that the old
 * generation, where large arrays go, is almost the whole heap) and
 * {@code -XX:+ExitOnOutOfMemoryError}; the child makes one small call of the same kind
 * (class loading, pools), collects, then makes the measured call and checks the content
 * it got: its length in chars and its {@code String.hashCode()} must equal the ones the
 * parent computed while building the payload, so a fast wrong answer cannot pass. A
 * binary search finds the smallest {@code -Xmx} (1 MB steps) at which the child succeeds;
 * the same search with a small payload gives the baseline of the JVM, the client and the
 * template. Peak attributable to the call = smallest heap for the large payload minus the
 * baseline: what the call needs live at its worst moment (garbage does not count, the
 * collector reclaims it before it gives up), which is what decides whether a service
 * survives such an answer.
 */
final class MemoryBenchmark {

	/** The size of the JSON of the large event or body, in bytes. */
	static final int DEFAULT_SIZE = 15 * 1024 * 1024;

	private static final String KEY = "sk-bench-memory";

	private static final List<String> SCENARIOS = List.of("stream", "streamAggregated", "create");

	private static final List<String> VARIANTS = List.of("latin1", "western", "unicode");

	private static final int CHILD_TIMEOUT_SECONDS = 120;

	private MemoryBenchmark() {
	}

	/**
	 * Runs the benchmark and returns its report.
	 * @param args {@code --size BYTES}, {@code --only a,b} (scenarios),
	 * {@code --variants a,b}
	 * @return the markdown report
	 * @throws Exception when a probe fails its verification
	 */
	static String run(List<String> args) throws Exception {
		int size = DEFAULT_SIZE;
		List<String> scenarios = SCENARIOS;
		List<String> variants = VARIANTS;
		for (int i = 0; i < args.size(); i++) {
			switch (args.get(i)) {
				case "--size" -> size = Integer.parseInt(args.get(++i));
				case "--only" -> scenarios = List.of(args.get(++i).split(","));
				case "--variants" -> variants = List.of(args.get(++i).split(","));
				default -> throw new IllegalArgumentException("unknown option " + args.get(i));
			}
		}
		Map<String, Payload> payloads = new LinkedHashMap<>();
		payloads.put("tiny", Payload.build("latin1", 2000));
		for (String variant : variants) {
			payloads.put(variant, Payload.build(variant, size));
		}
		StringBuilder out = new StringBuilder();
		try (Server server = new Server(payloads)) {
			out.append(String.format(Locale.ROOT,
					"Smallest heap (serial GC, `-Xmn4m`, 1 MB steps) in which one call succeeds and returns the "
							+ "right content; peak = that heap minus the baseline (the same call with a 2,000-char "
							+ "answer). Event / body: %,d bytes of JSON. %d cores, load %s.%n%n",
					size, Runtime.getRuntime().availableProcessors(), load()));
			out.append(
					"| Call | Text | Event / body bytes | Content chars | String bytes | Baseline MB | Smallest heap MB"
							+ " | Peak MB | Peak / event |\n|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
			for (String scenario : scenarios) {
				int baseline = smallestHeap(server, scenario, "tiny", payloads.get("tiny"), 4, 256);
				for (String variant : variants) {
					Payload payload = payloads.get(variant);
					int smallest = smallestHeap(server, scenario, variant, payload, baseline, 1024);
					long peak = (long) (smallest - baseline) * 1024 * 1024;
					int bytes = scenario.equals("create") ? payload.body.length : payload.eventDataLength;
					out.append(String.format(Locale.ROOT, "| `%s` | %s | %,d | %,d | %,d | %d | %d | %d | %.2f× |%n",
							scenario, variant, bytes, payload.chars, payload.stringBytes(), baseline, smallest,
							smallest - baseline, (double) peak / bytes));
				}
			}
		}
		return out.toString();
	}

	private static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	/**
	 * Binary search of the smallest heap in MB in which the probe succeeds; {@code low}
	 * is assumed to fail, {@code high} is checked.
	 */
	private static int smallestHeap(Server server, String scenario, String variant, Payload payload, int low, int high)
			throws Exception {
		int fails = low;
		int fits = high;
		if (probeFits(server, scenario, variant, payload, fits) != 0) {
			throw new IllegalStateException(scenario + " " + variant + " fails even with " + high + " MB");
		}
		while (fits - fails > 1) {
			int middle = (fails + fits) >>> 1;
			if (probeFits(server, scenario, variant, payload, middle) == 0) {
				fits = middle;
			}
			else {
				fails = middle;
			}
		}
		ClientBenchmark.log("  %-16s %-8s smallest heap %d MB", scenario, variant, fits);
		return fits;
	}

	private static int probeFits(Server server, String scenario, String variant, Payload payload, int heapMb)
			throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-XX:+UseSerialGC", "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m", "-Xmn4m",
				"-XX:MaxDirectMemorySize=512m", "-XX:+ExitOnOutOfMemoryError", "-cp",
				System.getProperty("java.class.path"), BenchmarkMain.class.getName(), "memory-probe", server.baseUrl(),
				scenario, variant, Integer.toString(payload.chars), Integer.toString(payload.hash)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		int status = process.exitValue();
		if (status == VERIFICATION_FAILED) {
			throw new ClientBenchmark.VerificationError(
					scenario + " " + variant + " at " + heapMb + " MB: " + new String(output, StandardCharsets.UTF_8));
		}
		return status;
	}

	private static final int VERIFICATION_FAILED = 5;

	/**
	 * The child: one warm-up call with the small payload, then the measured call.
	 * @param args base URL, scenario, variant, expected chars, expected hash
	 * @return the exit status (0 when the content was right)
	 */
	static int probe(List<String> args) {
		String baseUrl = args.get(0);
		String scenario = args.get(1);
		String variant = args.get(2);
		int chars = Integer.parseInt(args.get(3));
		int hash = Integer.parseInt(args.get(4));
		ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(baseUrl)
			.apiKey(KEY)
			.retrySettings(RetrySettings.none())
			.build();
		Payload tiny = Payload.build("latin1", 2000);
		long[] warm = call(template, scenario, "tiny");
		if (warm[0] != tiny.chars || warm[1] != tiny.hash) {
			System.out.println("warm-up call returned wrong content: " + warm[0] + " chars");
			return VERIFICATION_FAILED;
		}
		tiny = null;
		System.gc();
		long[] measured = call(template, scenario, variant);
		if (measured[0] != chars || measured[1] != hash) {
			System.out.println("measured call returned wrong content: " + measured[0] + " chars, hash " + measured[1]
					+ ", expected " + chars + " chars, hash " + hash);
			return VERIFICATION_FAILED;
		}
		System.out.println("ok " + measured[0] + " chars");
		return 0;
	}

	/** Makes the call; returns the content's length and {@code hashCode()}. */
	private static long[] call(ChatCompletionTemplate template, String scenario, String variant) {
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model("m")
			.userMessage("memory " + variant)
			.build();
		Duration timeout = Duration.ofSeconds(100);
		return switch (scenario) {
			case "stream" -> {
				long[] sum = new long[2];
				template.stream(request).doOnNext((chunk) -> add(sum, chunk)).blockLast(timeout);
				yield sum;
			}
			case "streamAggregated" -> measure(template.streamAggregated(request).block(timeout));
			case "create" -> measure(template.create(request));
			default -> throw new IllegalArgumentException(scenario);
		};
	}

	private static void add(long[] sum, ChatCompletionChunk chunk) {
		String text = chunk.choices().isEmpty() ? null : chunk.choices().get(0).delta().text();
		if (text != null) {
			sum[0] += text.length();
			int h = (int) sum[1];
			for (int i = 0; i < text.length(); i++) {
				h = 31 * h + text.charAt(i);
			}
			sum[1] = h;
		}
	}

	private static long[] measure(ChatCompletion completion) {
		String text = completion.choices().get(0).message().text();
		return new long[] { text.length(), text.hashCode() };
	}

	/**
	 * A payload: the JSON of the large event and of the completion body, with the length
	 * and hash of the content they carry.
	 */
	static final class Payload {

		/** Text of the latin1 variant: ASCII, Latin-1 accents, JSON escapes. */
		private static final String[] LATIN1 = { "The quick brown fox jumps over the lazy dog. ",
				"Voilà: déjà vu, crème brûlée, naïve façade - no, ", "Größe, Übermaß, Straße; señor, año, niño. ",
				"He said \"hello\" and left.\n", "\tif (a < b) { return \"a\\\\b\"; }\n", "Path: C:\\temp\\file.txt; ",
				"50% off, 3 × 4 = 12, ±5 °C, © 2026. ", "Line one\r\nLine two\n\n", "Café au lait, s'il vous plaît. " };

		/**
		 * Text of the western variant: the latin1 text with one character beyond Latin-1
		 * (an em dash) in every ninth piece, so the content is held as UTF-16.
		 */
		private static final String[] WESTERN = western();

		/**
		 * Text of the unicode variant: adds characters beyond Latin-1, emoji as surrogate
		 * pairs.
		 */
		private static final String[] UNICODE = { "The quick brown fox jumps over the lazy dog. ",
				"“Quoted” text — with ‘curly’ quotes… ", "Voilà: déjà vu, crème brûlée. ", "日本語のテキストと中文文本。",
				"Emoji: 😀 🚀 👍🏽 and ✓ ✗ → ← ≤ ≥. ", "He said \"hello\" and left.\n",
				"\tif (a < b) { return \"a\\\\b\"; }\n", "Ελληνικά και русский текст. ", "Café au lait. " };

		final byte[] event;

		final int eventDataLength;

		final byte[] body;

		final int chars;

		final int hash;

		final boolean latin1;

		private Payload(byte[] event, int eventDataLength, byte[] body, int chars, int hash, boolean latin1) {
			this.event = event;
			this.eventDataLength = eventDataLength;
			this.body = body;
			this.chars = chars;
			this.hash = hash;
			this.latin1 = latin1;
		}

		long stringBytes() {
			return this.latin1 ? this.chars : 2L * this.chars;
		}

		/**
		 * Builds the payload: content of about {@code size} bytes of escaped JSON; every
		 * fifth piece escapes its non-ASCII characters as {@code \\uXXXX}, as servers
		 * that write ASCII-only JSON do.
		 */
		static Payload build(String variant, int size) {
			String[] pieces = switch (variant) {
				case "unicode" -> UNICODE;
				case "western" -> WESTERN;
				default -> LATIN1;
			};
			String chunkHead = "{\"id\":\"chatcmpl-memory\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
					+ "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"";
			String chunkTail = "\"},\"finish_reason\":null}]}";
			ByteArrayOutputStream content = new ByteArrayOutputStream(size);
			int chars = 0;
			int hash = 0;
			boolean latin1 = true;
			int budget = size - chunkHead.length() - chunkTail.length();
			for (int i = 0; content.size() < budget - 200; i++) {
				String piece = pieces[i % pieces.length];
				byte[] escaped = escape(piece, i % 5 == 4);
				content.writeBytes(escaped);
				chars += piece.length();
				for (int c = 0; c < piece.length(); c++) {
					hash = 31 * hash + piece.charAt(c);
					latin1 &= piece.charAt(c) < 256;
				}
			}
			while (content.size() < budget) {
				content.write('.');
				chars++;
				hash = 31 * hash + '.';
			}
			byte[] text = content.toByteArray();
			ByteArrayOutputStream event = new ByteArrayOutputStream(size + 512);
			event.writeBytes(ascii("data: " + chunkHead));
			event.writeBytes(text);
			event.writeBytes(ascii(chunkTail));
			int eventDataLength = event.size() - 6;
			event.writeBytes(ascii("\n\ndata: {\"id\":\"chatcmpl-memory\",\"object\":\"chat.completion.chunk\","
					+ "\"created\":1767225600,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},"
					+ "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));
			ByteArrayOutputStream body = new ByteArrayOutputStream(size + 512);
			body.writeBytes(ascii("{\"id\":\"chatcmpl-memory\",\"object\":\"chat.completion\",\"created\":1767225600,"
					+ "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""));
			body.writeBytes(text);
			body.writeBytes(ascii("\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,"
					+ "\"completion_tokens\":4000000,\"total_tokens\":4000009}}"));
			return new Payload(event.toByteArray(), eventDataLength, body.toByteArray(), chars, hash, latin1);
		}

		private static byte[] escape(String text, boolean asciiOnly) {
			StringBuilder json = new StringBuilder(text.length() + 16);
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				switch (c) {
					case '"' -> json.append("\\\"");
					case '\\' -> json.append("\\\\");
					case '\n' -> json.append("\\n");
					case '\r' -> json.append("\\r");
					case '\t' -> json.append("\\t");
					default -> {
						if (c < 0x20 || (asciiOnly && c > 0x7e)) {
							json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
						}
						else {
							json.append(c);
						}
					}
				}
			}
			return json.toString().getBytes(StandardCharsets.UTF_8);
		}

		private static String[] western() {
			String[] pieces = LATIN1.clone();
			pieces[1] = pieces[1].replace(" - ", " \u2014 ");
			return pieces;
		}

		private static byte[] ascii(String text) {
			return text.getBytes(StandardCharsets.US_ASCII);
		}

	}

	/**
	 * The endpoint: the payload whose name follows {@code "memory "} in the request, as
	 * one event stream or one completion body.
	 */
	private static final class Server implements AutoCloseable {

		private static final int HTTP_CHUNK = 64 * 1024;

		private final Map<String, ByteBuf[]> streams = new LinkedHashMap<>();

		private final Map<String, ByteBuf> bodies = new LinkedHashMap<>();

		private final DisposableServer server;

		Server(Map<String, Payload> payloads) {
			payloads.forEach((name, payload) -> {
				byte[] event = payload.event;
				List<ByteBuf> pieces = new ArrayList<>();
				for (int offset = 0; offset < event.length; offset += HTTP_CHUNK) {
					pieces.add(constant(event, offset, Math.min(HTTP_CHUNK, event.length - offset)));
				}
				this.streams.put(name, pieces.toArray(new ByteBuf[0]));
				this.bodies.put(name, constant(payload.body, 0, payload.body.length));
			});
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.handle(this::handle)
				.bindNow(Duration.ofSeconds(10));
		}

		private static ByteBuf constant(byte[] bytes, int offset, int length) {
			ByteBuf direct = Unpooled.directBuffer(length, length);
			direct.writeBytes(bytes, offset, length);
			return Unpooled.unreleasableBuffer(direct);
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.port();
		}

		private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
			if (!("Bearer " + KEY).equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
				return response.status(HttpResponseStatus.UNAUTHORIZED).send();
			}
			return request.receive().aggregate().asString().flatMap((body) -> {
				int marker = body.indexOf("memory ");
				String name = (marker < 0) ? "" : body.substring(marker + 7, body.indexOf('"', marker));
				if (!this.bodies.containsKey(name)) {
					return response.status(HttpResponseStatus.BAD_REQUEST).send().then();
				}
				if (body.contains("\"stream\":true")) {
					ByteBuf[] pieces = this.streams.get(name);
					return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
						.send(Flux.range(0, pieces.length).map((i) -> pieces[i].duplicate()), (buffer) -> true)
						.then();
				}
				ByteBuf answer = this.bodies.get(name);
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.readableBytes()))
					.send(Mono.just(answer.duplicate()))
					.then();
			});
		}

		@Override
		public void close() {
			this.server.disposeNow(Duration.ofSeconds(5));
		}

	}

}
