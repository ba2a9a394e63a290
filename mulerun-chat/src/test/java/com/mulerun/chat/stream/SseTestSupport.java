package com.mulerun.chat.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Shared helpers for the SSE decoder tests: corpus loading, event collection and a
 * reference parser.
 */
final class SseTestSupport {

	private SseTestSupport() {
	}

	static byte[] load(String name) {
		try (InputStream in = SseTestSupport.class.getResourceAsStream("/corpus/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Missing corpus file " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> corpusFiles() {
		URL folder = SseTestSupport.class.getResource("/corpus");
		if (folder == null) {
			throw new IllegalStateException("Missing corpus folder");
		}
		try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
			return files.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".sse"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean isLarge(String name) {
		return name.startsWith("large-");
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The outcome of decoding one whole stream.
	 */
	record Decoded(List<SseEvent> events, boolean partial, @Nullable String lastEventId, @Nullable Long retryMillis) {
	}

	/**
	 * Collects allocated copies of the decoded events, with the ID current at dispatch
	 * time.
	 */
	static final class Collector implements SseEventHandler {

		final SseFrameDecoder decoder;

		final List<SseEvent> events = new ArrayList<>();

		final List<Integer> lengths = new ArrayList<>();

		final List<byte[]> arrays = new ArrayList<>();

		Collector(SseFrameDecoder decoder) {
			this.decoder = decoder;
		}

		@Override
		public void onEvent(@Nullable String eventType, byte[] data, int offset, int length) {
			this.events.add(new SseEvent(eventType, new String(data, offset, length, StandardCharsets.UTF_8),
					this.decoder.lastEventId()));
			this.lengths.add(length);
			this.arrays.add(data);
		}

		Decoded finish() {
			boolean partial = this.decoder.endOfInput(this);
			return new Decoded(List.copyOf(this.events), partial, this.decoder.lastEventId(),
					this.decoder.retryMillis());
		}

	}

	/**
	 * A deliberately naive, String-based implementation of the WHATWG event-stream rules,
	 * used as an independent oracle for the byte-level decoder.
	 */
	static Decoded reference(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		String[] lines = text.split("\r\n|\r|\n", -1);
		List<SseEvent> events = new ArrayList<>();
		StringBuilder data = null;
		String type = null;
		String id = null;
		Long retry = null;
		for (int i = 0; i < lines.length - 1; i++) {
			String line = lines[i];
			if (line.isEmpty()) {
				if (data != null) {
					events.add(new SseEvent(type, data.toString(), id));
				}
				data = null;
				type = null;
				continue;
			}
			if (line.startsWith(":")) {
				continue;
			}
			int colon = line.indexOf(':');
			String name = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			switch (name) {
				case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				case "event" -> type = value.isEmpty() ? null : value;
				case "id" -> id = value.contains("\0") ? id : value;
				case "retry" -> retry = value.matches("[0-9]+") ? Long.valueOf(value) : retry;
				default -> {
				}
			}
		}
		String tail = lines[lines.length - 1];
		boolean partial = data != null || (!tail.isEmpty() && !tail.startsWith(":"));
		return new Decoded(events, partial, id, retry);
	}

}
