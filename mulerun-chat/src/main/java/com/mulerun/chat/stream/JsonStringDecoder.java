package com.mulerun.chat.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decodes the content of one JSON string straight from the UTF-8 bytes of a document, for
 * very long values: what Jackson would return, with far less memory.
 *
 * <p>
 * Jackson decodes a string into segments of a {@code char[]} buffer (two bytes per
 * character), joins them into a {@code StringBuilder} and copies that into the
 * {@code String}: three copies of two bytes per character besides the document. This
 * decoder first checks the value and counts its characters without writing anything. A
 * value whose characters all fit in Latin-1 (ASCII, accents, most escapes) is then
 * decoded in place, one byte per character, into the document's own bytes (a decoded
 * character never takes more bytes than its JSON form) and copied once into the
 * {@code String}; the value's bytes are then overwritten with {@code x}, which the parser
 * skips as it skips any string. Any other value is decoded in pieces of {@value #PIECE}
 * characters that are joined into one {@code String} with a single allocation of its
 * final size.
 *
 * <p>
 * Only strictly well-formed input is decoded here: an unescaped control character, an
 * unknown escape, or UTF-8 that is not strictly valid (overlong, a surrogate, a bad
 * continuation byte) makes {@link #decode} return {@code null}, and the caller leaves the
 * value to Jackson, which applies its own rules and features to it.
 */
final class JsonStringDecoder {

	/** The most characters per piece of a value beyond Latin-1. */
	static final int PIECE = 8192;

	/** The shortest run of Latin-1 characters that becomes a piece of its own. */
	static final int MIN_RUN = 64;

	private JsonStringDecoder() {
	}

	/**
	 * Finds the end of the string whose opening quote is at {@code quote}.
	 * @param bytes the document
	 * @param quote the index of the opening quote
	 * @param end the end of the document
	 * @return the index of the closing quote, or {@code -1} when the string is not closed
	 */
	static int closingQuote(byte[] bytes, int quote, int end) {
		int i = quote + 1;
		while (i < end) {
			byte b = bytes[i];
			if (b == '"') {
				return i;
			}
			i += (b == '\\') ? 2 : 1;
		}
		return -1;
	}

	/**
	 * Decodes the content of a string, between its quotes.
	 * @param bytes the document; the value's bytes are overwritten when it is decoded in
	 * place (see the class description)
	 * @param from the index after the opening quote
	 * @param to the index of the closing quote
	 * @param maxLength the longest string allowed, in characters
	 * @return the string, or {@code null} when it is left to Jackson
	 */
	static @Nullable String decode(byte[] bytes, int from, int to, int maxLength) {
		Object value = decodeUnjoined(bytes, from, to, maxLength);
		return (value != null) ? join(value) : null;
	}

	/**
	 * Decodes the content of a string as {@link #decode} does, but leaves a value beyond
	 * Latin-1 in its pieces: {@link #join} makes the string, so that the document's bytes
	 * can be dropped before the string is allocated.
	 * @param bytes the document
	 * @param from the index after the opening quote
	 * @param to the index of the closing quote
	 * @param maxLength the longest string allowed, in characters
	 * @return the string or its pieces, or {@code null} when it is left to Jackson
	 */
	static @Nullable Object decodeUnjoined(byte[] bytes, int from, int to, int maxLength) {
		long measured = measure(bytes, from, to);
		if (measured < 0) {
			return null;
		}
		int length = (int) measured;
		if (length > maxLength) {
			return null;
		}
		boolean latin1 = (measured & LATIN1_FLAG) == 0;
		if (latin1) {
			int written = decode(bytes, from, to, new Latin1Sink(bytes, from));
			String value = new String(bytes, from, written, StandardCharsets.ISO_8859_1);
			Arrays.fill(bytes, from, to, (byte) 'x');
			return value;
		}
		PieceSink pieces = new PieceSink(length);
		decode(bytes, from, to, pieces);
		return pieces;
	}

	/**
	 * Returns the string of a value from {@link #decodeUnjoined}.
	 * @param value the string or its pieces
	 * @return the string
	 */
	static String join(Object value) {
		return (value instanceof PieceSink pieces) ? pieces.join() : (String) value;
	}

	/** Set in {@link #measure}'s result when a character is beyond Latin-1. */
	private static final long LATIN1_FLAG = 1L << 40;

	/**
	 * Checks a value and counts its characters.
	 * @return the number of characters, with {@link #LATIN1_FLAG} set when one is beyond
	 * Latin-1, or {@code -1} when the value is left to Jackson
	 */
	private static long measure(byte[] bytes, int from, int to) {
		long chars = 0;
		long wide = 0;
		int i = from;
		while (i < to) {
			int b = bytes[i];
			if (b >= 0x20 && b != '\\') {
				chars++;
				i++;
				continue;
			}
			if (b >= 0 && b < 0x20) {
				return -1;
			}
			if (b == '\\') {
				if (i + 1 >= to) {
					return -1;
				}
				int escaped = bytes[i + 1];
				if (escaped == 'u') {
					int unit = hex(bytes, i + 2, to);
					if (unit < 0) {
						return -1;
					}
					if (unit > 0xFF) {
						wide = LATIN1_FLAG;
					}
					i += 6;
				}
				else if (simpleEscape(escaped) < 0) {
					return -1;
				}
				else {
					i += 2;
				}
				chars++;
				continue;
			}
			int codePoint = codePoint(bytes, i, to);
			if (codePoint < 0) {
				return -1;
			}
			if (codePoint > 0xFF) {
				wide = LATIN1_FLAG;
			}
			chars += (codePoint >= 0x10000) ? 2 : 1;
			i += utf8Length(b);
		}
		return chars | wide;
	}

	/** Decodes a checked value into a sink; returns the number of characters. */
	private static int decode(byte[] bytes, int from, int to, Sink sink) {
		int i = from;
		while (i < to) {
			int b = bytes[i];
			if (b >= 0x20 && b != '\\') {
				sink.put((char) b);
				i++;
			}
			else if (b == '\\') {
				int escaped = bytes[i + 1];
				if (escaped == 'u') {
					sink.put((char) hex(bytes, i + 2, to));
					i += 6;
				}
				else {
					sink.put((char) simpleEscape(escaped));
					i += 2;
				}
			}
			else {
				int codePoint = codePoint(bytes, i, to);
				if (codePoint >= 0x10000) {
					sink.put(Character.highSurrogate(codePoint));
					sink.put(Character.lowSurrogate(codePoint));
				}
				else {
					sink.put((char) codePoint);
				}
				i += utf8Length(b);
			}
		}
		return sink.count();
	}

	private static int simpleEscape(int escaped) {
		return switch (escaped) {
			case '"' -> '"';
			case '\\' -> '\\';
			case '/' -> '/';
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			default -> -1;
		};
	}

	private static int hex(byte[] bytes, int at, int to) {
		if (at + 4 > to) {
			return -1;
		}
		int value = 0;
		for (int i = at; i < at + 4; i++) {
			int digit = Character.digit(bytes[i], 16);
			if (digit < 0) {
				return -1;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	private static int utf8Length(int lead) {
		int b = lead & 0xFF;
		return (b < 0xE0) ? 2 : (b < 0xF0) ? 3 : 4;
	}

	/**
	 * Decodes the multi-byte UTF-8 sequence at {@code i}; {@code -1} unless it is
	 * strictly valid (RFC 3629: no overlong form, no surrogate, at most U+10FFFF).
	 */
	private static int codePoint(byte[] bytes, int i, int to) {
		int b = bytes[i] & 0xFF;
		if (b < 0xC2 || b > 0xF4) {
			return -1;
		}
		int length = utf8Length(b);
		if (i + length > to) {
			return -1;
		}
		int value = b & ((length == 2) ? 0x1F : (length == 3) ? 0x0F : 0x07);
		for (int k = 1; k < length; k++) {
			int next = bytes[i + k] & 0xFF;
			if ((next & 0xC0) != 0x80) {
				return -1;
			}
			value = (value << 6) | (next & 0x3F);
		}
		if ((length == 3 && (value < 0x800 || (value >= 0xD800 && value <= 0xDFFF)))
				|| (length == 4 && (value < 0x10000 || value > 0x10FFFF))) {
			return -1;
		}
		return value;
	}

	private interface Sink {

		void put(char c);

		int count();

	}

	/** Writes Latin-1 characters into the document itself, behind the reading index. */
	private static final class Latin1Sink implements Sink {

		private final byte[] bytes;

		private final int start;

		private int position;

		Latin1Sink(byte[] bytes, int start) {
			this.bytes = bytes;
			this.start = start;
			this.position = start;
		}

		@Override
		public void put(char c) {
			this.bytes[this.position++] = (byte) c;
		}

		@Override
		public int count() {
			return this.position - this.start;
		}

	}

	/**
	 * Collects pieces of at most {@link #PIECE} characters and joins them once. A run of
	 * at least {@link #MIN_RUN} Latin-1 characters between wider ones becomes a piece of
	 * its own, which Java holds in one byte per character: the pieces then take little
	 * more than one byte per character of a mostly Latin-1 text.
	 */
	private static final class PieceSink implements Sink {

		private final char[] buffer = new char[PIECE];

		private final List<String> pieces;

		private int filled;

		/** The index in the buffer of the last character beyond Latin-1, or -1. */
		private int lastWide = -1;

		private int count;

		private @Nullable String lastSingle;

		PieceSink(int length) {
			this.pieces = new ArrayList<>(length / PIECE + 1);
		}

		@Override
		public void put(char c) {
			if (this.filled == PIECE) {
				flush(this.filled);
			}
			if (c > 0xFF) {
				if (this.lastWide >= 0 && this.filled - this.lastWide - 1 >= MIN_RUN) {
					flush(this.lastWide + 1);
				}
				if (this.lastWide < 0 && this.filled >= MIN_RUN) {
					flush(this.filled);
				}
				this.lastWide = this.filled;
			}
			this.buffer[this.filled++] = c;
			this.count++;
		}

		/** Makes a piece of the first characters of the buffer and keeps the rest. */
		private void flush(int length) {
			this.pieces.add((length == 1) ? single(this.buffer[0]) : new String(this.buffer, 0, length));
			System.arraycopy(this.buffer, length, this.buffer, 0, this.filled - length);
			this.filled -= length;
			this.lastWide = (this.lastWide >= length) ? this.lastWide - length : -1;
		}

		/**
		 * Returns a one-character piece, the same string as the last one for the same
		 * character (a lone wide character between Latin-1 runs, such as a dash, is
		 * common, and each string of its own would take 48 bytes).
		 */
		private String single(char c) {
			String last = this.lastSingle;
			if (last == null || last.charAt(0) != c) {
				last = String.valueOf(c);
				this.lastSingle = last;
			}
			return last;
		}

		@Override
		public int count() {
			return this.count;
		}

		String join() {
			this.pieces.add(new String(this.buffer, 0, this.filled));
			return String.join("", this.pieces);
		}

	}

}
