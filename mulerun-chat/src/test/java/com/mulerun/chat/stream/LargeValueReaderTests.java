package com.mulerun.chat.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link LargeValueReader} reads a large document to the value Jackson reads from it,
 * while long strings are decoded by {@link JsonStringDecoder}: every escape, Latin-1 and
 * wider text, surrogate pairs raw and escaped, lone surrogates, and input the decoder
 * leaves to Jackson (invalid UTF-8, control characters, unknown escapes).
 */
class LargeValueReaderTests {

	private static final ObjectReader CHUNKS = ChatJson.mapper().readerFor(ChatCompletionChunk.class);

	private static final ObjectReader COMPLETIONS = ChatJson.mapper().readerFor(ChatCompletion.class);

	/** JSON text of every escape kind, with Latin-1 characters only. */
	private static final String LATIN1 = "plain ASCII, \\\"quoted\\\", back\\\\slash, \\/slash, \\b\\f\\n\\r\\t, "
			+ "\\u0000\\u001f\\u00e9\\u00FF, caf\u00e9 na\u00efve \u00df \u00ff; ";

	/** JSON text beyond Latin-1: raw and escaped surrogate pairs, a lone surrogate. */
	private static final String WIDE = LATIN1 + "\u201cquotes\u201d \u2014 \u65e5\u672c\u8a9e \ud83d\ude00 "
			+ "\\ud83d\\ude80 \\u20ac \\uD83D\\uDC4D lone \\ud800 end; ";

	@ParameterizedTest
	@ValueSource(strings = { "latin1", "wide" })
	void aLargeChunkReadsToWhatJacksonReads(String kind) {
		String text = (kind.equals("latin1") ? LATIN1 : WIDE).repeat(20_000);
		byte[] document = chunk("\"content\":\"" + text + "\",\"reasoning_content\":\"" + text + "\"");
		assertThat(document.length).isGreaterThan(LargeValueReader.LARGE_DOCUMENT);
		ChatCompletionChunk expected = CHUNKS.readValue(document);

		byte[] read = document.clone();
		ChatCompletionChunk chunk = LargeValueReader.read(CHUNKS, read, 0, document.length);

		assertThat(chunk).isEqualTo(expected);
		assertThat(chunk.choices().get(0).delta().text()).hasSizeGreaterThan(LargeValueReader.LARGE_STRING);
		// the decoder, not Jackson, read the values: Latin-1 ones in place, the others in
		// pieces
		assertThat(new String(read, StandardCharsets.ISO_8859_1).contains("x".repeat(1000)))
			.isEqualTo(kind.equals("latin1"));
		String content = expected.choices().get(0).delta().text();
		int from = indexOf(document, "\"content\":\"") + 11;
		int to = JsonStringDecoder.closingQuote(document, from - 1, document.length);
		assertThat(JsonStringDecoder.decode(document.clone(), from, to, Integer.MAX_VALUE)).isEqualTo(content);
	}

	@Test
	void theDecoderLeavesAStringOverTheLengthLimitToJackson() {
		byte[] document = "\"abc\"".getBytes(StandardCharsets.UTF_8);

		assertThat(JsonStringDecoder.decode(document, 1, 4, 2)).isNull();
		assertThat(JsonStringDecoder.decode(document, 1, 4, 3)).isEqualTo("abc");
	}

	@Test
	void aDocumentInsideALargerArrayIsReadFromItsOffset() {
		String text = LATIN1.repeat(20_000);
		byte[] document = chunk("\"content\":\"" + text + "\"");
		byte[] array = new byte[document.length + 200];
		Arrays.fill(array, (byte) '}');
		System.arraycopy(document, 0, array, 100, document.length);

		ChatCompletionChunk chunk = LargeValueReader.read(CHUNKS, array, 100, document.length);

		assertThat(chunk).isEqualTo(CHUNKS.readValue(document));
		assertThat(new String(array, StandardCharsets.ISO_8859_1)).contains("x".repeat(1000));
	}

