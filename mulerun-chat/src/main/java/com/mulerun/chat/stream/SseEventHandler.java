package com.mulerun.chat.stream;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Receives decoded events synchronously; the data bytes are only valid during the call.
 *
 * <p>
 * The decoder reuses the array it passes in, so implementations must copy or fully
 * consume {@code data[offset, offset + length)} before returning.
 *
 * @see SseFrameDecoder
 */
@FunctionalInterface
public interface SseEventHandler {

	/**
	 * Handles one dispatched event.
	 * @param eventType the value of the {@code event} field, or {@code null} when the
	 * event had none
	 * @param data the array holding the UTF-8 data of the event (data lines joined with
	 * LF)
	 * @param offset the index of the first data byte
	 * @param length the number of data bytes, {@code 0} for an explicit empty
	 * {@code data:} line
	 */
	void onEvent(@Nullable String eventType, byte[] data, int offset, int length);

	/**
	 * Handles one event of {@link LargeValueReader#LARGE_DOCUMENT} bytes or more, whose
	 * array the decoder hands over: it no longer references it, so a handler that
	 * replaces or clears the holder's array lets it be collected while it still works
	 * (issue 12). By default, {@link #onEvent} with the array.
	 * @param eventType the value of the {@code event} field, or {@code null}
	 * @param data the holder of the array whose first {@code length} bytes are the data
	 * @param length the number of data bytes
	 */
	default void onLargeEvent(@Nullable String eventType, AtomicReference<byte[]> data, int length) {
		onEvent(eventType, Objects.requireNonNull(data.get()), 0, length);
	}

}
