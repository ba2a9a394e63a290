package com.mulerun.chat.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Incremental, allocation-aware decoder of a {@code text/event-stream} body into
 * Server-Sent Events.
 *
 * <p>
 * Implements the WHATWG event-stream interpretation over raw UTF-8 bytes: one leading BOM
 * is stripped, lines end at CRLF, LF or a lone CR (also when split across reads), comment
 * lines are skipped, only one space after the colon is removed, {@code data} lines are
 * joined with LF and an event is dispatched at a blank line if at least one {@code data}
 * line was seen. Event data is handed to the {@link SseEventHandler} as a slice of an
 * internal, reused array, so decoding does not allocate per line or per event once the
 * internal buffers have grown to the working size.
 *
 * <p>
 * An event whose data (or a single line) exceeds the configured maximum size fails with
 * {@link SseEventTooLargeException}; the decoder must not be used after it threw. A
 * {@code data} line that spans network reads is read straight into the event data once
 * its field name has arrived, so a large event is copied into the decoder once (its
 * buffer grows by doubling, to at most twice the event; over 1 MB it is then dropped; an
 * event of 1 MB or more is handed over with its buffer, see
 * {@link SseEventHandler#onLargeEvent}).
 *
 * <p>
 * Instances are stateful and not thread-safe: use one decoder per response body.
 */
public final class SseFrameDecoder {

	/** Default maximum size of one event's data, in bytes (16 MB). */
	public static final int DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	private static final byte COLON = ':';

	private static final byte SPACE = ' ';

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final int BOM_DONE = BOM.length;

	/** Room for a field name, colon and space on top of the event size for a line. */
	private static final int LINE_OVERHEAD = 64;

	private static final int INITIAL_CAPACITY = 512;

	private static final int SCRATCH_SIZE = 2048;

	private static final byte[] FIELD_DATA = SseBytes.ascii("data");

	private static final byte[] FIELD_EVENT = SseBytes.ascii("event");

	private static final byte[] FIELD_ID = SseBytes.ascii("id");

	private static final byte[] FIELD_RETRY = SseBytes.ascii("retry");

	private static final String TYPE_MESSAGE = "message";

	private static final String TYPE_ERROR = "error";

	private static final byte[] TYPE_MESSAGE_BYTES = SseBytes.ascii(TYPE_MESSAGE);

	private static final byte[] TYPE_ERROR_BYTES = SseBytes.ascii(TYPE_ERROR);

	private static final byte[] EMPTY = new byte[0];

	private static final byte[] NEWLINE = { LF };

	private final int maxEventSize;

	private final int maxLineSize;

	private int bomState;

	private boolean pendingCr;

	private byte[] line;

	private int lineLength;

	private boolean lineIsComment;

	private byte[] data;

	private int dataLength;

	private boolean dataSeen;

	/**
	 * A {@code data} line is being read straight into {@link #data}, not through
	 * {@link #line}.
	 */
	private boolean dataLineOpen;

	/**
	 * The open {@code data} line ended right after its colon: a space that comes next is
	 * dropped.
	 */
	private boolean dataSpacePending;

	private @Nullable String eventType;

	private @Nullable String cachedType;

	private byte[] cachedTypeBytes = EMPTY;

	private @Nullable String lastEventId;

	private byte[] lastEventIdBytes = EMPTY;

	private @Nullable Long retryMillis;

	/**
	 * Where reads are copied to be scanned: one per thread, so an open stream holds none.
	 */
	private static final ThreadLocal<byte @Nullable []> SCRATCH = new ThreadLocal<>();

	/**
	 * Creates a decoder with the {@link #DEFAULT_MAX_EVENT_SIZE default maximum event
	 * size}.
	 */
	public SseFrameDecoder() {
		this(DEFAULT_MAX_EVENT_SIZE);
	}

	/**
	 * Creates a decoder that rejects events whose data exceeds the given size.
	 * @param maxEventSize the maximum size of one event's data, in bytes; must be
	 * positive
	 */
	public SseFrameDecoder(int maxEventSize) {
		if (maxEventSize <= 0) {
			throw new IllegalArgumentException("maxEventSize must be positive but was " + maxEventSize);
		}
		this.maxEventSize = maxEventSize;
		this.maxLineSize = (int) Math.min((long) maxEventSize + LINE_OVERHEAD, Integer.MAX_VALUE - 8);
		// allocated when first needed (few streams split a line across reads)
		this.line = EMPTY;
		this.data = EMPTY;
	}

	/**
	 * Decodes all readable bytes of the buffer, dispatching every completed event.
	 * <p>
	 * The read position is advanced to the write position; the buffer is not released.
	 * @param buffer the next chunk of the body
	 * @param handler receives the events completed by this chunk
	 * @throws SseEventTooLargeException if an event exceeds the maximum event size
	 */
	public void decode(DataBuffer buffer, SseEventHandler handler) {
		// copied in bulk, no view per read; taken while in use (a handler may decode too)
		byte[] taken = SCRATCH.get();
		SCRATCH.set(null);
		byte[] chunk = (taken != null) ? taken : new byte[SCRATCH_SIZE];
		try {
			int remaining = buffer.readableByteCount();
			while (remaining > 0) {
				int count = Math.min(chunk.length, remaining);
				buffer.read(chunk, 0, count);
				decode(chunk, 0, count, handler);
				remaining -= count;
			}
		}
		finally {
			SCRATCH.set(chunk);
		}
	}

	/**
	 * Decodes a range of bytes, dispatching every completed event to the handler.
	 * @param bytes the array holding the next chunk of the body
	 * @param offset the index of the first byte to decode
	 * @param length the number of bytes to decode
	 * @param handler receives the events completed by this chunk
	 * @throws SseEventTooLargeException if an event exceeds the maximum event size
	 */
	public void decode(byte[] bytes, int offset, int length, SseEventHandler handler) {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		int index = offset;
		int end = offset + length;
		if (this.bomState != BOM_DONE) {
			while (index < end && this.bomState < BOM_DONE) {
				if (bytes[index] != BOM[this.bomState]) {
					replayBomPrefix(handler);
					break;
				}
				this.bomState++;
				index++;
			}
		}
		scan(bytes, index, end, handler);
	}

	/**
	 * Signals the end of the body, discarding any incomplete event as the event-stream
	 * rules require.
	 * <p>
	 * No event is dispatched: an event without its terminating blank line is incomplete.
	 * The per-event state is reset afterwards, while {@link #lastEventId()} and
	 * {@link #retryMillis()} are kept.
	 * @param handler the handler used for this body (not invoked; accepted for symmetry
	 * with decode)
	 * @return {@code true} if a partial, undispatched event (data lines or an
	 * unterminated field line) was discarded, {@code false} if the input ended cleanly on
	 * an event boundary
	 */
	public boolean endOfInput(SseEventHandler handler) {
		if (this.bomState != BOM_DONE) {
			replayBomPrefix(handler);
		}
		boolean partial = this.dataSeen || this.lineLength > 0;
		this.lineLength = 0;
		this.dataLineOpen = false;
		this.dataSpacePending = false;
		this.lineIsComment = false;
		this.pendingCr = false;
		this.dataLength = 0;
		this.dataSeen = false;
		this.eventType = null;
		return partial;
	}

	/**
	 * Returns the last event ID set by an {@code id} field, or {@code null} if none was
	 * received.
	 * @return the last event ID
	 */
	public @Nullable String lastEventId() {
		return this.lastEventId;
	}

	/**
	 * Returns the reconnection time set by the last valid {@code retry} field, or null.
	 * @return the reconnection time in milliseconds
	 */
	public @Nullable Long retryMillis() {
		return this.retryMillis;
	}

	/**
	 * Decodes a whole body into allocated {@link SseEvent} copies, releasing buffers.
	 * <p>
	 * Buffers are released once decoded, on error and on cancellation. An incomplete
	 * trailing event is dropped silently; use the incremental API to detect truncation.
	 * @param body the response body
	 * @param maxEventSize the maximum size of one event's data, in bytes
	 * @return the decoded events
	 */
	public static Flux<SseEvent> decode(Flux<DataBuffer> body, int maxEventSize) {
		return SseEvents.decode(body, maxEventSize);
	}

	private void replayBomPrefix(SseEventHandler handler) {
		int matched = this.bomState;
		this.bomState = BOM_DONE;
		if (matched > 0) {
			scan(BOM, 0, matched, handler);
		}
	}

	private void scan(byte[] bytes, int start, int end, SseEventHandler handler) {
		int index = start;
		if (this.pendingCr && index < end) {
			this.pendingCr = false;
			if (bytes[index] == LF) {
				index++;
			}
		}
		while (index < end) {
			int lineEnd = index;
			while (lineEnd < end) {
				byte b = bytes[lineEnd];
				if (b == LF || b == CR) {
					break;
				}
				lineEnd++;
			}
			if (this.dataLineOpen) {
				appendDataValue(bytes, index, lineEnd - index);
				if (lineEnd == end) {
					return;
				}
				this.dataLineOpen = false;
				this.dataSpacePending = false;
			}
			else if (lineEnd == end) {
				appendLine(bytes, index, end - index);
				openDataLine();
				return;
			}
			else if (this.lineLength == 0 && !this.lineIsComment) {
				processLine(bytes, index, lineEnd - index, handler);
			}
			else if (this.lineIsComment) {
				this.lineIsComment = false;
			}
			else {
				appendLine(bytes, index, lineEnd - index);
				int length = this.lineLength;
				this.lineLength = 0;
				processLine(this.line, 0, length, handler);
			}
			if (bytes[lineEnd] == CR) {
				if (lineEnd + 1 < end) {
					if (bytes[lineEnd + 1] == LF) {
						lineEnd++;
					}
				}
				else {
					this.pendingCr = true;
				}
			}
			index = lineEnd + 1;
		}
	}

	private void appendLine(byte[] bytes, int offset, int length) {
		if (length == 0 || this.lineIsComment) {
			return;
		}
		if (this.lineLength == 0 && bytes[offset] == COLON) {
			this.lineIsComment = true;
			return;
		}
		int needed = this.lineLength + length;
		if (needed < 0 || needed > this.maxLineSize) {
			throw new SseEventTooLargeException(this.maxEventSize, (long) this.lineLength + length);
		}
		if (needed > this.line.length) {
			this.line = SseBytes.grow(this.line, Math.max(needed, Math.min(INITIAL_CAPACITY, this.maxLineSize)),
					this.maxLineSize);
		}
		System.arraycopy(bytes, offset, this.line, this.lineLength, length);
		this.lineLength = needed;
	}

	/**
	 * Once an incomplete line is known to be a {@code data} line, moves what arrived of
	 * its value into the event data and reads the rest of the line straight there: a
	 * large event is then copied once, not first into the line buffer and again into the
	 * data buffer.
	 */
	private void openDataLine() {
		int name = FIELD_DATA.length;
		if (this.lineIsComment || this.lineLength <= name || !SseBytes.regionEquals(this.line, 0, name, FIELD_DATA)
				|| this.line[name] != COLON) {
			return;
		}
		int valueOffset = name + 1;
		int length = this.lineLength;
		this.lineLength = 0;
		this.dataLineOpen = true;
		this.dataSpacePending = true;
		appendData(this.line, valueOffset, 0);
		appendDataValue(this.line, valueOffset, length - valueOffset);
	}

	/** Appends a further piece of the value of the open {@code data} line. */
	private void appendDataValue(byte[] bytes, int offset, int length) {
		boolean skipSpace = this.dataSpacePending && length > 0 && bytes[offset] == SPACE;
		this.dataSpacePending &= (length == 0);
		appendDataBytes(bytes, skipSpace ? offset + 1 : offset, skipSpace ? length - 1 : length);
	}

	private void processLine(byte[] bytes, int offset, int length, SseEventHandler handler) {
		if (length == 0) {
			dispatch(handler);
			return;
		}
		if (bytes[offset] == COLON) {
			return;
		}
		int end = offset + length;
		int colon = offset;
		while (colon < end && bytes[colon] != COLON) {
			colon++;
		}
		int nameLength = colon - offset;
		int valueOffset = end;
		if (colon < end) {
			valueOffset = colon + 1;
			if (valueOffset < end && bytes[valueOffset] == SPACE) {
				valueOffset++;
			}
		}
		int valueLength = end - valueOffset;
		if (SseBytes.regionEquals(bytes, offset, nameLength, FIELD_DATA)) {
			appendData(bytes, valueOffset, valueLength);
		}
		else if (SseBytes.regionEquals(bytes, offset, nameLength, FIELD_EVENT)) {
			this.eventType = eventType(bytes, valueOffset, valueLength);
		}
		else if (SseBytes.regionEquals(bytes, offset, nameLength, FIELD_ID)) {
			setLastEventId(bytes, valueOffset, valueLength);
		}
		else if (SseBytes.regionEquals(bytes, offset, nameLength, FIELD_RETRY)) {
			setRetry(bytes, valueOffset, valueLength);
		}
	}

	private void appendData(byte[] bytes, int offset, int length) {
		if (this.dataSeen) {
			appendDataBytes(NEWLINE, 0, 1);
		}
		this.dataSeen = true;
		appendDataBytes(bytes, offset, length);
	}

	private void appendDataBytes(byte[] bytes, int offset, int length) {
		long needed = (long) this.dataLength + length;
		if (needed > this.maxEventSize) {
			throw new SseEventTooLargeException(this.maxEventSize, needed);
		}
		if (needed > this.data.length) {
			this.data = SseBytes.grow(this.data, Math.max((int) needed, Math.min(INITIAL_CAPACITY, this.maxEventSize)),
					this.maxEventSize);
		}
		System.arraycopy(bytes, offset, this.data, this.dataLength, length);
		this.dataLength = (int) needed;
	}

	private void dispatch(SseEventHandler handler) {
		String type = this.eventType;
		this.eventType = null;
		if (!this.dataSeen) {
			return;
		}
		int length = this.dataLength;
		this.dataLength = 0;
		this.dataSeen = false;
		if (length >= LargeValueReader.LARGE_DOCUMENT) {
			AtomicReference<byte[]> handed = new AtomicReference<>(this.data);
			this.data = EMPTY;
			handler.onLargeEvent(type, handed, length);
			return;
		}
		handler.onEvent(type, this.data, 0, length);
		this.data = SseBytes.retained(this.data, EMPTY);
	}

	private @Nullable String eventType(byte[] bytes, int offset, int length) {
		if (length == 0) {
			return null;
		}
		if (SseBytes.regionEquals(bytes, offset, length, TYPE_MESSAGE_BYTES)) {
			return TYPE_MESSAGE;
		}
		if (SseBytes.regionEquals(bytes, offset, length, TYPE_ERROR_BYTES)) {
			return TYPE_ERROR;
		}
		if (this.cachedType != null && SseBytes.regionEquals(bytes, offset, length, this.cachedTypeBytes)) {
			return this.cachedType;
		}
		this.cachedTypeBytes = Arrays.copyOfRange(bytes, offset, offset + length);
		this.cachedType = new String(this.cachedTypeBytes, StandardCharsets.UTF_8);
		return this.cachedType;
	}

	private void setLastEventId(byte[] bytes, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			if (bytes[i] == 0) {
				return;
			}
		}
		if (this.lastEventId != null && SseBytes.regionEquals(bytes, offset, length, this.lastEventIdBytes)) {
			return;
		}
		this.lastEventIdBytes = Arrays.copyOfRange(bytes, offset, offset + length);
		this.lastEventId = new String(this.lastEventIdBytes, StandardCharsets.UTF_8);
	}

	private void setRetry(byte[] bytes, int offset, int length) {
		if (length == 0 || length > 18) {
			return;
		}
		long value = 0;
		for (int i = offset; i < offset + length; i++) {
			int digit = bytes[i] - '0';
			if (digit < 0 || digit > 9) {
				return;
			}
			value = value * 10 + digit;
		}
		this.retryMillis = value;
	}

}
