package com.mulerun.chat.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The hand-written deserializers of the stream chunk types ({@link RecordDeserializer}):
 * each payload is read both with them and with Jackson's generic record path (the same
 * mapper with their {@code @JsonDeserialize} ignored), and the two results must be equal
 * records that write the same JSON, or both reads must fail the same way.
 */
class ChunkDeserializerTests {

	private static final Set<Class<?>> HAND_WRITTEN = Set.of(ChatCompletionChunk.class, ChunkChoice.class, Delta.class,
			ToolCallDelta.class, FunctionCall.class, Usage.class);

	private static final JsonMapper mapper = ChatJson.mapper();

	private static final String OPENAI_CONTENT_CHUNK = """
			{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1761841800,"model":"gpt-5-2025-08-07",\
			"service_tier":"default","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":" token"},\
			"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"aBc12"}""";

	/** Mapper configurations the two paths are compared under. */
	enum Config {

		/** {@link ChatJson#mapper()}, what the client uses. */
		CHAT_JSON(ChatJson.mapper()),

		/** Jackson's defaults. */
		DEFAULTS(JsonMapper.builder().build()),

		/**
		 * Every coercion that reaches the generic fallback for a value that is not an
		 * object or an array.
		 */
		LENIENT(ChatJson.mapper()
			.rebuild()
			.enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
					DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
					DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
					DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
			.build()),

		/** No float accepted where an integer is expected. */
		STRICT(ChatJson.mapper().rebuild().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build());

		final ObjectReader handWritten;

		final ObjectReader generic;

		final JsonMapper mapper;

		Config(JsonMapper mapper) {
			this.mapper = mapper;
			this.handWritten = mapper.readerFor(ChatCompletionChunk.class);
			this.generic = generic(mapper).readerFor(ChatCompletionChunk.class);
		}

	}

	/**
	 * The same mapper with the {@code @JsonDeserialize} of the hand-written types
	 * ignored, so that Jackson reads them with its generic bean deserializer.
	 */
	static JsonMapper generic(JsonMapper mapper) {
		return mapper.rebuild().annotationIntrospector(new JacksonAnnotationIntrospector() {

			private static final long serialVersionUID = 1L;

			@Override
			public @Nullable Object findDeserializer(MapperConfig<?> config, Annotated annotated) {
				if (annotated instanceof AnnotatedClass type && HAND_WRITTEN.contains(type.getRawType())) {
					return null;
				}
				return super.findDeserializer(config, annotated);
			}

		}).build();
	}

	@Test
	void theGenericMapperReallyBypassesTheHandWrittenDeserializers() {
		String json = "{\"a\": 1, \"b\": 2}";
		assertThat(Config.CHAT_JSON.handWritten.<ChatCompletionChunk>readValue(json).extra())
			.isInstanceOf(FrozenMap.class);
		assertThat(Config.CHAT_JSON.generic.<ChatCompletionChunk>readValue(json).extra())
			.isNotInstanceOf(FrozenMap.class);
	}

	@Test
	void typicalOpenAiContentChunkHasTypedValuesAndTheUnknownProperty() {
		ChatCompletionChunk chunk = mapper.readValue(OPENAI_CONTENT_CHUNK, ChatCompletionChunk.class);
		assertThat(chunk)
			.isEqualTo(
					new ChatCompletionChunk("chatcmpl-abc", "chat.completion.chunk", 1761841800L, "gpt-5-2025-08-07",
							List.of(new ChunkChoice(0,
									new Delta(null, MessageContent.of(" token"), null, null, null, null, null, null,
											null),
									null, null, null)),
							null, ServiceTier.DEFAULT, null, Map.of("obfuscation", "aBc12")));
		assertThat(chunk.serviceTier()).isSameAs(ServiceTier.DEFAULT);
		assertThat(chunk.text()).isEqualTo(" token");
		assertThat(chunk.choices().get(0).extra()).isSameAs(Map.of());
		assertThat(chunk.choices().get(0).delta().extra()).isSameAs(Map.of());
		assertSameAsGeneric(Config.CHAT_JSON, OPENAI_CONTENT_CHUNK);
	}

