package com.mulerun.chat.stream;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Memory use of {@link SseFrameDecoder} for one large event arriving in many network
 * reads: the event is copied into the decoder once (a buffer that grows by doubling
 * allocates at most about twice the event), not once into a line buffer and again into
 * the data buffer.
 */
class SseFrameDecoderMemoryTests {

	private static final int EVENT_SIZE = 15 * 1024 * 1024;

	private static final int READ_SIZE = 16 * 1024;

	@Test
	void aLargeEventInManyReadsAllocatesAtMostAboutTwiceItsSize() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
		threads.setThreadAllocatedMemoryEnabled(true);
		List<DataBuffer> reads = reads(event(EVENT_SIZE));
		SseFrameDecoder decoder = new SseFrameDecoder();
		int[] dispatched = new int[1];
		SseEventHandler handler = (type, data, offset, length) -> dispatched[0] = length;

		long before = threads.getCurrentThreadAllocatedBytes();
		for (DataBuffer read : reads) {
			decoder.decode(read, handler);
		}
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;

		assertThat(dispatched[0]).isEqualTo(EVENT_SIZE);
		assertThat(allocated).as("bytes allocated while decoding a %d-byte event", EVENT_SIZE)
			.isLessThan(EVENT_SIZE * 5L / 2);
	}

	@Test
	void aDataLineSplitRightAfterItsColonStillDropsTheOneLeadingSpace() {
		List<String> events = new ArrayList<>();
		SseFrameDecoder decoder = new SseFrameDecoder();
		SseEventHandler handler = (type, data, offset, length) -> events
			.add(new String(data, offset, length, StandardCharsets.UTF_8));
		for (String read : List.of("data:", "  two spaces, one kept", "\n", "data", ": second line\n\n")) {
			byte[] bytes = read.getBytes(StandardCharsets.UTF_8);
			decoder.decode(bytes, 0, bytes.length, handler);
		}
		assertThat(events).containsExactly(" two spaces, one kept\nsecond line");
	}

	@Test
	void aNewDecoderAllocatesNoBuffersUntilItDecodes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
		threads.setThreadAllocatedMemoryEnabled(true);
		SseFrameDecoder[] decoders = new SseFrameDecoder[1000];

		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < decoders.length; i++) {
			decoders[i] = new SseFrameDecoder();
		}
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;

		// the decoder object alone is under 100 bytes; a read or event buffer is 512 or
		// more
		assertThat(allocated / decoders.length).as("bytes allocated per new decoder").isLessThan(200);
	}

	@Test
	void decodersOnOneThreadShareTheReadBufferButNotTheirEvents() {
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		SseFrameDecoder one = new SseFrameDecoder();
		SseFrameDecoder two = new SseFrameDecoder();
		one.decode(read("data: first, ha"), collect(first));
		two.decode(read("data: second, whole\n\ndata: second, ha"), collect(second));
		one.decode(read("lf\n\n"), collect(first));
		two.decode(read("lf\n\n"), collect(second));
		assertThat(first).containsExactly("first, half");
		assertThat(second).containsExactly("second, whole", "second, half");
	}

	@Test
	void aHandlerThatDecodesAnotherBodyOnTheSameThreadDoesNotOverwriteTheReadBeingDecoded() {
		List<String> outer = new ArrayList<>();
		List<String> inner = new ArrayList<>();
		SseFrameDecoder innerDecoder = new SseFrameDecoder();
		SseFrameDecoder outerDecoder = new SseFrameDecoder();
		outerDecoder.decode(read("data: outer one\n\ndata: outer two\n\n"), (type, data, offset, length) -> {
			outer.add(new String(data, offset, length, StandardCharsets.UTF_8));
			innerDecoder.decode(read("data: XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n\n"), collect(inner));
		});
		assertThat(outer).containsExactly("outer one", "outer two");
		assertThat(inner).hasSize(2);
	}

	private static SseEventHandler collect(List<String> events) {
		return (type, data, offset, length) -> events.add(new String(data, offset, length, StandardCharsets.UTF_8));
	}

	private static DataBuffer read(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] event(int size) {
		byte[] prefix = "data: ".getBytes(StandardCharsets.US_ASCII);
		byte[] event = new byte[prefix.length + size + 2];
		System.arraycopy(prefix, 0, event, 0, prefix.length);
		Arrays.fill(event, prefix.length, prefix.length + size, (byte) 'x');
		event[event.length - 2] = '\n';
		event[event.length - 1] = '\n';
		return event;
	}

	private static List<DataBuffer> reads(byte[] body) {
		List<DataBuffer> reads = new ArrayList<>();
		for (int offset = 0; offset < body.length; offset += READ_SIZE) {
			int length = Math.min(READ_SIZE, body.length - offset);
			reads.add(DefaultDataBufferFactory.sharedInstance.wrap(ByteBuffer.wrap(body, offset, length).slice()));
		}
		return reads;
	}

}
