package com.mulerun.chat.stream;

import com.mulerun.chat.stream.SseTestSupport.Collector;
import com.mulerun.chat.stream.SseTestSupport.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the event-stream rules implemented by {@link SseFrameDecoder}.
 */
class SseFrameDecoderTests {

	private static final String CHUNK_ID = "chatcmpl-CzN2oP3qR4sT5uV6wX7yZ8aB9cD0";

	@Test
	void specFieldsStreamYieldsTheDescribedEvents() {
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		byte[] bytes = SseTestSupport.load("sse-spec-fields.sse");
		assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
		decoder.decode(bytes, 0, bytes.length, collector);
		assertThat(decoder.endOfInput(collector)).isFalse();
		List<SseEvent> events = collector.events;
		assertThat(events).hasSize(9);
		assertThat(events).extracting(SseEvent::eventType)
			.containsExactly(null, "message", "ping", null, null, null, null, null, null);
		assertThat(events).extracting(SseEvent::id)
			.containsExactly("evt-1", "evt-2", "evt-2", "evt-2", "evt-2", "evt-2", "evt-3", "evt-3", "evt-3");
		assertThat(events.get(0).data()).startsWith("{\"id\":\"" + CHUNK_ID + "\"").contains("\"role\":\"assistant\"");
		assertThat(events.get(1).data()).startsWith("{\"id\"").contains("\"no-space\"");
		assertThat(events.get(2).data()).isEqualTo("{\"type\":\"ping\"}");
		assertThat(events.get(3).data()).startsWith(" {\"id\"").contains("\" two-spaces\"");
		assertThat(events.get(4).data()).isEmpty();
		assertThat(collector.lengths.get(4)).isZero();
		assertThat(events.get(5).data()).startsWith("\n{\n \"id\": \"" + CHUNK_ID + "\",\n \"object\"")
			.contains("\n    \"content\": \" multi-line\"\n")
			.endsWith("\n ]\n}")
			.doesNotContain("comment");
		assertThat(events.get(6).data()).contains("\"finish_reason\":\"stop\"");
		assertThat(events.get(7).data()).isEqualTo("[DONE]");
		assertThat(events.get(8).data()).contains("AFTER-DONE");
		assertThat(decoder.lastEventId()).isEqualTo("evt-3");
		assertThat(decoder.retryMillis()).isEqualTo(3000L);
	}

	@Test
	void mixedLineEndingsYieldEveryDataEvent() {
		Decoded decoded = SseFrameDecoderCorpusTests.wholeArray(SseTestSupport.load("sse-line-endings-mixed.sse"));
		assertThat(decoded.events()).hasSize(8);
		assertThat(decoded.events()).extracting(SseEvent::data)
			.allSatisfy((data) -> assertThat(data).doesNotContain("\r").doesNotContain("comment"))
			.last()
			.isEqualTo("[DONE]");
		assertThat(decoded.events().subList(0, 7)).extracting(SseEvent::data)
			.allSatisfy((data) -> assertThat(data).startsWith("{\"id\":\"chatcmpl-").endsWith("}"));
		assertThat(String.join("", decoded.events().stream().map(SseEvent::data).toList())).contains("\"CRLF,\"",
				"\" LF,\"", "\" CR,\"", "\" CRLF+LF,\"", "\" mixed.\"");
		assertThat(decoded.partial()).isFalse();
	}

	@Test
	void multiByteCharactersSurviveEverySplit() {
		byte[] bytes = SseTestSupport.load("sse-utf8-multibyte.sse");
		List<String> expected = SseFrameDecoderCorpusTests.wholeArray(bytes)
			.events()
			.stream()
			.map(SseEvent::data)
			.toList();
		assertThat(String.join("", expected)).contains("你好", "👋🏽", "👩‍💻", "cafe\u0301", "مرحبا", "line\u2028sep",
				"para\u2029sep", "nel\u0085end", "𝄞", "\u00a0nbsp");
		for (int split = 0; split <= bytes.length; split++) {
			SseFrameDecoder decoder = new SseFrameDecoder();
			Collector collector = new Collector(decoder);
			decoder.decode(bytes, 0, split, collector);
			decoder.decode(bytes, split, bytes.length - split, collector);
			assertThat(collector.events).extracting(SseEvent::data)
				.as("split at %d", split)
				.containsExactlyElementsOf(expected)
				.noneMatch((data) -> data.indexOf('\uFFFD') >= 0);
		}
	}

