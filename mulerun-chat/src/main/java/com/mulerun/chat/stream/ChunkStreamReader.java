package com.mulerun.chat.stream;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.model.ChatCompletionChunk;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;

/**
 * Reads the body of one successful event-stream response as chunks: decodes the network
 * reads without copying them, applies the idle timeout, adds every chunk to an aggregate
 * that the observation reads, and turns a body that ends early into a
 * {@link com.mulerun.chat.error.MuleRunStreamException} carrying what arrived.
 * Thread-safe; one instance serves every stream of a template.
 */
public final class ChunkStreamReader {

	private final ChunkParser.Source chunks;

	private final int maxEventSize;

	private final Scheduler scheduler;

	/**
	 * Creates a reader.
	 * @param jsonMapper the mapper chunks are read with
	 * @param maxEventSize the maximum size of one event in bytes
	 * @param scheduler the scheduler of the idle timer
	 */
	public ChunkStreamReader(JsonMapper jsonMapper, int maxEventSize, Scheduler scheduler) {
		this.chunks = new ChunkParser.Source(jsonMapper.readerFor(ChatCompletionChunk.class));
		this.maxEventSize = maxEventSize;
		this.scheduler = scheduler;
	}

	/**
	 * Reads the chunks of one response body.
	 * @param body the network reads, released by this reader
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param idleTimeout how long the stream may go without data while the subscriber
	 * waits for a chunk
	 * @param transportFailure tells which failures of the body come from the network
	 * (they end the stream as incomplete, or quietly after {@code [DONE]})
	 * @param aggregateSink receives the aggregate of the stream before the first chunk;
	 * chunks are added to it under its monitor, so a reader on another thread (an
	 * observation stopped by a cancel) synchronizes on it
	 * @return the chunks
	 */
	public Flux<ChatCompletionChunk> read(Flux<DataBuffer> body, int status, HttpHeaders headers, Duration idleTimeout,
			Predicate<Throwable> transportFailure, Consumer<ChatCompletionAggregator> aggregateSink) {
		ChunkStreamDecoder decoder = new ChunkStreamDecoder(this.maxEventSize, this.chunks, status, headers);
		aggregateSink.accept(decoder.aggregate());
		IdleWatch idle = new IdleWatch(idleTimeout, this.scheduler);
		return idle.watch(body)
			.onErrorResume(IdleWatch.IdleSignal.class,
					(signal) -> decoder.isDone() ? Flux.empty()
							: Flux.error(new MuleRunClientTimeoutException(
									MuleRunClientTimeoutException.Kind.STREAM_IDLE, idleTimeout)))
			// few network reads ahead: a subscriber that requests slowly holds back the
			// reads
			.concatMap((buffer) -> decode(decoder, buffer), 1)
			.doOnNext((chunk) -> idle.delivered())
			.doOnRequest(idle::requested)
			.concatWith(Mono.fromRunnable(decoder::endOfInput))
			// a transport failure after [DONE] changes nothing; before it, the stream is
			// incomplete
			.onErrorResume(transportFailure,
					(error) -> decoder.isDone() ? Flux.empty() : Flux.error(decoder.interrupted(error)))
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
	}

	/**
	 * Decodes one network read and releases it; chunks completed before a failure in the
	 * same read are emitted before the failure.
	 */
	private static Flux<ChatCompletionChunk> decode(ChunkStreamDecoder decoder, DataBuffer buffer) {
		List<ChatCompletionChunk> chunks;
		try {
			chunks = decoder.decode(buffer);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		RuntimeException failure = decoder.takeFailure();
		Flux<ChatCompletionChunk> decoded = chunks.isEmpty() ? Flux.empty()
				: (chunks.size() == 1) ? Flux.just(chunks.get(0)) : Flux.fromIterable(chunks);
		return (failure != null) ? decoded.concatWith(Flux.error(failure)) : decoded;
	}

	/**
	 * Tells whether a list holds a {@code null} element, without allocating (once per
	 * chunk on the hot path).
	 */
	public static boolean containsNull(@Nullable List<?> list) {
		if (list == null) {
			return false;
		}
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i) == null) {
				return true;
			}
		}
		return false;
	}

}
