package com.mulerun.chat.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-array helpers of the event-stream decoder: growing a buffer up to a limit,
 * dropping a large buffer, comparing a region with a field name, and the ASCII bytes of a
 * name.
 */
final class SseBytes {

	private SseBytes() {
	}

	static byte[] grow(byte[] array, int needed, int limit) {
		int capacity = (int) Math.max(needed, Math.min((long) array.length * 2, limit));
		return Arrays.copyOf(array, capacity);
	}

	/**
	 * Returns an event buffer to keep once its event was handled: the buffer itself, or
	 * the empty one when it is over 1 MB (a large event's buffer is not kept for the rest
	 * of the stream).
	 */
	static byte[] retained(byte[] buffer, byte[] empty) {
		return (buffer.length > 1024 * 1024) ? empty : buffer;
	}

	static boolean regionEquals(byte[] bytes, int offset, int length, byte[] expected) {
		if (length != expected.length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (bytes[offset + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}

	static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}
