package com.mulerun.chat.stream;

import com.mulerun.chat.model.ChatCompletionChunk;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;

/**
 * Parses the chunks of one stream with a reused parser: Jackson's non-blocking parser is
 * fed each event's bytes where the frame decoder left them, and the chunk deserializer
 * reads from it with one deserialization context. Creating a parser, its context, its
 * symbol table and its buffers for every chunk cost more than reading the chunk itself
 * (about 900 of 1,250 bytes allocated per chunk). The parser belongs to the thread, not
 * to the stream: every event is fed whole and read to its end, so between two events the
 * parser is back at the root and the streams of one event loop can take turns with it; an
 * open stream then holds no parser (one per stream held about 3.6 KB per open stream). A
 * parser is replaced after {@link #MAX_READS_PER_PARSER} events, so that the names its
 * symbol table learns stay bounded.
 *
 * <p>
 * The result is always what {@link ObjectReader#readValue(byte[], int, int)} returns for
 * the same bytes, or the exception it throws: anything this path does not read to the end
 * cleanly (a value that is not an object, an incomplete or invalid document, trailing
 * content, an event larger than {@link #MAX_REUSED_EVENT}) is read again by the reader,
 * and the parser is dropped so that the next event starts afresh. One instance per
 * stream; not thread-safe (the parser it uses is the calling thread's).
 */
final class ChunkParser {

	/**
	 * Larger events are read by the reader alone: a parser kept for the stream would hold
	 * on to the text buffers a large event grew, and the parser's construction is small
	 * next to such an event anyway.
	 */
	static final int MAX_REUSED_EVENT = 16 * 1024;

	/** How many events one parser reads before the thread gets a new one. */
	static final int MAX_READS_PER_PARSER = 10_000;

	private final Source source;

	private int parsersCreated;

	ChunkParser(ObjectReader reader) {
		this(new Source(reader));
	}

	ChunkParser(Source source) {
		this.source = source;
	}

	/**
	 * Reads one event's data as a chunk.
	 * @param data the array holding the data
	 * @param offset the index of its first byte
	 * @param length its length
	 * @return the chunk, or {@code null} for a JSON {@code null}
	 * @throws tools.jackson.core.JacksonException as the reader throws it
	 */
	@Nullable ChatCompletionChunk read(byte[] data, int offset, int length) {
		if (length <= MAX_REUSED_EVENT) {
			ThreadLocal<Session> sessions = this.source.sessions;
			@Nullable Session current = sessions.get();
			if (current == null || current.reads >= MAX_READS_PER_PARSER) {
				current = new Session(this.source);
				sessions.set(current);
				this.parsersCreated++;
			}
			ChatCompletionChunk chunk = current.read(data, offset, length);
			if (chunk != null) {
				return chunk;
			}
			// not read cleanly: the parser's state is unknown, the next event gets a
			// new one
			sessions.remove();
		}
		return this.source.reader.readValue(data, offset, length);
	}

	/**
	 * Returns how many parsers this stream has created so far (on the threads it was read
	 * on, when they had none).
	 * @return the number of parsers
	 */
	int parsersCreated() {
		return this.parsersCreated;
	}

	/**
	 * What the parsers of every stream read with: the reader, the chunk deserializer,
	 * looked up once (a look-up per parser would introspect the type again and keep the
	 * result in its context), and each thread's parser. Creating it also teaches the
	 * mapper's shared symbol table the property names of chunks, which a reused parser,
	 * never closed, would not: without them, every parser copies the table to add them.
	 * Thread-safe.
	 */
	static final class Source {

		private static final byte[] TYPICAL_CHUNK = """
				{"id":"","object":"chat.completion.chunk","created":0,"model":"","service_tier":"default",
				"system_fingerprint":"","choices":[{"index":0,"delta":{"role":"assistant","content":"",
				"refusal":null,"reasoning_content":null,"reasoning":null,"tool_calls":[{"index":0,"id":"",
				"type":"function","function":{"name":"","arguments":""}}],"function_call":null,"audio":null},
				"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":0,"completion_tokens":0,
				"total_tokens":0,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
				"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,
				"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":""}"""
			.getBytes(StandardCharsets.UTF_8);

		private final ObjectReader reader;

		private final ValueDeserializer<Object> deserializer;

		/** The parser of each thread that reads chunks, while it reads cleanly. */
		private final ThreadLocal<Session> sessions = new ThreadLocal<>();

		Source(ObjectReader reader) {
			this.reader = reader;
			try (JsonParser parser = reader.createNonBlockingByteArrayParser()) {
				DeserializationContext context = (DeserializationContext) parser.objectReadContext();
				this.deserializer = context.findRootValueDeserializer(context.constructType(ChatCompletionChunk.class));
			}
			try {
				// a blocking read closes its parser, which merges the names it saw into
				// the mapper's table
				reader.readValue(TYPICAL_CHUNK);
			}
			catch (JacksonException ex) {
				// a mapper configured to reject some of it: only an optimisation is lost
			}
		}