	@Test
	void aLargeCompletionWithLargeToolArgumentsAndAnUnknownFieldReadsToWhatJacksonReads() {
		String text = WIDE.repeat(10_000);
		String arguments = "{\\\"text\\\":\\\"" + LATIN1.repeat(5_000).replace("\\", "\\\\").replace("\"", "\\\"")
				+ "\\\"}";
		byte[] document = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
				+ "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\",\"tool_calls\":[{"
				+ "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"" + arguments
				+ "\"}}],\"vendor_note\":\"" + text + "\"},\"finish_reason\":\"tool_calls\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		ChatCompletion expected = COMPLETIONS.readValue(document);

		ChatCompletion completion = LargeValueReader.read(COMPLETIONS, document.clone(), 0, document.length);

		assertThat(completion).isEqualTo(expected);
		assertThat(completion.choices().get(0).message().extra()).containsKey("vendor_note");
	}

	@Test
	void invalidUtf8InALargeValueFailsAsWithJackson() {
		byte[] document = chunk("\"content\":\"" + "x".repeat(2_000_000) + "\"");
		int position = document.length / 2;
		document[position] = (byte) 0xC3;
		document[position + 1] = (byte) 0x28;

		assertSameOutcome(document);
	}

	@Test
	void anOverlongOrSurrogateUtf8FormInALargeValueReadsAsWithJackson() {
		byte[] document = chunk("\"content\":\"" + "x".repeat(2_000_000) + "\"");
		int position = document.length / 2;
		// an overlong '/' and an encoded surrogate: the decoder leaves them to Jackson
		document[position] = (byte) 0xC0;
		document[position + 1] = (byte) 0xAF;
		document[position + 10] = (byte) 0xED;
		document[position + 11] = (byte) 0xA0;
		document[position + 12] = (byte) 0x80;

		assertSameOutcome(document);
	}

	@Test
	void anUnescapedControlCharacterOrUnknownEscapeInALargeValueFailsAsWithJackson() {
		byte[] control = chunk("\"content\":\"" + "x".repeat(2_000_000) + "\"");
		control[control.length / 2] = '\n';
		assertSameOutcome(control);
		byte[] escape = chunk("\"content\":\"" + "x".repeat(1_000_000) + "\\q" + "x".repeat(1_000_000) + "\"");
		assertSameOutcome(escape);
	}

	@Test
	void trailingTokensAfterALargeDocumentFailAsWithJackson() {
		byte[] document = (new String(chunk("\"content\":\"" + "x".repeat(2_000_000) + "\""), StandardCharsets.UTF_8)
				+ " {}")
			.getBytes(StandardCharsets.UTF_8);

		assertSameOutcome(document);
	}

