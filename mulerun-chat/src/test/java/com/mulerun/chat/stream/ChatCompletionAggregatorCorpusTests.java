package com.mulerun.chat.stream;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.Logprobs;
import com.mulerun.chat.model.TokenLogprob;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes every stream of the corpus with {@link SseFrameDecoder}, aggregates its chunks
 * with {@link ChatCompletionAggregator} and checks the result against
 * {@code corpus/expectations.json}.
 */
class ChatCompletionAggregatorCorpusTests {

	private static final JsonMapper mapper = ChatJson.mapper();

	private static final JsonNode cases = loadExpectations().get("cases");

	static Stream<String> streamsWithAResult() {
		return streams("success", "incomplete");
	}

	static Stream<String> streamsEndingInAnError() {
		return streams("error");
	}

	@Test
	void everyStreamOfTheCorpusHasExpectations() {
		List<String> expected = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : cases.properties()) {
			if ("sse".equals(entry.getValue().get("kind").asString())) {
				expected.add(entry.getKey());
			}
		}
		assertThat(expected).hasSizeGreaterThanOrEqualTo(25).allSatisfy((name) -> assertThat(load(name)).isNotEmpty());
		assertThat(streamsWithAResult().count() + streamsEndingInAnError().count()).isEqualTo(expected.size());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streamsWithAResult")
	void aggregatesTheStreamIntoTheCompletionOfTheExpectations(String name) {
		JsonNode expect = cases.get(name).get("expect");
		Fed fed = feed(name);
		assertThat(fed.errorEvents()).isZero();
		assertMatches(fed.aggregator().result(), expect);
		assertThat(fed.aggregator().isComplete()).isEqualTo("success".equals(expect.get("outcome").asString()));
		assertThat(fed.aggregator().usage()).isSameAs(fed.aggregator().result().usage());
		if (expect.has("sawDone")) {
			assertThat(fed.sawDone()).isEqualTo(expect.get("sawDone").asBoolean());
		}
		if (expect.has("ignoredNonChunkEvents")) {
			assertThat(fed.ignoredNonChunkEvents()).isEqualTo(expect.get("ignoredNonChunkEvents").asInt());
		}
		if (expect.has("eventsAfterDoneIgnored")) {
			assertThat(fed.eventsAfterDone()).isEqualTo(expect.get("eventsAfterDoneIgnored").asInt());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streamsEndingInAnError")
	void keepsThePartialOutputOfAStreamThatEndedInAnError(String name) {
		JsonNode expect = cases.get(name).get("expect");
		Fed fed = feed(name);
		assertThat(fed.errorEvents()).isOne();
		ChatCompletion result = fed.aggregator().result();
		assertMatches(result, expect);
		assertThat(result.extra()).doesNotContainKey("error");
		if (expect.has("finishReasonSeen")) {
			assertThat(result.choices().get(0).finishReason())
				.isEqualTo(FinishReason.of(expect.get("finishReasonSeen").asString()));
		}
	}

	private static void assertMatches(ChatCompletion result, JsonNode expect) {
		assertThat(result.object()).isEqualTo("chat.completion");
		assertThat(result.id()).isEqualTo(stringOrNull(expect.get("responseId")));
		assertThat(result.model()).isEqualTo(stringOrNull(expect.get("model")));
		JsonNode created = expect.get("created");
		assertThat(result.created()).isEqualTo((created == null || created.isNull()) ? null : created.asLong());
		JsonNode usage = expect.get("usage");
		assertThat(result.usage())
			.isEqualTo((usage == null || usage.isNull()) ? null : mapper.treeToValue(usage, Usage.class));
		JsonNode choices = expect.get("choices");
		assertThat(result.choices()).hasSize(choices.size());
		for (int i = 0; i < choices.size(); i++) {
			assertChoice(result.choices().get(i), choices.get(i));
		}
	}

	private static void assertChoice(Choice choice, JsonNode expect) {
		assertThat(choice.index()).isEqualTo(expect.get("index").asInt());
		assertThat(choice.message()).isNotNull();
		String content = choice.message().text();
		JsonNode expectedContent = expect.get("content");
		if (expectedContent == null) {
			assertThat(content).isNull();
		}
		else if (expectedContent.isObject()) {
			assertDigest(content, expectedContent);
		}
		else {
			assertThat(content).isEqualTo(expectedContent.asString());
		}
		if (expect.has("contentDigest")) {
			assertDigest(content, expect.get("contentDigest"));
		}
		assertThat(choice.message().refusal()).isEqualTo(stringOrNull(expect.get("refusal")));
		assertThat(choice.message().reasoning()).isEqualTo(stringOrNull(expect.get("reasoning")));
		assertReasoningDetails(choice.message().extra().get("reasoning_details"), expect.get("reasoning_details"));
		assertToolCalls(choice.message().toolCalls(), expect.get("tool_calls"));
		FinishReason finish = choice.finishReason();
		Object raw = (finish != null) ? finish.wireValue() : null;
		assertThat(raw).isEqualTo(stringOrNull(expect.get("finish_reason_raw")));
		assertThat((finish != null) ? finish.normalized() : null).isEqualTo(stringOrNull(expect.get("finish_reason")));
		if (expect.has("logprob_tokens")) {
			assertThat(tokens(choice.logprobs(), false)).isEqualTo(strings(expect.get("logprob_tokens")));
		}
		if (expect.has("refusal_logprob_tokens")) {
			assertThat(tokens(choice.logprobs(), true)).isEqualTo(strings(expect.get("refusal_logprob_tokens")));
		}
	}

	private static void assertReasoningDetails(@Nullable Object actual, @Nullable JsonNode expected) {
		if (expected == null) {
			assertThat(actual).isNull();
			return;
		}
		JsonNode details = mapper.valueToTree(actual);
		assertThat(details.size()).isEqualTo(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			for (Map.Entry<String, JsonNode> property : expected.get(i).properties()) {
				assertThat(details.get(i).get(property.getKey())).as(property.getKey()).isEqualTo(property.getValue());
			}
		}
	}

	private static void assertToolCalls(@Nullable List<ToolCall> actual, @Nullable JsonNode expected) {
		if (expected == null) {
			assertThat(actual).isNull();
			return;
		}
		assertThat(actual).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			JsonNode expectedCall = expected.get(i);
			assertThat(actual.get(i)).isInstanceOf(FunctionToolCall.class);
			FunctionToolCall call = (FunctionToolCall) actual.get(i);
			assertThat(call.id()).isEqualTo(stringOrNull(expectedCall.get("id")));
			assertThat(call.type()).isEqualTo("function");
			assertThat(call.function().name()).isEqualTo(stringOrNull(expectedCall.get("name")));
			JsonNode arguments = expectedCall.get("arguments");
			if (arguments.isObject()) {
				assertDigest(call.function().arguments(), arguments);
				if (arguments.has("rows")) {
					assertThat(mapper.readTree(call.function().arguments()).get("rows").size())
						.isEqualTo(arguments.get("rows").asInt());
				}
			}
			else {
				assertThat(call.function().arguments()).isEqualTo(arguments.asString());
			}
			if (expectedCall.has("extra_content")) {
				assertThat(mapper.<JsonNode>valueToTree(call.extra().get("extra_content")))
					.isEqualTo(expectedCall.get("extra_content"));
			}
		}
	}

	private static void assertDigest(@Nullable String text, JsonNode digest) {
		assertThat(text).isNotNull();
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		assertThat(text.codePointCount(0, text.length())).isEqualTo(digest.get("codePoints").asInt());
		assertThat(text.length()).isEqualTo(digest.get("utf16Units").asInt());
		assertThat(utf8).hasSize(digest.get("utf8Bytes").asInt());
		assertThat(sha256(utf8)).isEqualTo(digest.get("sha256").asString());
	}

	private static List<@Nullable String> tokens(@Nullable Logprobs logprobs, boolean refusal) {
		assertThat(logprobs).isNotNull();
		List<TokenLogprob> tokens = refusal ? logprobs.refusal() : logprobs.content();
		assertThat(tokens).isNotNull();
		return tokens.stream().map(TokenLogprob::token).toList();
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		for (JsonNode value : array.values()) {
			strings.add(value.asString());
		}
		return strings;
	}

	private static @Nullable String stringOrNull(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
	}

	private static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Stream<String> streams(String... outcomes) {
		List<String> names = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : cases.properties()) {
			JsonNode value = entry.getValue();
			if ("sse".equals(value.get("kind").asString())
					&& List.of(outcomes).contains(value.get("expect").get("outcome").asString())) {
				names.add(entry.getKey());
			}
		}
		return names.stream().sorted();
	}