	@Test
	void collectionsOfAReadChunkAreUnmodifiable() {
		ChatCompletionChunk chunk = mapper.readValue("""
				{"a": 1, "b": [1], "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0}, {"index": 1}]}},
				{"index": 1}]}""", ChatCompletionChunk.class);
		assertUnmodifiable(chunk.choices());
		assertUnmodifiable(chunk.choices().get(0).delta().toolCalls());
		assertUnmodifiable(chunk.extra());
		ChatCompletionChunk single = mapper.readValue(OPENAI_CONTENT_CHUNK, ChatCompletionChunk.class);
		assertUnmodifiable(single.choices());
		assertUnmodifiable(single.extra());
	}

	@Test
	void frozenCollectionsRefuseEveryChangeAndCompareAsOrdinaryOnes() {
		List<String> list = new FrozenList<>(new ArrayList<>(List.of("a", "b", "c")));
		assertUnmodifiable(list);
		assertThat(list).isEqualTo(List.of("a", "b", "c")).hasSameHashCodeAs(List.of("a", "b", "c"));
		assertThat(list.subList(1, 3)).containsExactly("b", "c");
		assertThat(list).hasToString("[a, b, c]");
		LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
		entries.put("z", 1);
		entries.put("a", null);
		Map<String, Object> map = new FrozenMap<>(entries);
		assertUnmodifiable(map);
		assertThat(map).isEqualTo(entries).hasSameHashCodeAs(entries).containsKey("a").hasToString("{z=1, a=null}");
		assertThat(map.keySet()).containsExactly("z", "a");
		assertThat(map.get("missing")).isNull();
		assertThat(map.containsKey(null)).isFalse();
	}

	@Test
	void publicConstructorsStillCopyWhatTheyAreGivenButKeepFrozenCollections() {
		List<ChunkChoice> choices = new ArrayList<>(List.of(new ChunkChoice(0, null, null, null, null)));
		Map<String, Object> extra = new LinkedHashMap<>(Map.of("a", 1));
		ChatCompletionChunk chunk = new ChatCompletionChunk(null, null, null, null, choices, null, null, null, extra);
		choices.add(new ChunkChoice(1, null, null, null, null));
		extra.put("b", 2);
		assertThat(chunk.choices()).hasSize(1);
		assertThat(chunk.extra()).containsOnlyKeys("a");
		assertUnmodifiable(chunk.choices());
		assertUnmodifiable(chunk.extra());

		FrozenList<ToolCallDelta> frozen = new FrozenList<>(
				new ArrayList<>(List.of(new ToolCallDelta(0, null, null, null, null, null),
						new ToolCallDelta(1, null, null, null, null, null))));
		FrozenMap<String, Object> frozenExtra = new FrozenMap<>(new LinkedHashMap<>(Map.of("a", 1)));
		Delta delta = new Delta(null, null, null, frozen, null, null, null, null, frozenExtra);
		assertThat(delta.toolCalls()).isSameAs(frozen);
		assertThat(delta.extra()).isSameAs(frozenExtra);
	}

	@Test
	void unknownPropertiesKeepTheirDocumentOrderAndTheLastOfADuplicateWins() {
		// Jackson 3.1's generic record path hands them over in reverse order and keeps
		// the first duplicate; the
		// maps still compare equal when no name repeats
		String json = """
				{"zeta": 1, "id": "x", "alpha": 2, "mid": {"b": 1, "a": 2}, "alpha": 3,
				"choices": [{"z": 1, "index": 0, "a": 2, "delta": {"y": 1, "content": "c", "x": 2}}]}""";
		ChatCompletionChunk chunk = mapper.readValue(json, ChatCompletionChunk.class);
		assertThat(chunk.extra()).containsExactly(Map.entry("zeta", 1), Map.entry("alpha", 3),
				Map.entry("mid", Map.of("b", 1, "a", 2)));
		assertThat(new ArrayList<Object>(((Map<?, ?>) chunk.extra().get("mid")).keySet())).containsExactly("b", "a");
		assertThat(chunk.choices().get(0).extra().keySet()).containsExactly("z", "a");
		assertThat(chunk.choices().get(0).delta().extra().keySet()).containsExactly("y", "x");
		assertThat(mapper.writeValueAsString(chunk.choices().get(0).delta())).isEqualTo("""
				{"content":"c","y":1,"x":2}""");
	}