	@ParameterizedTest
	@ValueSource(strings = { "latin1", "wide" })
	void aHandedOverDocumentIsReplacedByItsCopyWithoutTheLongValues(String kind) {
		String text = (kind.equals("latin1") ? LATIN1 : WIDE).repeat(20_000);
		String prefix = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,";
		byte[] document = chunk(
				"\"content\":\"" + text + "\",\"reasoning_content\":\"short\",\"refusal\":\"" + text + "\"");
		ChatCompletionChunk expected = CHUNKS.readValue(document);
		// the decoder's buffer is longer than the event, as the frame decoder's is
		byte[] buffer = Arrays.copyOf(document, document.length + 1000);
		Arrays.fill(buffer, document.length, buffer.length, (byte) '{');
		AtomicReference<byte[]> holder = new AtomicReference<>(buffer);

		ChatCompletionChunk chunk = LargeValueReader.read(CHUNKS, holder, 0, document.length);

		assertThat(chunk).isEqualTo(expected);
		byte[] rest = holder.get();
		assertThat(rest).isNotSameAs(buffer);
		String restText = new String(rest, StandardCharsets.UTF_8);
		assertThat(restText).startsWith(prefix)
			.contains("\"content\":\"\",\"reasoning_content\":\"short\",\"refusal\":\"\"")
			.endsWith("]}");
		assertThat(rest).hasSize(document.length - 2 * text.getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void aHandedOverDocumentThatFailsKeepsWhatReportsTheFailure() {
		byte[] syntax = chunk("\"content\":\"" + "x".repeat(2_000_000) + "\"");
		syntax[syntax.length - 1] = ',';
		AtomicReference<byte[]> holder = new AtomicReference<>(syntax);
		assertThat(catchThrowable(() -> LargeValueReader.read(CHUNKS, holder, 0, syntax.length)))
			.isInstanceOf(JacksonException.class);
		assertThat(holder.get()).isSameAs(syntax);

		byte[] type = chunk("\"content\":\"" + "x".repeat(2_000_000) + "\",\"role\":[1]");
		AtomicReference<byte[]> typeHolder = new AtomicReference<>(type);
		assertThat(catchThrowable(() -> LargeValueReader.read(CHUNKS, typeHolder, 0, type.length)))
			.isInstanceOf(JacksonException.class);
		assertThat(new String(typeHolder.get(), StandardCharsets.UTF_8)).contains("\"content\":\"\",\"role\":[1]");
		assertThat(catchThrowable(() -> CHUNKS.readValue(type))).isInstanceOf(JacksonException.class);
	}

	@Test
	void theFrameDecoderHandsALargeEventOverAndReadsSmallOnesInPlace() {
		byte[] large = chunk("\"content\":\"" + "x".repeat(LargeValueReader.LARGE_DOCUMENT) + "\"");
		byte[] body = ("data: " + new String(large, StandardCharsets.UTF_8) + "\n\ndata: small\n\n")
			.getBytes(StandardCharsets.UTF_8);
		List<String> seen = new ArrayList<>();
		SseFrameDecoder decoder = new SseFrameDecoder();
		decoder.decode(body, 0, body.length, new SseEventHandler() {

			@Override
			public void onEvent(@Nullable String eventType, byte[] data, int offset, int length) {
				seen.add("event " + new String(data, offset, length, StandardCharsets.UTF_8));
			}

			@Override
			public void onLargeEvent(@Nullable String eventType, AtomicReference<byte[]> data, int length) {
				assertThat(Arrays.equals(data.get(), 0, length, large, 0, large.length)).isTrue();
				data.set(null);
				seen.add("large " + length);
			}

		});

		assertThat(seen).containsExactly("large " + large.length, "event small");
	}

	@Test
	void aStreamWhoseTextArrivesInOnePieceYieldsThatVeryString() {
		String text = "x".repeat(100_000);
		ChatCompletionChunk chunk = CHUNKS.readValue(chunk("\"content\":\"" + text + "\""));
		ChatCompletionAggregator aggregate = new ChatCompletionAggregator();
		aggregate.add(chunk);

		assertThat(aggregate.result().choices().get(0).message().text())
			.isSameAs(chunk.choices().get(0).delta().text());
	}

	@Test
	void piecesAfterTheFirstAreJoined() {
		ChatCompletionAggregator aggregate = new ChatCompletionAggregator();
		for (String piece : List.of("", "Hel", "", "lo", " world")) {
			aggregate.add(CHUNKS.readValue(chunk("\"content\":\"" + piece + "\"")));
		}

		assertThat(aggregate.result().choices().get(0).message().text()).isEqualTo("Hello world");
	}

	private static void assertSameOutcome(byte[] document) {
		Object[] expected = outcome(() -> CHUNKS.readValue(document));
		Object[] actual = outcome(() -> LargeValueReader.read(CHUNKS, document.clone(), 0, document.length));
		assertThat(actual).isEqualTo(expected);
	}

	/** The value read, or the class of the failure. */
	private static Object[] outcome(java.util.function.Supplier<Object> read) {
		Object[] value = new Object[1];
		Throwable failure = catchThrowable(() -> value[0] = read.get());
		if (failure != null) {
			assertThat(failure).isInstanceOf(JacksonException.class);
			return new Object[] { failure.getClass() };
		}
		return value;
	}

	private static int indexOf(byte[] bytes, String text) {
		return new String(bytes, StandardCharsets.ISO_8859_1).indexOf(text);
	}

	private static byte[] chunk(String delta) {
		return ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
				+ "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"," + delta
				+ "},\"finish_reason\":null}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