	/**
	 * Decodes a corpus stream as a client would: only unnamed or {@code message} events,
	 * none after {@code [DONE]}, empty data skipped; every other event is parsed as a
	 * chunk and added.
	 */
	private static Fed feed(String name) {
		byte[] bytes = load(name);
		Feeder feeder = new Feeder();
		SseFrameDecoder decoder = new SseFrameDecoder();
		decoder.decode(bytes, 0, bytes.length, feeder);
		decoder.endOfInput(feeder);
		return new Fed(feeder.aggregator, feeder.sawDone, feeder.ignoredNonChunkEvents, feeder.eventsAfterDone,
				feeder.errorEvents);
	}

	private static byte[] load(String name) {
		try (InputStream in = ChatCompletionAggregatorCorpusTests.class.getResourceAsStream("/corpus/" + name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode loadExpectations() {
		return mapper.readTree(new String(load("expectations.json"), StandardCharsets.UTF_8));
	}

	/**
	 * What feeding one stream produced.
	 */
	private record Fed(ChatCompletionAggregator aggregator, boolean sawDone, int ignoredNonChunkEvents,
			int eventsAfterDone, int errorEvents) {
	}

	/**
	 * Parses the data of each chunk event and adds it to an aggregator.
	 */
	private static final class Feeder implements SseEventHandler {

		private final ChatCompletionAggregator aggregator = new ChatCompletionAggregator();

		private boolean sawDone;

		private int ignoredNonChunkEvents;

		private int eventsAfterDone;

		private int errorEvents;

		@Override
		public void onEvent(@Nullable String eventType, byte[] data, int offset, int length) {
			if (this.sawDone) {
				this.eventsAfterDone++;
				return;
			}
			if (eventType != null && !"message".equals(eventType)) {
				this.ignoredNonChunkEvents++;
				return;
			}
			if (length == 0) {
				return;
			}
			String json = new String(data, offset, length, StandardCharsets.UTF_8);
			if ("[DONE]".equals(json.strip())) {
				this.sawDone = true;
				return;
			}
			ChatCompletionChunk chunk = mapper.readValue(json, ChatCompletionChunk.class);
			if (chunk.extra().containsKey("error")) {
				this.errorEvents++;
			}
			this.aggregator.add(chunk);
		}

	}

}
