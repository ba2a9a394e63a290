package com.mulerun.chat.stream;

import java.io.IOException;
import java.io.Writer;

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
		try (JsonParser parser = new Parser(reader.createParser(bytes, offset, length), bytes, offset, length)) {
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
	 * Hands out a long string value decoded by {@link JsonStringDecoder}, and everything
	 * else from Jackson's parser.
	 */
	private static final class Parser extends JsonParserDelegate {

		private final byte[] bytes;

		private final int offset;

		private final int end;

		/** The index of the opening quote of the value in {@link #decoded}, or -1. */
		private long decodedAt = -1;

		private @Nullable String decoded;

		Parser(JsonParser parser, byte[] bytes, int offset, int length) {
			super(parser);
			this.bytes = bytes;
			this.offset = offset;
			this.end = offset + length;
		}

		/**
		 * Returns the current string value when it is long and the decoder decoded it,
		 * else {@code null}.
		 */
		private @Nullable String large() {
			if (!hasToken(JsonToken.VALUE_STRING)) {
				return null;
			}
			long quote = this.offset + delegate().currentTokenLocation().getByteOffset();
			if (quote == this.decodedAt) {
				return this.decoded;
			}
			if (quote < this.offset || quote >= this.end || this.bytes[(int) quote] != '"') {
				return null;
			}
			int start = (int) quote;
			int closing = JsonStringDecoder.closingQuote(this.bytes, start, this.end);
			if (closing - start - 1 < LARGE_STRING) {
				return null;
			}
			String value = JsonStringDecoder.decode(this.bytes, start + 1, closing,
					streamReadConstraints().getMaxStringLength());
			if (value != null) {
				this.decodedAt = quote;
				this.decoded = value;
			}
			return value;
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