	@Test
	void unicodeLineSeparatorsAreContentNotLineEnds() {
		Decoded decoded = decode("data: a\u2028b\u2029c\u0085d\n\n");
		assertThat(decoded.events()).containsExactly(new SseEvent(null, "a\u2028b\u2029c\u0085d", null));
	}

	@Test
	void truncatedStreamReportsADiscardedPartialEvent() {
		Decoded decoded = SseFrameDecoderCorpusTests.wholeArray(SseTestSupport.load("truncated-mid-event.sse"));
		assertThat(decoded.partial()).isTrue();
		assertThat(decoded.events()).hasSize(3).noneMatch((event) -> event.data().contains(" a day and th"));
	}

	@Test
	void streamEndingOnAnEventBoundaryIsNotPartial() {
		Decoded decoded = SseFrameDecoderCorpusTests.wholeArray(SseTestSupport.load("finish-without-done.sse"));
		assertThat(decoded.partial()).isFalse();
		assertThat(decoded.events()).hasSize(2).noneMatch((event) -> event.data().equals("[DONE]"));
	}

	@Test
	void dataLinesWithoutTheTerminatingBlankLineArePartial() {
		Decoded decoded = decode("data: one\n\ndata: two\n");
		assertThat(decoded.events()).extracting(SseEvent::data).containsExactly("one");
		assertThat(decoded.partial()).isTrue();
	}

	@Test
	void unterminatedFieldLineIsPartial() {
		assertThat(decode("data: one\n\ndata: tw").partial()).isTrue();
	}

	@Test
	void trailingCommentsAndBlankLinesAreNotPartial() {
		Decoded decoded = decode("data: one\n\n: keep-alive\n\n: unterminated comment");
		assertThat(decoded.events()).extracting(SseEvent::data).containsExactly("one");
		assertThat(decoded.partial()).isFalse();
	}

	@Test
	void errorEventCarriesItsType() {
		Decoded decoded = decode("data: {\"a\":1}\n\nevent: error\ndata: {\"error\":{\"message\":\"boom\"}}\n\n"
				+ "event: message\ndata: {\"b\":2}\n\n");
		assertThat(decoded.events()).containsExactly(new SseEvent(null, "{\"a\":1}", null),
				new SseEvent("error", "{\"error\":{\"message\":\"boom\"}}", null),
				new SseEvent("message", "{\"b\":2}", null));
	}

	@Test
	void eventTypeIsResetAfterEachDispatch() {
		Decoded decoded = decode("event: custom\ndata: 1\n\ndata: 2\n\nevent: custom\ndata: 3\n\n");
		assertThat(decoded.events()).extracting(SseEvent::eventType).containsExactly("custom", null, "custom");
	}

	@Test
	void eventOnlyBlockDispatchesNothing() {
		Decoded decoded = decode("event: orphan\n\ndata: after\n\n");
		assertThat(decoded.events()).containsExactly(new SseEvent(null, "after", null));
		assertThat(decoded.partial()).isFalse();
	}

	@Test
	void lineWithoutColonIsAFieldWithAnEmptyValue() {
		Decoded decoded = decode("data\n\ndata\ndata\n\nevent\ndata: x\n\n");
		assertThat(decoded.events()).containsExactly(new SseEvent(null, "", null), new SseEvent(null, "\n", null),
				new SseEvent(null, "x", null));
	}

	@Test
	void unknownFieldsAreIgnored() {
		Decoded decoded = decode("foo: bar\ndata: x\nDATA: upper\nData: mixed\ndata : spaced\n\nfoo: only\n\n");
		assertThat(decoded.events()).containsExactly(new SseEvent(null, "x", null));
	}

	@Test
	void onlyOneLeadingSpaceIsRemovedFromTheValue() {
		Decoded decoded = decode("data:x\n\ndata: x\n\ndata:  x \n\ndata:\tx\n\n");
		assertThat(decoded.events()).extracting(SseEvent::data).containsExactly("x", "x", " x ", "\tx");
	}

	@Test
	void valueMayContainFurtherColons() {
		Decoded decoded = decode("data: a: b:c\n\n");
		assertThat(decoded.events()).extracting(SseEvent::data).containsExactly("a: b:c");
	}

