package com.mulerun.chat.stream;

import com.mulerun.chat.stream.SseTestSupport.Collector;
import com.mulerun.chat.stream.SseTestSupport.Decoded;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds every {@code .sse} file of the corpus to {@link SseFrameDecoder} in many
 * different chunkings and checks that the decoded events never depend on where the reads
 * were split.
 */
class SseFrameDecoderCorpusTests {

	private static final long SEED = 20251129L;

	private static final DefaultDataBufferFactory heapFactory = DefaultDataBufferFactory.sharedInstance;

	private static final NettyDataBufferFactory directFactory = new NettyDataBufferFactory(
			new UnpooledByteBufAllocator(true));

	static Stream<String> allFiles() {
		return SseTestSupport.corpusFiles().stream();
	}

	static Stream<String> smallFiles() {
		return allFiles().filter((name) -> !SseTestSupport.isLarge(name));
	}

	@ParameterizedTest
	@MethodSource("allFiles")
	void everyCorpusStreamDecodesToAtLeastOneEvent(String name) {
		assertThat(SseTestSupport.corpusFiles()).hasSizeGreaterThanOrEqualTo(26);
		assertThat(wholeArray(SseTestSupport.load(name)).events()).isNotEmpty();
	}

	@ParameterizedTest
	@MethodSource("allFiles")
	void wholeStreamMatchesTheReferenceParser(String name) {
		byte[] bytes = SseTestSupport.load(name);
		Decoded expected = SseTestSupport.reference(bytes);
		assertThat(wholeArray(bytes)).isEqualTo(expected);
		assertThat(wholeDataBuffer(bytes)).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("smallFiles")
	void oneByteAtATimeYieldsTheSameEvents(String name) {
		byte[] bytes = SseTestSupport.load(name);
		Decoded expected = wholeArray(bytes);
		assertThat(chunkedArray(bytes, 1, 1, SEED)).isEqualTo(expected);
		assertThat(chunkedDataBuffers(bytes, 1, 1, SEED, false)).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("smallFiles")
	void twoPartsSplitAtEveryOffsetYieldTheSameEvents(String name) {
		byte[] bytes = SseTestSupport.load(name);
		Decoded expected = wholeArray(bytes);
		for (int split = 0; split <= bytes.length; split++) {
			Decoded actual = ((split % 2) == 0) ? splitArray(bytes, split) : splitDataBuffer(bytes, split);
			assertThat(actual).as("split at %d", split).isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@MethodSource("allFiles")
	void randomBoundariesYieldTheSameEvents(String name) {
		byte[] bytes = SseTestSupport.load(name);
		Decoded expected = wholeArray(bytes);
		for (int round = 0; round < 5; round++) {
			long seed = SEED + round;
			assertThat(chunkedArray(bytes, 1, 64, seed)).as("byte[] seed %d", seed).isEqualTo(expected);
			assertThat(chunkedDataBuffers(bytes, 1, 64, seed, false)).as("heap seed %d", seed).isEqualTo(expected);
			assertThat(chunkedDataBuffers(bytes, 1, 64, seed, true)).as("direct seed %d", seed).isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@MethodSource("allFiles")
	void compositeBufferOfRandomChunksYieldsTheSameEvents(String name) {
		byte[] bytes = SseTestSupport.load(name);
		List<DataBuffer> parts = new ArrayList<>();
		Random random = new Random(SEED);
		for (int offset = 0; offset < bytes.length;) {
			int length = Math.min(1 + random.nextInt(64), bytes.length - offset);
			DataBuffer part = directFactory.allocateBuffer(length);
			part.write(bytes, offset, length);
			parts.add(part);
			offset += length;
		}
		DataBuffer composite = directFactory.join(parts);
		try {
			SseFrameDecoder decoder = new SseFrameDecoder();
			Collector collector = new Collector(decoder);
			decoder.decode(composite, collector);
			assertThat(composite.readableByteCount()).isZero();
			assertThat(collector.finish()).isEqualTo(wholeArray(bytes));
		}
		finally {
			DataBufferUtils.release(composite);
		}
	}

	static Decoded wholeArray(byte[] bytes) {
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		decoder.decode(bytes, 0, bytes.length, collector);
		return collector.finish();
	}

	private static Decoded wholeDataBuffer(byte[] bytes) {
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		decoder.decode(heapFactory.wrap(bytes), collector);
		return collector.finish();
	}

	private static Decoded splitArray(byte[] bytes, int split) {
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		decoder.decode(bytes, 0, split, collector);
		decoder.decode(bytes, split, bytes.length - split, collector);
		return collector.finish();
	}

	private static Decoded splitDataBuffer(byte[] bytes, int split) {
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		decoder.decode(heapFactory.wrap(ByteBuffer.wrap(bytes, 0, split)), collector);
		decoder.decode(heapFactory.wrap(ByteBuffer.wrap(bytes, split, bytes.length - split)), collector);
		return collector.finish();
	}

	private static Decoded chunkedArray(byte[] bytes, int min, int max, long seed) {
		Random random = new Random(seed);
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		for (int offset = 0; offset < bytes.length;) {
			int length = Math.min(min + random.nextInt(max - min + 1), bytes.length - offset);
			decoder.decode(bytes, offset, length, collector);
			offset += length;
		}
		return collector.finish();
	}

	private static Decoded chunkedDataBuffers(byte[] bytes, int min, int max, long seed, boolean direct) {
		Random random = new Random(seed);
		SseFrameDecoder decoder = new SseFrameDecoder();
		Collector collector = new Collector(decoder);
		for (int offset = 0; offset < bytes.length;) {
			int length = Math.min(min + random.nextInt(max - min + 1), bytes.length - offset);
			DataBuffer buffer = (direct ? directFactory : heapFactory).allocateBuffer(length);
			buffer.write(bytes, offset, length);
			try {
				decoder.decode(buffer, collector);
				assertThat(buffer.readableByteCount()).isZero();
			}
			finally {
				DataBufferUtils.release(buffer);
			}
			offset += length;
		}
		return collector.finish();
	}

}