		/**
		 * Returns the reader.
		 * @return the reader
		 */
		ObjectReader reader() {
			return this.reader;
		}

	}

	/**
	 * A parser and its context, as long as every event it was fed was read cleanly.
	 */
	private static final class Session {

		private final JsonParser parser;

		private final ByteArrayFeeder feeder;

		private final CompleteInput input;

		private final DeserializationContext context;

		private final ValueDeserializer<Object> deserializer;

		private final Rest rest = new Rest();

		private int reads;

		Session(Source source) {
			this.parser = source.reader.createNonBlockingByteArrayParser();
			this.feeder = (ByteArrayFeeder) this.parser.nonBlockingInputFeeder();
			this.input = new CompleteInput(this.parser);
			// the reader created the context for this parser
			this.context = (DeserializationContext) this.parser.objectReadContext();
			this.deserializer = source.deserializer;
		}

		/**
		 * Reads a chunk, or returns {@code null} when the event was not read cleanly
		 * (after which this session must not be used).
		 */
		@Nullable ChatCompletionChunk read(byte[] data, int offset, int length) {
			this.reads++;
			try {
				this.feeder.feedInput(data, offset, offset + length);
				if (this.input.nextToken() != JsonToken.START_OBJECT) {
					return null;
				}
				Object value = this.deserializer.deserialize(this.input, this.context);
				// the whole object was read ...
				if (!(value instanceof ChatCompletionChunk chunk) || !this.parser.hasToken(JsonToken.END_OBJECT)
						|| !this.parser.streamReadContext().inRoot()) {
					return null;
				}
				// ... and nothing but whitespace follows it, which the parser then skips
				// (it takes new input only once it used up the last)
				this.parser.releaseBuffered(this.rest);
				if (!this.rest.onlyWhitespace() || this.parser.nextToken() != JsonToken.NOT_AVAILABLE) {
					return null;
				}
				return chunk;
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

	/**
	 * Receives what follows the object in an event ({@link JsonParser#releaseBuffered}
	 * hands it over without consuming it) and tells whether it is only JSON whitespace.
	 */
	private static final class Rest extends OutputStream {

		private boolean onlyWhitespace = true;

		@Override
		public void write(int b) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				this.onlyWhitespace = false;
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			for (int i = offset; i < offset + length; i++) {
				write(bytes[i]);
			}
		}

		/**
		 * Returns whether everything written since the last call was whitespace, and
		 * starts over.
		 */
		boolean onlyWhitespace() {
			boolean result = this.onlyWhitespace;
			this.onlyWhitespace = true;
			return result;
		}

	}

	/**
	 * The non-blocking parser as the deserializers see it: running out of input in the
	 * middle of a value is an error, as the end of the document is for a blocking parser,
	 * instead of the {@code NOT_AVAILABLE} token that code written for blocking parsers
	 * does not expect.
	 */
	private static final class CompleteInput extends JsonParserDelegate {

		CompleteInput(JsonParser parser) {
			super(parser);
		}

		@Override
		public @Nullable JsonToken nextToken() {
			return complete(this.delegate.nextToken());
		}

		@Override
		public @Nullable JsonToken nextValue() {
			return complete(this.delegate.nextValue());
		}

		@Override
		public @Nullable String nextName() {
			String name = this.delegate.nextName();
			if (name == null) {
				complete(this.delegate.currentToken());
			}
			return name;
		}

		@Override
		public boolean nextName(SerializableString name) {
			boolean matched = this.delegate.nextName(name);
			complete(this.delegate.currentToken());
			return matched;
		}

		@Override
		public int nextNameMatch(PropertyNameMatcher matcher) {
			int match = this.delegate.nextNameMatch(matcher);
			complete(this.delegate.currentToken());
			return match;
		}

		@Override
		public JsonParser skipChildren() {
			if (!this.delegate.hasToken(JsonToken.START_OBJECT) && !this.delegate.hasToken(JsonToken.START_ARRAY)) {
				return this;
			}
			int open = 1;
			while (open > 0) {
				JsonToken token = nextToken();
				if (token == null) {
					return this;
				}
				if (token.isStructStart()) {
					open++;
				}
				else if (token.isStructEnd()) {
					open--;
				}
			}
			return this;
		}

		private @Nullable JsonToken complete(@Nullable JsonToken token) {
			if (token == JsonToken.NOT_AVAILABLE) {
				throw new StreamReadException(this.delegate, "incomplete event data");
			}
			return token;
		}

	}

}