	@Test
	void idWithNulIsIgnoredAndIdPersistsAcrossEvents() {
		Decoded decoded = decode("id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\nid\ndata: c\n\n");
		assertThat(decoded.events()).extracting(SseEvent::id).containsExactly("1", "1", "");
		assertThat(decoded.lastEventId()).isEmpty();
	}

	@Test
	void retryOnlyAcceptsAsciiDigits() {
		assertThat(decode("retry: 1500\n").retryMillis()).isEqualTo(1500L);
		assertThat(decode("retry: 1500\nretry: 15s\nretry: -1\nretry:\nretry: 1 5\n").retryMillis()).isEqualTo(1500L);
		assertThat(decode("retry: soon\n").retryMillis()).isNull();
	}

	@Test
	void byteOrderMarkIsStrippedOnlyOnceAtTheStart() {
		assertThat(decode("\uFEFFdata: a\n\n").events()).extracting(SseEvent::data).containsExactly("a");
		assertThat(decode("\uFEFF\uFEFFdata: a\n\n").events()).isEmpty();
		assertThat(decode("data: \uFEFFa\n\n").events()).extracting(SseEvent::data).containsExactly("\uFEFFa");
	}

	@Test
	void byteOrderMarkSplitAcrossReadsIsStripped() {
		byte[] bytes = SseTestSupport.bytes("\uFEFFdata: a\n\n");
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		for (int i = 0; i < bytes.length; i++) {
			decoder.decode(bytes, i, 1, collector);
		}
		assertThat(collector.finish().events()).extracting(SseEvent::data).containsExactly("a");
	}

	@Test
	void incompleteByteOrderMarkIsKeptAsContent() {
		byte[] bytes = { (byte) 0xEF, (byte) 0xBB, 'x', '\n', '\n' };
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		decoder.decode(bytes, 0, 1, collector);
		decoder.decode(bytes, 1, 1, collector);
		assertThat(decoder.endOfInput(collector)).isTrue();
		assertThat(collector.events).isEmpty();
	}

	@Test
	void carriageReturnAtTheEndOfAReadJoinsAFollowingLineFeed() {
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		decode(decoder, collector, "data: a\r");
		decode(decoder, collector, "\ndata: b\r");
		decode(decoder, collector, "\n");
		assertThat(collector.events).isEmpty();
		decode(decoder, collector, "\r");
		assertThat(collector.events).containsExactly(new SseEvent(null, "a\nb", null));
		decode(decoder, collector, "data: c\r");
		decode(decoder, collector, "\r");
		assertThat(collector.events).extracting(SseEvent::data).containsExactly("a\nb", "c");
		assertThat(decoder.endOfInput(collector)).isFalse();
	}

	@Test
	void eventDataIsDeliveredInAReusedArray() {
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		byte[] bytes = SseTestSupport.load("openai-text-usage.sse");
		decoder.decode(bytes, 0, bytes.length, collector);
		assertThat(collector.arrays).hasSize(23)
			.allSatisfy((array) -> assertThat(array).isSameAs(collector.arrays.get(0)));
	}

	@Test
	void dataBufferIsReadCompletelyButNotReleased() {
		DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(SseTestSupport.bytes("data: a\n\ndata: b"));
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		decoder.decode(buffer, collector);
		assertThat(buffer.readableByteCount()).isZero();
		assertThat(buffer.readPosition()).isEqualTo(buffer.writePosition());
		assertThat(collector.events).extracting(SseEvent::data).containsExactly("a");
		assertThat(decoder.endOfInput(collector)).isTrue();
	}

	@Test
	void eventLargerThanTheConfiguredMaximumIsRejected() {
		String big = "x".repeat(1025);
		assertThatExceptionOfType(SseEventTooLargeException.class)
			.isThrownBy(() -> decode(1024, "data: " + big + "\n\n"))
			.withMessageStartingWith(
					"Server-sent event over the limit of 1024 bytes (mulerun.http.max-event-size): 1025 bytes of it")
			.satisfies((ex) -> {
				assertThat(ex.maxEventSize()).isEqualTo(1024);
				assertThat(ex.sizeSeen()).isEqualTo(1025);
			});
	}

