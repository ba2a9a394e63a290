package com.mulerun.chat.stream;

import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ChunkParser}: every event reads as
 * {@link ObjectReader#readValue(byte[], int, int)} reads it alone, whatever came before.
 */
class ChunkParserTests {

	private final ObjectReader reader = ChatJson.mapper().readerFor(ChatCompletionChunk.class);

	private final ChunkParser parser = new ChunkParser(this.reader);

	@Test
	void readsEveryChunkOfAStreamAsTheReaderDoes() {
		for (int i = 0; i < 50; i++) {
			assertSameAsReader("""
					{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4.1",
					 "system_fingerprint":"fp_1","service_tier":"default",
					 "choices":[{"index":0,"delta":{"content":"token %d \\"é\\" 😀"},"logprobs":null,
					 "finish_reason":null}],"usage":null,"obfuscation":"x%d"}""".formatted(i, i));
		}
		assertSameAsReader("""
				{"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5,
				 "total_tokens":8,"prompt_tokens_details":{"cached_tokens":0}}}""");
	}

	@Test
	void oneParserReadsEveryChunkUntilAnEventFails() {
		for (int i = 0; i < 10; i++) {
			read("{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t\"}}]}");
		}
		assertThat(this.parser.parsersCreated()).isEqualTo(1);
		assertFailsAsReader("{\"id\":\"a\"");
		read("{\"id\":\"b\"}");
		read("{\"id\":\"c\"}");
		assertThat(this.parser.parsersCreated()).isEqualTo(2);
		assertThat(read("null")).isNull();
		read("{\"id\":\"d\"}");
		assertThat(this.parser.parsersCreated()).isEqualTo(3);
	}

	@Test
	void theStreamsOfOneThreadTakeTurnsWithItsParser() {
		ChunkParser.Source source = new ChunkParser.Source(this.reader);
		ChunkParser first = new ChunkParser(source);
		ChunkParser second = new ChunkParser(source);
		for (int i = 0; i < 20; i++) {
			ChatCompletionChunk a = read(first, "{\"id\":\"a%d\",\"model\":\"m1\"}".formatted(i));
			ChatCompletionChunk b = read(second, "{\"id\":\"b%d\",\"model\":\"m2\"}".formatted(i));
			assertThat(a).isNotNull();
			assertThat(b).isNotNull();
			assertThat(a.id()).isEqualTo("a" + i);
			assertThat(a.model()).isEqualTo("m1");
			assertThat(b.id()).isEqualTo("b" + i);
			assertThat(b.model()).isEqualTo("m2");
		}
		// one parser for both streams on this thread
		assertThat(first.parsersCreated() + second.parsersCreated()).isEqualTo(1);
	}

	@Test
	void anotherThreadReadsWithAParserOfItsOwn() throws Exception {
		ChunkParser.Source source = new ChunkParser.Source(this.reader);
		ChunkParser here = new ChunkParser(source);
		byte[] chunk = bytes("{\"id\":\"a\"}");
		here.read(chunk, 0, chunk.length);
		ChunkParser there = new ChunkParser(source);
		Thread thread = new Thread(() -> there.read(chunk, 0, chunk.length));
		thread.start();
		thread.join();
		here.read(chunk, 0, chunk.length);
		assertThat(here.parsersCreated()).isEqualTo(1);
		assertThat(there.parsersCreated()).isEqualTo(1);
	}

	@Test
	void aParserIsReplacedAfterItsShareOfEvents() {
		byte[] chunk = bytes("{\"id\":\"a\"}");
		for (int i = 0; i < ChunkParser.MAX_READS_PER_PARSER; i++) {
			this.parser.read(chunk, 0, chunk.length);
		}
		assertThat(this.parser.parsersCreated()).isEqualTo(1);
		ChatCompletionChunk next = this.parser.read(chunk, 0, chunk.length);
		assertThat(next).isNotNull();
		assertThat(next.id()).isEqualTo("a");
		assertThat(this.parser.parsersCreated()).isEqualTo(2);
	}

	private static @Nullable ChatCompletionChunk read(ChunkParser parser, String json) {
		byte[] data = bytes(json);
		return parser.read(data, 0, data.length);
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void valuesThatChangeFromOneChunkToTheNextAreNeverTakenFromAnEarlierChunk() {
		for (int i = 0; i < 300; i++) {
			String id = "chatcmpl-" + i;
			String model = ((i % 2) == 0) ? "gpt-4.1" : "gpt-4.2";
			ChatCompletionChunk chunk = read(
					"{\"id\":\"%s\",\"model\":\"%s\",\"created\":%d,\"system_fingerprint\":\"fp_%d\"}".formatted(id,
							model, 1700000000L + i, i % 3));
			assertThat(chunk).isNotNull();
			assertThat(chunk.id()).isEqualTo(id);
			assertThat(chunk.model()).isEqualTo(model);
			assertThat(chunk.created()).isEqualTo(1700000000L + i);
			assertThat(chunk.systemFingerprint()).isEqualTo("fp_" + (i % 3));
		}
	}

	@Test
	void unknownPropertiesSurviveWithTheirJsonTypes() {
		ChatCompletionChunk chunk = read("""
				{"id":"a","obfuscation":"xyz","nested":{"list":[1,2.5,"three",null,true],"empty":{}},
				 "choices":[{"index":0,"delta":{"content":"hi","custom":[{"a":1}]},"extra_choice":7}]}""");
		assertThat(chunk).isNotNull();
		assertThat(chunk.extra()).containsEntry("obfuscation", "xyz")
			.containsEntry("nested",
					Map.of("list", java.util.Arrays.asList(1, 2.5, "three", null, true), "empty", Map.of()));
		assertThat(chunk.choices()).singleElement().satisfies((choice) -> {
			assertThat(choice.extra()).containsEntry("extra_choice", 7);
			assertThat(choice.delta().extra()).containsEntry("custom", List.of(Map.of("a", 1)));
		});
		assertSameAsReader("{\"id\":\"a\",\"obfuscation\":\"xyz\",\"z\":{\"deep\":[[[{}]]]}}");
	}

	@Test
	void anIncompleteEventFailsAsTheReaderFailsAndTheNextEventStillReads() {
		read("{\"id\":\"a\",\"choices\":[]}");
		assertFailsAsReader("{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab");
		assertFailsAsReader("{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab\"}}]");
		assertFailsAsReader("{\"id\":\"a\",\"x\":{\"y\":[1,2");
		assertFailsAsReader("{\"id\":");
		assertFailsAsReader("{");
		assertSameAsReader("{\"id\":\"b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}");
	}

	@Test
	void invalidJsonFailsAsTheReaderFailsAndTheNextEventStillReads() {
		assertFailsAsReader("{\"id\":\"a\",}");
		assertFailsAsReader("{\"id\" \"a\"}");
		assertFailsAsReader("{\"created\":\"soon\"}");
		assertFailsAsReader("{\"choices\":{\"index\":0}}");
		assertFailsAsReader("not json");
		assertSameAsReader("{\"id\":\"b\"}");
	}

	@Test
	void contentAfterTheObjectFailsAsTheReaderFails() {
		assertFailsAsReader("{\"id\":\"a\"} x");
		assertFailsAsReader("{\"id\":\"a\"}{\"id\":\"b\"}");
		assertFailsAsReader("{\"id\":\"a\"} 1");
		assertSameAsReader("{\"id\":\"c\"}");
		assertSameAsReader("  \t{\"id\":\"d\"}  \r\n ");
	}

	@Test
	void valuesThatAreNotObjectsReadAsTheReaderReadsThem() {
		assertThat(read("null")).isNull();
		assertFailsAsReader("[]");
		assertFailsAsReader("\"chunk\"");
		assertFailsAsReader("42");
		assertSameAsReader("{\"id\":\"e\"}");
	}

	@Test
	void readsAnEventLargerThanTheReusedSizeAsTheReaderDoes() {
		String content = "x".repeat(ChunkParser.MAX_REUSED_EVENT);
		assertSameAsReader("{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}}]}");
		assertSameAsReader("{\"id\":\"b\"}");
	}

	@Test
	void readsTheDataWhereItIsInALargerArray() {
		byte[] data = "xx{\"id\":\"a\"}yy".getBytes(StandardCharsets.UTF_8);
		ChatCompletionChunk chunk = this.parser.read(data, 2, data.length - 4);
		assertThat(chunk).isNotNull();
		assertThat(chunk.id()).isEqualTo("a");
		data = "zzz{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8);
		chunk = this.parser.read(data, 3, data.length - 3);
		assertThat(chunk).isNotNull();
		assertThat(chunk.id()).isEqualTo("b");
	}

	private void assertSameAsReader(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		ChatCompletionChunk expected = this.reader.readValue(bytes, 0, bytes.length);
		assertThat(read(json)).isEqualTo(expected);
	}

	private void assertFailsAsReader(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		Throwable expected = catchThrowable(() -> this.reader.readValue(bytes, 0, bytes.length));
		assertThat(expected).isInstanceOf(JacksonException.class);
		ThrowingCallable call = () -> read(json);
		Throwable actual = catchThrowable(call);
		assertThat(actual).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
	}

	private @Nullable ChatCompletionChunk read(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return this.parser.read(bytes, 0, bytes.length);
	}

}
