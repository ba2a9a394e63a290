package com.mulerun.chat;

import java.util.ArrayList;
import java.util.List;

import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.sse.SseEventHandler;
import com.mulerun.chat.sse.SseFrameDecoder;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * Turns the bytes of one event-stream response into chunks: SSE frames are decoded in place and each data
 * payload is parsed straight from the frame bytes; {@code [DONE]}, error frames, error objects and truncation
 * are recognised. One instance per response; not thread-safe.
 */
final class ChunkStreamDecoder implements SseEventHandler {

	private static final byte[] DONE = { '[', 'D', 'O', 'N', 'E', ']' };

	private final SseFrameDecoder frames;

	private final ObjectReader chunkReader;

	private final HttpHeaders headers;

	private final int status;

	private final ChatCompletionAggregator aggregate = new ChatCompletionAggregator();

	private @Nullable List<ChatCompletionChunk> pending;

	private boolean done;

	ChunkStreamDecoder(int maxEventSize, ObjectReader chunkReader, int status, HttpHeaders headers) {
		this.frames = new SseFrameDecoder(maxEventSize);
		this.chunkReader = chunkReader;
		this.status = status;
		this.headers = headers;
	}

	/**
	 * Decodes one network read; the caller releases the buffer.
	 * @param buffer the bytes
	 * @return the chunks completed by these bytes, possibly none
	 */
	List<ChatCompletionChunk> decode(DataBuffer buffer) {
		if (this.done) {
			return List.of();
		}
		this.frames.decode(buffer, this);
		List<ChatCompletionChunk> chunks = this.pending;
		if (chunks == null) {
			return List.of();
		}
		this.pending = null;
		return chunks;
	}

	/**
	 * Called at the end of the response: fails when the stream is incomplete.
	 * @throws MuleRunStreamException when the stream ended before it was complete
	 */
	void endOfInput() {
		if (this.done) {
			return;
		}
		boolean midEvent = this.frames.endOfInput(this);
		if (this.done) {
			return;
		}
		if (midEvent || this.aggregate.chunkCount() == 0 || !this.aggregate.isComplete()) {
			throw MuleRunStreamException.connectionClosed(this.aggregate.chunkCount(), midEvent,
					this.aggregate.result(), requestId());
		}
	}

	/**
	 * Whether {@code [DONE]} was seen.
	 * @return whether the stream is done
	 */
	boolean isDone() {
		return this.done;
	}

	/**
	 * Returns the aggregate of what arrived so far.
	 * @return the aggregator
	 */
	ChatCompletionAggregator aggregate() {
		return this.aggregate;
	}

	@Nullable String requestId() {
		String id = this.headers.getFirst("x-request-id");
		if (id == null) {
			id = this.headers.getFirst("request-id");
		}
		return (id != null) ? id : this.headers.getFirst("apim-request-id");
	}

	@Override
	public void onEvent(@Nullable String eventType, byte[] data, int offset, int length) {
		if (this.done) {
			return;
		}
		if ("error".equals(eventType)) {
			MuleRunApiException error = ApiErrors.fromStreamEvent(this.headers, data, offset, length, true);
			throw (error != null) ? error : ApiErrors.create(this.status, this.headers, copy(data, offset, length));
		}
		if (eventType != null && !"message".equals(eventType)) {
			return;
		}
		int start = offset;
		int end = offset + length;
		while (start < end && data[start] <= ' ') {
			start++;
		}
		while (end > start && data[end - 1] <= ' ') {
			end--;
		}
		if (start == end) {
			return;
		}
		if (isDone(data, start, end)) {
			this.done = true;
			return;
		}
		ChatCompletionChunk chunk;
		try {
			chunk = this.chunkReader.readValue(data, offset, length);
		}
		catch (JacksonException ex) {
			MuleRunApiException error = ApiErrors.fromStreamEvent(this.headers, data, offset, length, false);
			if (error != null) {
				throw error;
			}
			throw new MuleRunMalformedResponseException(
					"stream chunk " + (this.aggregate.chunkCount() + 1) + " is not a valid chat completion chunk ("
							+ ex.getOriginalMessage() + ")",
					this.status, requestId(), copy(data, offset, length), ex);
		}
		if (chunk.extra().get("error") != null) {
			MuleRunApiException error = ApiErrors.fromStreamEvent(this.headers, data, offset, length, false);
			if (error != null) {
				throw error;
			}
		}
		this.aggregate.add(chunk);
		if (this.pending == null) {
			this.pending = new ArrayList<>(4);
		}
		this.pending.add(chunk);
	}

	private static boolean isDone(byte[] data, int start, int end) {
		if (end - start != DONE.length) {
			return false;
		}
		for (int i = 0; i < DONE.length; i++) {
			if (data[start + i] != DONE[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] copy(byte[] data, int offset, int length) {
		byte[] copy = new byte[length];
		System.arraycopy(data, offset, copy, 0, length);
		return copy;
	}

}