	@Test
	void eventAtExactlyTheConfiguredMaximumIsAccepted() {
		String exact = "x".repeat(1023);
		Decoded decoded = decode(1024,
				"data: " + exact + "\n\ndata: " + "y".repeat(511) + "\ndata: " + "z".repeat(512) + "\n\n");
		assertThat(decoded.events()).extracting((event) -> event.data().length()).containsExactly(1023, 1024);
	}

	@Test
	void manyDataLinesAddingUpBeyondTheMaximumAreRejected() {
		StringBuilder stream = new StringBuilder();
		for (int i = 0; i < 200; i++) {
			stream.append("data: 0123456789\n");
		}
		assertThatExceptionOfType(SseEventTooLargeException.class).isThrownBy(() -> decode(1024, stream + "\n"))
			.withMessageContaining("1024 bytes");
	}

	@Test
	void unterminatedLineGrowingBeyondTheMaximumIsRejected() {
		SseFrameDecoder decoder = new SseFrameDecoder(1024);
		Collector collector = new Collector(decoder);
		byte[] chunk = SseTestSupport.bytes("x".repeat(100));
		decoder.decode(SseTestSupport.bytes("data: "), 0, 6, collector);
		assertThatExceptionOfType(SseEventTooLargeException.class).isThrownBy(() -> {
			for (int i = 0; i < 20; i++) {
				decoder.decode(chunk, 0, chunk.length, collector);
			}
		}).satisfies((ex) -> assertThat(ex.maxEventSize()).isEqualTo(1024));
	}

	@Test
	void longCommentsDoNotCountTowardsTheMaximum() {
		SseFrameDecoder decoder = new SseFrameDecoder(1024);
		Collector collector = new Collector(decoder);
		byte[] comment = SseTestSupport.bytes(":" + "c".repeat(5000) + "\ndata: ok\n\n");
		for (int offset = 0; offset < comment.length; offset += 100) {
			decoder.decode(comment, offset, Math.min(100, comment.length - offset), collector);
		}
		assertThat(collector.finish().events()).extracting(SseEvent::data).containsExactly("ok");
	}

	@Test
	void largeSingleEventDecodesWithTheDefaultMaximum() {
		byte[] bytes = SseTestSupport.load("large-single-event.sse");
		Decoded decoded = SseFrameDecoderCorpusTests.wholeArray(bytes);
		assertThat(decoded.events()).extracting((event) -> event.data().getBytes(StandardCharsets.UTF_8).length)
			.anySatisfy((length) -> assertThat(length).isGreaterThan(600_000));
		assertThat(decoded.partial()).isFalse();
	}

	@Test
	void largeSingleEventIsRejectedWithA256KbMaximum() {
		byte[] bytes = SseTestSupport.load("large-single-event.sse");
		int max = 256 * 1024;
		assertThatExceptionOfType(SseEventTooLargeException.class).isThrownBy(() -> {
			SseFrameDecoder decoder = new SseFrameDecoder(max);
			decoder.decode(bytes, 0, bytes.length, new Collector(decoder));
		}).withMessageContaining("262144 bytes").satisfies((ex) -> assertThat(ex.maxEventSize()).isEqualTo(max));
		assertThatExceptionOfType(SseEventTooLargeException.class).isThrownBy(() -> {
			SseFrameDecoder decoder = new SseFrameDecoder(max);
			Collector collector = new Collector(decoder);
			Random random = new Random(7);
			for (int offset = 0; offset < bytes.length;) {
				int length = Math.min(1 + random.nextInt(64), bytes.length - offset);
				decoder.decode(bytes, offset, length, collector);
				offset += length;
			}
		}).withMessageContaining("262144 bytes");
	}

	@Test
	void nonPositiveMaximumIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SseFrameDecoder(0)).withMessageContaining("0");
		assertThat(new SseFrameDecoder().lastEventId()).isNull();
		assertThat(SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE).isEqualTo(16 * 1024 * 1024);
	}

	private static Decoded decode(String stream) {
		return decode(SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE, stream);
	}

	private static Decoded decode(int maxEventSize, String stream) {
		SseFrameDecoder decoder = new SseFrameDecoder(maxEventSize);
		Collector collector = new Collector(decoder);
		decode(decoder, collector, stream);
		return collector.finish();
	}

	private static void decode(SseFrameDecoder decoder, Collector collector, String chunk) {
		byte[] bytes = SseTestSupport.bytes(chunk);
		decoder.decode(bytes, 0, bytes.length, collector);
	}

}
