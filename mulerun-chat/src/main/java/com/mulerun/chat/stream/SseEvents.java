package com.mulerun.chat.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Decodes a whole body into allocated {@link SseEvent} copies with a
 * {@link SseFrameDecoder}, releasing every buffer once decoded, on error and on
 * cancellation (see {@link SseFrameDecoder#decode(Flux, int)}).
 */
final class SseEvents {

	private SseEvents() {
	}

	static Flux<SseEvent> decode(Flux<DataBuffer> body, int maxEventSize) {
		return Flux.defer(() -> {
			SseFrameDecoder decoder = new SseFrameDecoder(maxEventSize);
			return body.concatMapIterable((buffer) -> decodeAndRelease(decoder, buffer));
		}).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
	}

	private static List<SseEvent> decodeAndRelease(SseFrameDecoder decoder, DataBuffer buffer) {
		List<SseEvent> events = new ArrayList<>(4);
		try {
			decoder.decode(buffer, (type, bytes, offset, length) -> events.add(new SseEvent(type,
					new String(bytes, offset, length, StandardCharsets.UTF_8), decoder.lastEventId())));
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return events;
	}

}