	@Test
	void fractionalCreatedIsTruncatedAndIntegersOfEveryWidthKeepTheirNaturalTypes() {
		ChatCompletionChunk chunk = mapper.readValue("""
				{"created": 1761841800.97, "small": 7, "large": 12345678901, "huge": 123456789012345678901234567890,
				"fraction": 0.25, "flag": true, "nothing": null, "list": [1, "two", null, {"three": 3.0}]}""",
				ChatCompletionChunk.class);
		assertThat(chunk.created()).isEqualTo(1761841800L);
		assertThat(chunk.extra()).containsExactly(Map.entry("small", 7), Map.entry("large", 12345678901L),
				Map.entry("huge", new BigInteger("123456789012345678901234567890")), Map.entry("fraction", 0.25),
				Map.entry("flag", true), new AbstractMap.SimpleEntry<>("nothing", null),
				Map.entry("list", Arrays.asList(1, "two", null, Map.of("three", 3.0))));
	}

	@Test
	void toolCallDeltasWithAndWithoutIndexAndContentParts() {
		ChatCompletionChunk chunk = mapper.readValue(
				"""
						{"choices": [{"index": 0, "delta": {"content": [{"type": "text", "text": "Hel"},
						{"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}, {"type": "text", "text": "lo"}],
						"tool_calls": [{"index": 1, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": ""}},
						{"id": "call_2", "function": {"arguments": "{}", "thought": "t"}, "extra_content": {"google": {}}},
						null]}}]}""",
				ChatCompletionChunk.class);
		Delta delta = chunk.choices().get(0).delta();
		assertThat(delta.content()).isInstanceOf(MessageContent.Parts.class);
		assertThat(delta.text()).isEqualTo("Hello");
		assertThat(delta.toolCalls()).hasSize(3);
		assertThat(delta.toolCalls().get(0))
			.isEqualTo(new ToolCallDelta(1, "call_1", "function", new FunctionCall("f", ""), null, null));
		assertThat(delta.toolCalls().get(1).index()).isNull();
		assertThat(delta.toolCalls().get(1).function().extra()).containsExactly(Map.entry("thought", "t"));
		assertThat(delta.toolCalls().get(1).extra())
			.containsExactly(Map.entry("extra_content", Map.of("google", Map.of())));
		assertThat(delta.toolCalls().get(2)).isNull();
	}

	@Test
	void valuesThatEveryChunkOfAStreamRepeatsAreReadOnce() {
		ChatCompletionChunk first = mapper.readValue(OPENAI_CONTENT_CHUNK, ChatCompletionChunk.class);
		ChatCompletionChunk second = mapper.readValue(OPENAI_CONTENT_CHUNK.replace(" token", " next"),
				ChatCompletionChunk.class);
		assertThat(second.id()).isSameAs(first.id());
		assertThat(second.model()).isSameAs(first.model());
		assertThat(second.created()).isSameAs(first.created());
		assertThat(second.object()).isSameAs(first.object()).isSameAs("chat.completion.chunk");
		assertThat(second.text()).isEqualTo(" next");
		ChatCompletionChunk finish = mapper.readValue("""
				{"choices":[{"delta":{"role":"assistant","tool_calls":[{"type":"function"}]},"finish_reason":"stop"}]}\
				""", ChatCompletionChunk.class);
		assertThat(finish.choices().get(0).finishReason()).isSameAs(FinishReason.STOP);
		assertThat(finish.choices().get(0).delta().role()).isSameAs(Role.ASSISTANT);
		assertThat(finish.choices().get(0).delta().toolCalls().get(0).type()).isSameAs("function");
	}

