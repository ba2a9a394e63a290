package com.mulerun.chat.stream;

import com.mulerun.chat.error.ApiErrors;
import com.mulerun.chat.error.ErrorTexts;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunMalformedResponseException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.model.ChatCompletionChunk;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * Turns the bytes of one event-stream response into chunks: SSE frames are decoded in
 * place and each data payload is parsed straight from the frame bytes; {@code [DONE]},
 * error frames, error objects and truncation are recognised. One instance per response;
 * not thread-safe.
 *
 * <p>
 * A failure found in a network read (an error frame, an invalid chunk, an event over the
 * size limit) does not discard the chunks completed earlier in the same read:
 * {@link #decode(DataBuffer)} returns them and the failure is handed out by
 * {@link #takeFailure()}, so the caller can emit the chunks before the error. A body in
 * which no event was dispatched is checked for an error envelope or a non-SSE document at
 * the end.
 */
final class ChunkStreamDecoder implements SseEventHandler {

	private static final byte[] DONE = { '[', 'D', 'O', 'N', 'E', ']' };

	/**
	 * How many leading bytes are kept until the first event, to explain a body that is
	 * not an event stream.
	 */
	private static final int MAX_PREAMBLE = 64 * 1024;

	private final SseFrameDecoder frames;

	private final ObjectReader chunkReader;

	private final ChunkParser chunkParser;

	private final HttpHeaders headers;

	private final int status;

	private final ChatCompletionAggregator aggregate = new ChatCompletionAggregator();

	private @Nullable ChatCompletionChunk pendingFirst;

	private @Nullable List<ChatCompletionChunk> pendingMore;

	private @Nullable RuntimeException failure;

	private boolean done;

	private boolean failed;

	private boolean eventSeen;

	private @Nullable ByteArrayOutputStream preamble = new ByteArrayOutputStream();

	ChunkStreamDecoder(int maxEventSize, ChunkParser.Source chunks, int status, HttpHeaders headers) {
		this.frames = new SseFrameDecoder(maxEventSize);
		this.chunkReader = chunks.reader();
		this.chunkParser = new ChunkParser(chunks);
		this.status = status;
		this.headers = headers;
	}

	/**
	 * Decodes one network read; the caller releases the buffer. When the read holds a
	 * failure, the chunks before it are still returned and the failure is kept for
	 * {@link #takeFailure()}; later reads are ignored.
	 * @param buffer the bytes
	 * @return the chunks completed by these bytes, possibly none
	 */
	List<ChatCompletionChunk> decode(DataBuffer buffer) {
		if (this.done || this.failed) {
			return List.of();
		}
		keepPreamble(buffer);
		try {
			this.frames.decode(buffer, this);
		}
		catch (RuntimeException ex) {
			this.failed = true;
			this.failure = ex;
		}
		ChatCompletionChunk first = this.pendingFirst;
		if (first == null) {
			return List.of();
		}
		this.pendingFirst = null;
		List<ChatCompletionChunk> more = this.pendingMore;
		if (more == null) {
			// the common case, one event per network read, allocates no list
			return List.of(first);
		}
		this.pendingMore = null;
		more.add(0, first);
		return more;
	}

	/**
	 * Returns the failure found by the last {@link #decode(DataBuffer)}, once.
	 * @return the failure, or {@code null} when there was none
	 */
	@Nullable RuntimeException takeFailure() {
		RuntimeException taken = this.failure;
		this.failure = null;
		return taken;
	}

	/**
	 * Called at the end of the response: fails when the stream is incomplete.
	 * @throws MuleRunStreamException when the stream ended before it was complete
	 * @throws MuleRunApiException when the body without events is an error envelope
	 * @throws MuleRunMalformedResponseException when the body without events is a JSON or
	 * HTML document
	 */
	void endOfInput() {
		if (this.done || this.failed) {
			return;
		}
		boolean midEvent = this.frames.endOfInput(this);
		if (this.done) {
			return;
		}
		if (!this.eventSeen) {
			explainBodyWithoutEvents();
		}
		if (midEvent || this.aggregate.chunkCount() == 0 || !this.aggregate.isComplete()) {
			throw MuleRunStreamException.connectionClosed(this.aggregate.chunkCount(), midEvent,
					this.aggregate.result(), requestId());
		}
	}

	/**
	 * Describes a transport failure (connection reset, premature close, malformed HTTP
	 * chunk) that cut the body short; partial events are discarded.
	 * @param cause the transport failure
	 * @return the exception carrying the partial result
	 */
	MuleRunStreamException interrupted(Throwable cause) {
		boolean midEvent = this.frames.endOfInput(this);
		String detail = "the connection failed after " + this.aggregate.chunkCount()
				+ ((this.aggregate.chunkCount() == 1) ? " chunk" : " chunks") + (midEvent ? " (mid-event)" : "") + ": "
				+ ErrorTexts.describe(cause);
		this.failed = true;
		return new MuleRunStreamException(detail, this.aggregate.chunkCount(), this.aggregate.result(), requestId(),
				cause);
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
		return ApiErrors.requestId(this.headers);
	}

	@Override
	public void onEvent(@Nullable String eventType, byte[] data, int offset, int length) {
		if (!isChunk(eventType, data, offset, length)) {
			return;
		}
		@Nullable ChatCompletionChunk chunk;
		try {
			// a large event comes through onLargeEvent
			chunk = this.chunkParser.read(data, offset, length);
		}
		catch (JacksonException ex) {
			throw invalid(ex, data, offset, length);
		}
		accept(chunk, data, offset, length);
	}

	/**
	 * Reads a large event whose array the frame decoder handed over: its long values are
	 * taken out first and the array is then dropped (the holder keeps the rest of the
	 * event, which failures report), so that the event and its text's string are never
	 * live together (issue 12).
	 */
	@Override
	public void onLargeEvent(@Nullable String eventType, AtomicReference<byte[]> data, int length) {
		if (!isChunk(eventType, Objects.requireNonNull(data.get()), 0, length)) {
			return;
		}
		@Nullable ChatCompletionChunk chunk;
		try {
			chunk = LargeValueReader.read(this.chunkReader, data, 0, length);
		}
		catch (JacksonException ex) {
			byte[] rest = Objects.requireNonNull(data.get());
			throw invalid(ex, rest, 0, Math.min(length, rest.length));
		}
		byte[] rest = Objects.requireNonNull(data.get());
		accept(chunk, rest, 0, Math.min(length, rest.length));
	}

	/**
	 * Handles what comes before a chunk is read: returns whether the event is a chunk to
	 * read, and throws for an error event.
	 */
	private boolean isChunk(@Nullable String eventType, byte[] data, int offset, int length) {
		if (this.done) {
			return false;
		}
		this.eventSeen = true;
		this.preamble = null;
		if ("error".equals(eventType)) {
			MuleRunApiException error = ApiErrors.fromStreamEvent(this.headers, data, offset, length, true);
			throw (error != null) ? error : ApiErrors.create(this.status, this.headers, copy(data, offset, length));
		}
		if (eventType != null && !"message".equals(eventType)) {
			return false;
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
			return false;
		}
		if (isDone(data, start, end)) {
			this.done = true;
			return false;
		}
		return true;
	}

	private RuntimeException invalid(JacksonException ex, byte[] data, int offset, int length) {
		MuleRunApiException error = ApiErrors.fromStreamEvent(this.headers, data, offset, length, false);
		if (error != null) {
			return error;
		}
		return new MuleRunMalformedResponseException("stream chunk " + (this.aggregate.chunkCount() + 1)
				+ " is not a valid chat completion chunk (" + ex.getOriginalMessage() + ")", this.status, requestId(),
				copy(data, offset, length), ex);
	}

	private void accept(@Nullable ChatCompletionChunk chunk, byte[] data, int offset, int length) {
		if (chunk == null || ChunkStreamReader.containsNull(chunk.choices())) {
			throw new MuleRunMalformedResponseException(
					"stream chunk " + (this.aggregate.chunkCount() + 1) + " is not a valid chat completion chunk ("
							+ ((chunk == null) ? "null" : "a null choice") + ")",
					this.status, requestId(), copy(data, offset, length), null);
		}
		if (chunk.extra().get("error") != null) {
			MuleRunApiException error = ApiErrors.fromStreamEvent(this.headers, data, offset, length, false);
			if (error != null) {
				// what the failing object carries (a finish_reason "error", usage)
				// belongs to the partial result
				aggregate(chunk);
				throw error;
			}
		}
		aggregate(chunk);
		if (this.pendingFirst == null) {
			this.pendingFirst = chunk;
		}
		else {
			if (this.pendingMore == null) {
				this.pendingMore = new ArrayList<>(4);
			}
			this.pendingMore.add(chunk);
		}
	}

	/**
	 * Adds a chunk to the aggregate under its monitor: an observation may read the
	 * aggregate from the thread that cancels the stream while this one still decodes (see
	 * {@link ChunkStreamReader}).
	 */
	private void aggregate(ChatCompletionChunk chunk) {
		synchronized (this.aggregate) {
			this.aggregate.add(chunk);
		}
	}

	private void keepPreamble(DataBuffer buffer) {
		ByteArrayOutputStream kept = this.preamble;
		if (kept == null) {
			return;
		}
		int count = buffer.readableByteCount();
		if (kept.size() + count > MAX_PREAMBLE) {
			this.preamble = null;
			return;
		}
		byte[] bytes = new byte[count];
		int position = buffer.readPosition();
		buffer.read(bytes);
		buffer.readPosition(position);
		kept.writeBytes(bytes);
	}

	/**
	 * Throws when a body that dispatched no event at all is evidently not an event
	 * stream: an error envelope becomes its API exception, a JSON or HTML document a
	 * malformed-response exception.
	 */
	private void explainBodyWithoutEvents() {
		ByteArrayOutputStream kept = this.preamble;
		if (kept == null || kept.size() == 0) {
			return;
		}
		byte[] body = kept.toByteArray();
		MuleRunApiException error = ApiErrors.fromSuccessBody(this.status, this.headers, body);
		if (error != null) {
			throw error;
		}
		int first = 0;
		if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
			first = 3;
		}
		while (first < body.length && body[first] <= ' ') {
			first++;
		}
		if (first < body.length && (body[first] == '{' || body[first] == '[' || body[first] == '<')) {
			throw new MuleRunMalformedResponseException("expected server-sent events but the body has none",
					this.status, requestId(), body, null);
		}
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
