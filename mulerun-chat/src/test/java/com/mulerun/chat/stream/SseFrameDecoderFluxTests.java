package com.mulerun.chat.stream;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SseFrameDecoder#decode(Flux, int)}, in particular that every buffer is
 * released.
 */
class SseFrameDecoderFluxTests {

	private final NettyDataBufferFactory factory = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));

	@Test
	void decodesTheWholeBodyAndReleasesEveryBuffer() {
		byte[] bytes = SseTestSupport.load("sse-spec-fields.sse");
		List<DataBuffer> buffers = chunks(bytes, 7);
		List<SseEvent> expected = SseFrameDecoderCorpusTests.wholeArray(bytes).events();
		StepVerifier.create(SseFrameDecoder.decode(Flux.fromIterable(buffers), SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE))
			.expectNextSequence(expected)
			.verifyComplete();
		assertThat(expected).hasSize(9).extracting(SseEvent::id).last().isEqualTo("evt-3");
		assertAllReleased(buffers);
	}

	@Test
	void releasesEveryBufferWhenCancelled() {
		byte[] bytes = SseTestSupport.load("openai-text-usage.sse");
		List<DataBuffer> buffers = chunks(bytes, 3);
		assertThat(buffers).hasSizeGreaterThan(2000);
		StepVerifier
			.create(SseFrameDecoder.decode(Flux.fromIterable(buffers), SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE), 1)
			.assertNext((event) -> assertThat(event.data()).contains("\"role\":\"assistant\""))
			.thenCancel()
			.verify();
		assertAllReleased(buffers);
	}

	@Test
	void releasesEveryBufferWhenAnEventIsTooLarge() {
		byte[] bytes = SseTestSupport.load("large-single-event.sse");
		List<DataBuffer> buffers = chunks(bytes, 4096);
		StepVerifier.create(SseFrameDecoder.decode(Flux.fromIterable(buffers), 256 * 1024))
			.thenConsumeWhile((event) -> true)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SseEventTooLargeException.class)
				.hasMessageContaining("262144 bytes"))
			.verify();
		assertAllReleased(buffers);
	}

	@Test
	void decodersAreNotSharedBetweenSubscriptions() {
		Flux<SseEvent> events = SseFrameDecoder.decode(
				Flux.defer(() -> Flux.fromIterable(chunks(SseTestSupport.bytes("id: 1\ndata: a\n\ndata: b"), 5))),
				SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE);
		StepVerifier.create(events).expectNext(new SseEvent(null, "a", "1")).verifyComplete();
		StepVerifier.create(events).expectNext(new SseEvent(null, "a", "1")).verifyComplete();
	}

	private List<DataBuffer> chunks(byte[] bytes, int size) {
		List<DataBuffer> buffers = new ArrayList<>();
		for (int offset = 0; offset < bytes.length; offset += size) {
			int length = Math.min(size, bytes.length - offset);
			DataBuffer buffer = this.factory.allocateBuffer(length);
			buffer.write(bytes, offset, length);
			buffers.add(buffer);
		}
		return buffers;
	}

	private static void assertAllReleased(List<DataBuffer> buffers) {
		assertThat(buffers).isNotEmpty()
			.allSatisfy((buffer) -> assertThat(((NettyDataBuffer) buffer).getNativeBuffer().refCnt()).isZero());
	}

}