	@Test
	void valuesReadByConcurrentStreamsNeverMixUp() throws InterruptedException {
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		for (int t = 0; t < 4; t++) {
			int seed = t;
			workers.add(new Thread(() -> {
				try {
					for (int i = 0; i < 5_000; i++) {
						int n = (i * 31 + seed * 7) % 700;
						ChatCompletionChunk chunk = mapper.readValue("""
								{"id":"chatcmpl-%d","model":"model-%d","created":%d,"system_fingerprint":"fp_%d"}\
								""".formatted(n, n % 13, 1761841800 + n, n % 5), ChatCompletionChunk.class);
						assertThat(chunk.id()).isEqualTo("chatcmpl-" + n);
						assertThat(chunk.model()).isEqualTo("model-" + (n % 13));
						assertThat(chunk.created()).isEqualTo(1761841800L + n);
						assertThat(chunk.systemFingerprint()).isEqualTo("fp_" + (n % 5));
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}));
		}
		workers.forEach(Thread::start);
		for (Thread worker : workers) {
			worker.join();
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void failuresNameThePathAsJacksonsGenericPathDoes() {
		String json = "{\"choices\": [{\"index\": 0}, {\"delta\": {\"tool_calls\": [{\"index\": [1]}]}}]}";
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> mapper.readValue(json, ChatCompletionChunk.class))
			.withMessageContaining(
					"ChatCompletionChunk[\"choices\"]->java.util.ArrayList[1]->com.mulerun.chat.model.ChunkChoice[\"delta\"]");
		assertSameAsGeneric(Config.CHAT_JSON, json);
	}

	static Stream<Arguments> edgeCases() {
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("typical content chunk", OPENAI_CONTENT_CHUNK);
		cases.put("empty object", "{}");
		cases.put("JSON null", "null");
		cases.put("role chunk", """
				{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,\
				"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}""");
		cases.put("finish chunk", """
				{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}""");
		cases.put("usage chunk with empty choices", """
				{"id":"c","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,\
				"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":\
				{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,\
				"rejected_prediction_tokens":0,"image_tokens":3},"cost":0.0012,"is_byok":false}}""");
		cases.put("every field null", """
				{"id":null,"object":null,"created":null,"model":null,"choices":null,"usage":null,\
				"service_tier":null,"system_fingerprint":null,"x":null}""");
		cases.put("every choice and delta field null", """
				{"choices":[{"index":null,"delta":null,"logprobs":null,"finish_reason":null,"y":null},\
				{"delta":{"role":null,"content":null,"refusal":null,"tool_calls":null,"function_call":null,\
				"reasoning_content":null,"reasoning":null,"audio":null}}]}""");
		cases.put("unknown properties at every level", """
				{"a":1,"choices":[{"b":"2","index":0,"delta":{"c":[3],"tool_calls":[{"d":{"e":4},"index":0,\
				"function":{"f":5.5,"name":"n"},"custom":{"g":6,"name":"c"}}],"function_call":{"h":true},\
				"audio":{"i":7,"id":"a1"}},"logprobs":{"j":8,"content":[]}}],"usage":{"k":9,\
				"prompt_tokens_details":{"l":10}},"m":{"n":{"o":[{"p":null}]}}}""");
		cases.put("missing fields", """
				{"choices":[{"delta":{"tool_calls":[{"function":{}}]}}]}""");
		cases.put("fractional and textual numbers", """
				{"created":1761841800.75,"choices":[{"index":"2","delta":{"tool_calls":[{"index":1.9}]}}],\
				"usage":{"prompt_tokens":"5","total_tokens":7.0}}""");
		cases.put("numbers and booleans where strings are expected", """
				{"id":12,"object":true,"model":1.5,"system_fingerprint":false,"choices":[{"delta":{"refusal":3,\
				"reasoning":true,"tool_calls":[{"id":4,"type":5,"function":{"name":6,"arguments":7}}]}}]}""");
		cases.put("content as array of parts", """
				{"choices":[{"delta":{"content":[{"type":"text","text":"a"},null,{"type":"refusal","refusal":"r"},\
				{"type":"weird","x":1}]}}]}""");
		cases.put("content as a single part object", """
				{"choices":[{"delta":{"content":{"type":"text","text":"a"}}}]}""");
		cases.put("tool call deltas with and without index",
				"""
						{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function",\
						"function":{"name":"get_weather","arguments":""}},{"id":"call_b","type":"function","function":\
						{"name":"f","arguments":"{\\"x\\": 1}"}},{"type":"custom","custom":{"name":"sql","input":"SEL"}}]}}]}""");
		cases.put("null array elements", """
				{"choices":[null,{"index":1,"delta":{"tool_calls":[null,{"index":0},null]}},null]}""");
		cases.put("several choices", """
				{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}},\
				{"index":2,"delta":{"content":"c"},"finish_reason":"length"}]}""");
		cases.put("lenient values", """
				{"service_tier":"scale-out","choices":[{"finish_reason":"end_turn","delta":{"role":"critic"}},\
				{"finish_reason":"","delta":{"role":""}}]}""");
		cases.put("logprobs, audio, function call and reasoning", """
				{"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"think","reasoning":"more",\
				"function_call":{"name":"f","arguments":"{"},"audio":{"id":"au","data":"UklG","transcript":"Hi",\
				"expires_at":1761844300}},"logprobs":{"content":[{"token":"Hi","logprob":-0.5,"bytes":[72,105],\
				"top_logprobs":[{"token":"Hi","logprob":-0.5,"bytes":null}]}],"refusal":null}}]}""");
		cases.put("field order: choices and usage first", """
				{"usage":null,"choices":[{"finish_reason":null,"logprobs":null,"delta":{"content":"x","role":\
				"assistant"},"index":0}],"obfuscation":"o","model":"m","created":2,"object":"o","id":"i"}""");
		cases.put("duplicated known property", """
				{"id":"first","choices":[{"index":0}],"id":"second","choices":[{"index":1}]}""");
		cases.put("camelCase names and accessor names are unknown", """
				{"serviceTier":"flex","systemFingerprint":"fp","text":"t","choices":[{"finishReason":"stop",\
				"indexOrZero":3,"delta":{"toolCalls":[],"reasoningContent":"r","text":"x"}}]}""");
		cases.put("an error object in the stream", """
				{"error":{"message":"Overloaded","type":"overloaded_error","code":529}}""");
		cases.put("empty strings", """
				{"id":"","choices":[{"delta":{"content":"","refusal":""}}]}""");
		cases.put("wrong shapes: choices object", "{\"choices\":{\"index\":0}}");
		cases.put("wrong shapes: choices string", "{\"choices\":\"\"}");
		cases.put("wrong shapes: choice array", "{\"choices\":[[]]}");
		cases.put("wrong shapes: choice single-element array", "{\"choices\":[[{\"index\":0}]]}");
		cases.put("wrong shapes: delta empty string", "{\"choices\":[{\"delta\":\"\"}]}");
		cases.put("wrong shapes: delta string", "{\"choices\":[{\"delta\":\"hello\"}]}");
		cases.put("wrong shapes: delta number", "{\"choices\":[{\"delta\":1}]}");
		cases.put("wrong shapes: delta empty array", "{\"choices\":[{\"delta\":[]}]}");
		cases.put("wrong shapes: delta single-element array", "{\"choices\":[{\"delta\":[{\"content\":\"x\"}]}]}");
		cases.put("wrong shapes: tool_calls object", "{\"choices\":[{\"delta\":{\"tool_calls\":{\"index\":0}}}]}");
		cases.put("wrong shapes: function string", """
				{"choices":[{"delta":{"tool_calls":[{"function":"f"}]}}]}""");
		cases.put("wrong shapes: usage array", "{\"usage\":[]}");
		cases.put("wrong shapes: usage string", "{\"usage\":\"none\"}");
		cases.put("wrong shapes: created object", "{\"created\":{}}");
		cases.put("wrong shapes: created boolean", "{\"created\":true}");
		cases.put("wrong shapes: index too large", "{\"choices\":[{\"index\":12345678901}]}");
		cases.put("wrong shapes: id object", "{\"id\":{\"a\":1}}");
		cases.put("wrong shapes: id array", "{\"id\":[\"a\"]}");
		cases.put("wrong shapes: role number", "{\"choices\":[{\"delta\":{\"role\":1}}]}");
		cases.put("wrong shapes: finish_reason object", "{\"choices\":[{\"finish_reason\":{}}]}");
		cases.put("wrong shapes: root string", "\"chunk\"");
		cases.put("wrong shapes: root empty string", "\"\"");
		cases.put("wrong shapes: root number", "1");
		cases.put("wrong shapes: root empty array", "[]");
		cases.put("wrong shapes: root single-element array", "[{\"id\":\"a\"}]");
		cases.put("malformed: truncated", "{\"id\":\"a\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x");
		cases.put("malformed: [DONE]", "[DONE]");
		List<Arguments> arguments = new ArrayList<>();
		for (Config config : Config.values()) {
			cases.forEach((name, json) -> arguments.add(arguments(config, name, json)));
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("edgeCases")
	void edgeCaseReadsAsTheGenericPathReadsIt(Config config, String name, String json) {
		assertSameAsGeneric(config, json);
	}

	static Stream<String> corpusStreams() {
		URL folder = ChunkDeserializerTests.class.getResource("/corpus");
		assertThat(folder).isNotNull();
		try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
			List<String> names = files.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".sse"))
				.sorted()
				.toList();
			assertThat(names).hasSizeGreaterThan(20);
			return names.stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every {@code data} payload of the stream, including one cut off at the end of the
	 * file, read with the hand-written deserializers and with the generic path; unknown
	 * properties must also keep their document order.
	 */
	@ParameterizedTest
	@MethodSource("corpusStreams")
	void everyCorpusPayloadReadsAsTheGenericPathReadsIt(String name) throws IOException {
		List<String> payloads = dataPayloads(ModelRoundTripTests.resource("corpus/" + name));
		assertThat(payloads).as("payloads of %s", name).isNotEmpty();
		for (String payload : payloads) {
			ChatCompletionChunk chunk = assertSameAsGeneric(Config.CHAT_JSON, payload);
			if (chunk != null) {
				assertExtraInDocumentOrder(chunk, mapper.readTree(payload));
			}
		}
	}

	@Test
	void theCorpusHasEnoughChunksToMatter() {
		int chunks = 0;
		for (String name : corpusStreams().toList()) {
			for (String payload : dataPayloads(ModelRoundTripTests.resource("corpus/" + name))) {
				if (payload.startsWith("{\"id\"")) {
					chunks++;
				}
			}
		}
		assertThat(chunks).isGreaterThan(200);
	}

	/**
	 * Reads the payload with both paths and asserts that they agree; returns the chunk,
	 * or {@code null} when both failed or the payload is JSON {@code null}.
	 */
	private static @Nullable ChatCompletionChunk assertSameAsGeneric(Config config, String json) {
		Object handWritten = read(config.handWritten, json);
		Object generic = read(config.generic, json);
		if (generic instanceof Exception expected) {
			assertThat(handWritten).as("hand-written result of %s", json).isInstanceOf(Exception.class);
			assertThat((Exception) handWritten).as("failure of %s", json)
				.hasSameClassAs(expected)
				.hasMessage(expected.getMessage());
			return null;
		}
		if (handWritten instanceof Exception ex) {
			throw new AssertionError("Hand-written deserializer failed on " + json + " where Jackson read " + generic,
					ex);
		}
		assertThat(handWritten).as("read of %s", json).isEqualTo(generic);
		if (handWritten == null) {
			return null;
		}
		JsonNode written = config.mapper.readTree(config.mapper.writeValueAsString(handWritten));
		assertThat(written).as("written form of %s", json)
			.isEqualTo(config.mapper.readTree(config.mapper.writeValueAsString(generic)));
		return (ChatCompletionChunk) handWritten;
	}

	private static @Nullable Object read(ObjectReader reader, String json) {
		try {
			return reader.readValue(json);
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static void assertExtraInDocumentOrder(ChatCompletionChunk chunk, JsonNode tree) {
		assertUnknownNames(chunk.extra(), tree,
				Set.of("id", "object", "created", "model", "choices", "usage", "service_tier", "system_fingerprint"));
		JsonNode choices = tree.get("choices");
		if (chunk.choices() == null || choices == null) {
			return;
		}
		for (int i = 0; i < chunk.choices().size(); i++) {
			ChunkChoice choice = chunk.choices().get(i);
			if (choice == null) {
				continue;
			}
			assertUnknownNames(choice.extra(), choices.get(i), Set.of("index", "delta", "logprobs", "finish_reason"));
			Delta delta = choice.delta();
			if (delta != null) {
				assertUnknownNames(delta.extra(), choices.get(i).get("delta"), Set.of("role", "content", "refusal",
						"tool_calls", "function_call", "reasoning_content", "reasoning", "audio"));
			}
		}
		if (chunk.usage() != null) {
			assertUnknownNames(chunk.usage().extra(), tree.get("usage"), Set.of("completion_tokens", "prompt_tokens",
					"total_tokens", "completion_tokens_details", "prompt_tokens_details"));
		}
	}

	private static void assertUnknownNames(Map<String, Object> extra, JsonNode object, Set<String> known) {
		List<String> expected = new ArrayList<>();
		for (String name : object.propertyNames()) {
			if (!known.contains(name)) {
				expected.add(name);
			}
		}
		assertThat(extra.keySet()).containsExactlyElementsOf(expected);
	}

	/**
	 * The {@code data} of each event of an event stream (lines joined with LF), and the
	 * data of a last event that the file cuts off before its blank line.
	 */
	static List<String> dataPayloads(String stream) {
		if (stream.startsWith("\uFEFF")) {
			stream = stream.substring(1);
		}
		List<String> payloads = new ArrayList<>();
		StringBuilder data = null;
		for (String line : stream.split("\r\n|\r|\n", -1)) {
			if (line.isEmpty()) {
				if (data != null) {
					payloads.add(data.toString());
				}
				data = null;
				continue;
			}
			if (line.equals("data") || line.startsWith("data:")) {
				String value = line.length() > 5 ? line.substring(5) : "";
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
		if (data != null) {
			payloads.add(data.toString());
		}
		return payloads;
	}

	private static void assertUnmodifiable(List<?> list) {
		List<Object> any = new ArrayList<>(list);
		@SuppressWarnings("unchecked")
		List<Object> target = (List<Object>) list;
		assertThatThrownBy(() -> target.add(new Object())).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> target.set(0, new Object())).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> target.remove(0)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(target::clear).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> target.addAll(List.of(new Object())))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> target.removeIf((element) -> true)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> target.replaceAll(UnaryOperator.identity()))
			.isInstanceOf(UnsupportedOperationException.class);
		if (list.size() > 1) {
			// sorting a singleton list cannot change it, and Collections.singletonList
			// allows it
			assertThatThrownBy(() -> target.sort(null)).isInstanceOf(UnsupportedOperationException.class);
		}
		Iterator<Object> iterator = target.iterator();
		iterator.next();
		assertThatThrownBy(iterator::remove).isInstanceOf(UnsupportedOperationException.class);
		assertThat(new ArrayList<Object>(list)).isEqualTo(any);
	}

	private static void assertUnmodifiable(Map<String, Object> map) {
		Map<String, Object> any = new LinkedHashMap<>(map);
		assertThatThrownBy(() -> map.put("new", 1)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> map.remove(any.keySet().iterator().next()))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> map.putAll(Map.of("new", 1))).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> map.computeIfAbsent("new", (key) -> null))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(2))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> map.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> map.values().clear()).isInstanceOf(UnsupportedOperationException.class);
		assertThat(map).containsExactlyEntriesOf(any);
	}

}
