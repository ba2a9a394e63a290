package com.mulerun.chat.stream;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a large JSON document (a stream event or a completion body of a megabyte or more)
 * with far less memory than Jackson alone: every long string value is decoded by
 * {@link JsonStringDecoder} straight from the document's bytes instead of through
 * Jackson's text buffer. Short values, names, numbers and structure are Jackson's, and so
 * is every value the decoder leaves to it, so the result equals
 * {@code reader.readValue(bytes, offset, length)}.
 *
 * <p>
 * The document's bytes are modified: a long value decoded in place is overwritten (see
 * {@link JsonStringDecoder}). Thread-safe; the work of one call stays in that call.
 */
public final class LargeValueReader {

	/** Documents from this size on, in bytes, are read by {@link #read}. */
	public static final int LARGE_DOCUMENT = 1024 * 1024;

	/** String values from this many bytes of JSON on are decoded by the decoder. */
	static final int LARGE_STRING = 64 * 1024;

	private LargeValueReader() {
	}

	/**
	 * Reads a value; the caller has checked that the document is at least
	 * {@link #LARGE_DOCUMENT} bytes long.
	 * @param <T> the type of the value
	 * @param reader the reader of the value's type
	 * @param bytes the document, modified by the read
	 * @param offset the index of its first byte
	 * @param length its length
	 * @return the value, or {@code null} for a JSON {@code null}
	 * @throws JacksonException when the document is not valid for the type
	 */
	public static <T> @Nullable T read(ObjectReader reader, byte[] bytes, int offset, int length) {
		return read(reader, new AtomicReference<>(bytes), offset, length);
	}

	/**
	 * Reads a value from a document the caller hands over: the long values are decoded
	 * first, then the document is replaced in the holder by its copy without them (each
	 * long value emptied, in an array of exactly its length), so that the document is no
	 * longer reachable when the values' strings are allocated (issue 12: the peak stays
	 * within 3x the document). The holder keeps that copy, or the document when the read
	 * failed before the copy, to report a failure with.
	 * @param <T> the type of the value
	 * @param reader the reader of the value's type
	 * @param document the holder of the document, which nothing else must reference
	 * @param offset the index of its first byte
	 * @param length its length
	 * @return the value, or {@code null} for a JSON {@code null}
	 * @throws JacksonException when the document is not valid for the type
	 */
	public static <T> @Nullable T read(ObjectReader reader, AtomicReference<byte[]> document, int offset, int length) {
		Extracted extracted = extract(reader, document, offset, length);
		byte[] rest = extracted.rest;
		document.set(rest);
		Object[] values = extracted.values;
		for (int i = 0; i < values.length; i++) {
			values[i] = JsonStringDecoder.join(values[i]);
		}
		try (JsonParser parser = new Parser(reader.createParser(rest), extracted.quotes, values)) {
			T value = reader.readValue(parser);
			if (reader.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)) {
				JsonToken trailing = parser.nextToken();
				if (trailing != null) {
					throw MismatchedInputException.from(parser, reader.getValueType(),
							"Trailing token (`" + trailing + "`) found after value");
				}
			}
			return value;
		}
	}

	/**
	 * Decodes the long string values of the document's first value and copies the
	 * document without them; the document is only referenced from this frame.
	 */
	private static Extracted extract(ObjectReader reader, AtomicReference<byte[]> document, int offset, int length) {
		byte[] bytes = Objects.requireNonNull(document.get());
		int end = offset + length;
		List<Integer> quotes = new ArrayList<>();
		List<Integer> closings = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		try (JsonParser parser = reader.createParser(bytes, offset, length)) {
			int maxLength = parser.streamReadConstraints().getMaxStringLength();
			int depth = 0;
			JsonToken token = parser.nextToken();
			while (token != null) {
				if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
					depth++;
				}
				else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
					depth--;
				}
				else if (token == JsonToken.VALUE_STRING) {
					long quote = offset + parser.currentTokenLocation().getByteOffset();
					if (quote >= offset && quote < end && bytes[(int) quote] == '"') {
						int closing = JsonStringDecoder.closingQuote(bytes, (int) quote, end);
						Object value = (closing - quote - 1 < LARGE_STRING) ? null
								: JsonStringDecoder.decodeUnjoined(bytes, (int) quote + 1, closing, maxLength);
						if (value != null) {
							quotes.add((int) quote);
							closings.add(closing);
							values.add(value);
						}
					}
				}
				if (depth <= 0) {
					break;
				}
				token = parser.nextToken();
			}
		}
		int removed = 0;
		for (int i = 0; i < quotes.size(); i++) {
			removed += closings.get(i) - quotes.get(i) - 1;
		}
		byte[] rest = new byte[length - removed];
		int[] restQuotes = new int[quotes.size()];
		int from = offset;
		int to = 0;
		for (int i = 0; i < quotes.size(); i++) {
			int quote = quotes.get(i);
			System.arraycopy(bytes, from, rest, to, quote + 1 - from);
			to += quote + 1 - from;
			restQuotes[i] = to - 1;
			from = closings.get(i);
		}
		System.arraycopy(bytes, from, rest, to, end - from);
		return new Extracted(rest, restQuotes, values.toArray());
	}

	/**
	 * A document without its long string values: the index of each emptied value's
	 * opening quote, and its string or pieces.
	 */
	private record Extracted(byte[] rest, int[] quotes, Object[] values) {
	}

	/**
	 * Hands out the long string values taken out of the document at their emptied places,
	 * and everything else from Jackson's parser.
	 */
	private static final class Parser extends JsonParserDelegate {

		private final int[] quotes;

		private final Object[] values;

		Parser(JsonParser parser, int[] quotes, Object[] values) {
			super(parser);
			this.quotes = quotes;
			this.values = values;
		}

		/**
		 * Returns the current string value when it is long and was taken out, else
		 * {@code null}.
		 */
		private @Nullable String large() {
			if (!hasToken(JsonToken.VALUE_STRING)) {
				return null;
			}
			long quote = delegate().currentTokenLocation().getByteOffset();
			if (quote < 0 || quote > Integer.MAX_VALUE) {
				return null;
			}
			int index = Arrays.binarySearch(this.quotes, (int) quote);
			return (index >= 0) ? (String) this.values[index] : null;
		}

		@Override
		public String getString() {
			String value = large();
			return (value != null) ? value : super.getString();
		}

		@Override
		public @Nullable String getValueAsString() {
			String value = large();
			return (value != null) ? value : super.getValueAsString();
		}

		@Override
		public @Nullable String getValueAsString(@Nullable String defaultValue) {
			String value = large();
			return (value != null) ? value : super.getValueAsString(defaultValue);
		}

		@Override
		public boolean hasStringCharacters() {
			return (large() == null) && super.hasStringCharacters();
		}

		@Override
		public char[] getStringCharacters() {
			String value = large();
			return (value != null) ? value.toCharArray() : super.getStringCharacters();
		}

		@Override
		public int getStringLength() {
			String value = large();
			return (value != null) ? value.length() : super.getStringLength();
		}

		@Override
		public int getStringOffset() {
			return (large() != null) ? 0 : super.getStringOffset();
		}

		@Override
		public int getString(Writer writer) {
			String value = large();
			if (value == null) {
				return super.getString(writer);
			}
			try {
				writer.write(value);
			}
			catch (IOException ex) {
				throw JacksonIOException.construct(ex);
			}
			return value.length();
		}

	}

}
