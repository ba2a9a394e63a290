package com.mulerun.chat.stream;

import com.mulerun.chat.model.Annotation;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.FunctionCall;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ImagePart;
import com.mulerun.chat.model.MessageContent;
import com.mulerun.chat.model.TextPart;
import com.mulerun.chat.model.TokenLogprob;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.Usage;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link ChatCompletionAggregator}.
 */
class ChatCompletionAggregatorTests {

	private final ChatCompletionAggregator aggregator = new ChatCompletionAggregator();

	@Test
	void concatenatesTheContentOfEveryChunk() {
		add("""
				{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4.1",
				 "system_fingerprint":"fp_1","service_tier":"default",
				 "choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""");
		addDelta("{\"content\":\"Hello\"}");
		addDelta("{\"content\":\", world\"}");
		add("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
		ChatCompletion result = this.aggregator.result();
		assertThat(result.id()).isEqualTo("chatcmpl-1");
		assertThat(result.object()).isEqualTo("chat.completion");
		assertThat(result.created()).isEqualTo(1700000000L);
		assertThat(result.model()).isEqualTo("gpt-4.1");
		assertThat(result.systemFingerprint()).isEqualTo("fp_1");
		assertThat(result.serviceTier()).hasToString("default");
		assertThat(result.content()).isEqualTo("Hello, world");
		assertThat(result.choices()).singleElement().satisfies((choice) -> {
			assertThat(choice.index()).isZero();
			assertThat(choice.finishReason()).isEqualTo(FinishReason.STOP);
			assertThat(choice.logprobs()).isNull();
			assertThat(choice.message().role()).hasToString("assistant");
			assertThat(choice.message().toolCalls()).isNull();
			assertThat(choice.message().refusal()).isNull();
		});
		assertThat(this.aggregator.chunkCount()).isEqualTo(4);
		assertThat(this.aggregator.isComplete()).isTrue();
		assertThat(this.aggregator.hasToolCalls()).isFalse();
	}

	@Test
	void takesTopLevelValuesFromTheFirstChunkThatHasThem() {
		add("""
				{"id":"","object":"","created":0,"model":"","choices":[],
				 "prompt_filter_results":[{"prompt_index":0}]}""");
		add("{\"model\":\"gpt-4.1\",\"choices\":[{\"delta\":{\"content\":\"a\"}}]}");
		add("{\"id\":\"chatcmpl-2\",\"created\":1700000001,\"model\":\"other\",\"system_fingerprint\":\"fp_2\"}");
		add("{\"id\":\"chatcmpl-3\",\"created\":1700000002,\"system_fingerprint\":\"fp_3\"}");
		ChatCompletion result = this.aggregator.result();
		assertThat(result.id()).isEqualTo("chatcmpl-2");
		assertThat(result.model()).isEqualTo("gpt-4.1");
		assertThat(result.created()).isEqualTo(1700000001L);
		assertThat(result.systemFingerprint()).isEqualTo("fp_2");
		assertThat(result.object()).isEqualTo("chat.completion");
	}

	@Test
	void mergesUnknownTopLevelFieldsExceptTheError() {
		add("{\"id\":\"a\",\"provider\":\"Anthropic\",\"trace\":1,\"choices\":[]}");
		add("{\"id\":\"a\",\"provider\":\"Google\",\"trace\":null,\"error\":{\"message\":\"boom\"},\"choices\":[]}");
		assertThat(this.aggregator.result().extra()).containsOnly(entry("provider", "Google"), entry("trace", 1));
	}

	@Test
	void groupsInterleavedChoicesByIndexAndSortsThem() {
		add("{\"choices\":[{\"index\":2,\"delta\":{\"role\":\"assistant\",\"content\":\"Sperm\"}}]}");
		add("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Blue\"}}]}");
		add("{\"choices\":[{\"index\":1,\"delta\":{\"role\":\"assistant\",\"content\":\"Orca\"}}]}");
		add("{\"choices\":[{\"index\":1,\"delta\":{\"content\":\" pod\"}},{\"index\":2,\"delta\":{\"content\":\" whale.\"}}]}");
		add("{\"choices\":[{\"delta\":{\"content\":\" whale.\"},\"finish_reason\":\"stop\"}]}");
		add("{\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"length\"}]}");
		assertThat(this.aggregator.isComplete()).isFalse();
		add("{\"choices\":[{\"index\":2,\"delta\":{},\"finish_reason\":\"stop\"}]}");
		List<Choice> choices = this.aggregator.result().choices();
		assertThat(choices).extracting(Choice::index).containsExactly(0, 1, 2);
		assertThat(choices).extracting((choice) -> choice.message().text())
			.containsExactly("Blue whale.", "Orca pod", "Sperm whale.");
		assertThat(choices).extracting(Choice::finishReason)
			.containsExactly(FinishReason.STOP, FinishReason.LENGTH, FinishReason.STOP);
		assertThat(this.aggregator.isComplete()).isTrue();
	}

	@Test
	void keepsTheLastUsageWhenEveryChunkCarriesOne() {
		add("{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}");
		add("{\"choices\":[{\"delta\":{\"content\":\"b\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}");
		add("{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}");
		add("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":99}}");
		Usage usage = this.aggregator.result().usage();
		assertThat(usage.promptTokens()).isEqualTo(5);
		assertThat(usage.completionTokens()).isEqualTo(3);
		assertThat(usage.totalTokens()).isEqualTo(99);
		assertThat(this.aggregator.usage()).isSameAs(usage);
	}

	@Test
	void keepsAUsageThatRidesOnAContentChunk() {
		addDelta("{\"content\":\"Paris is\"}");
		add("""
				{"choices":[{"index":0,"delta":{"content":" the capital."},"finish_reason":"stop"}],
				 "usage":{"completion_tokens":8,"prompt_tokens":7,"total_tokens":15}}""");
		ChatCompletion result = this.aggregator.result();
		assertThat(result.usage().totalTokens()).isEqualTo(15);
		assertThat(result.content()).isEqualTo("Paris is the capital.");
	}

	@Test
	void hasNoUsageWhenNoChunkCarriedOne() {
		addDelta("{\"content\":\"a\"}");
		assertThat(this.aggregator.usage()).isNull();
		assertThat(this.aggregator.result().usage()).isNull();
	}

	@Test
	void countsTheContentOfTheChunkThatCarriesTheFinishReason() {
		add("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Done\",\"refusal\":\"\"},\"finish_reason\":\"stop\"}]}");
		assertThat(this.aggregator.result().content()).isEqualTo("Done");
		assertThat(this.aggregator.isComplete()).isTrue();
	}

	@Test
	void appendsTheLogprobsOfEveryChunk() {
		add("""
				{"choices":[{"index":0,"delta":{"content":"Yes"},
				 "logprobs":{"content":[{"token":"Yes","logprob":-0.1,"bytes":[89,101,115],"top_logprobs":[]}],"refusal":null}}]}""");
		add("""
				{"choices":[{"index":0,"delta":{"content":" no"},
				 "logprobs":{"content":[{"token":" no","logprob":-2.5,"bytes":[32,110,111],"top_logprobs":[]}],"refusal":[]}}]}""");
		add("""
				{"choices":[{"index":0,"delta":{"refusal":"Sorry"},
				 "logprobs":{"content":null,"refusal":[{"token":"Sorry","logprob":-0.3,"bytes":null,"top_logprobs":[]}]},
				 "finish_reason":"stop"}]}""");
		Choice choice = this.aggregator.result().choices().get(0);
		assertThat(choice.logprobs().content()).extracting(TokenLogprob::token).containsExactly("Yes", " no");
		assertThat(choice.logprobs().content()).extracting(TokenLogprob::logprob).containsExactly(-0.1, -2.5);
		assertThat(choice.logprobs().refusal()).extracting(TokenLogprob::token).containsExactly("Sorry");
		assertThat(choice.message().refusal()).isEqualTo("Sorry");
	}

	@Test
	void concatenatesRefusalReasoningContentAndReasoning() {
		addDelta("{\"reasoning_content\":\"Think\",\"reasoning\":\"Plan\",\"refusal\":\"I can't\"}");
		addDelta("{\"reasoning_content\":\"ing.\",\"reasoning\":null,\"refusal\":\" do that.\"}");
		addDelta("{\"reasoning\":\" more.\"}");
		AssistantMessage message = this.aggregator.result().choices().get(0).message();
		assertThat(message.reasoningContent()).isEqualTo("Thinking.");
		assertThat(message.reasoning()).isEqualTo("Plan more.");
		assertThat(message.refusal()).isEqualTo("I can't do that.");
		assertThat(message.content()).isNull();
	}

	@Test
	void mergesReasoningDetailsByTheirIndex() {
		addDelta(
				"""
						{"reasoning_details":[{"type":"reasoning.text","text":"The user","format":"anthropic-claude-v1","index":0}]}""");
		addDelta("""
				{"reasoning_details":[{"type":"reasoning.text","text":" asks.","format":"other","index":0},
				 {"type":"reasoning.summary","summary":"Short","id":"rs_1","index":1}]}""");
		addDelta("""
				{"reasoning_details":[{"type":"reasoning.text","text":"","signature":"sig","index":0},
				 {"type":"reasoning.summary","summary":" summary","id":"rs_2","index":1}]}""");
		Object details = this.aggregator.result().choices().get(0).message().extra().get("reasoning_details");
		assertThat(details).asInstanceOf(InstanceOfAssertFactories.LIST)
			.satisfiesExactly(
					(first) -> assertThat(first).isEqualTo(Map.of("type", "reasoning.text", "text", "The user asks.",
							"format", "anthropic-claude-v1", "index", 0, "signature", "sig")),
					(second) -> assertThat(second).isEqualTo(
							Map.of("type", "reasoning.summary", "summary", "Short summary", "id", "rs_1", "index", 1)));
	}

	@Test
	void collectsImagesAndAppendsAnnotations() {
		addDelta("""
				{"content":"Here","images":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}}],
				 "annotations":[{"type":"url_citation","url_citation":{"url":"https://a.example","title":"A"}}]}""");
		addDelta(
				"""
						{"images":[{"type":"image_url","image_url":{"url":"data:image/png;base64,BBB"}}],
						 "annotations":[{"type":"url_citation","url_citation":{"url":"https://b.example","start_index":1}}]}""");
		AssistantMessage message = this.aggregator.result().choices().get(0).message();
		assertThat(message.extra().get("images")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.hasSize(2)
			.extracting((image) -> (Object) ((Map<?, ?>) ((Map<?, ?>) image).get("image_url")).get("url"))
			.containsExactly("data:image/png;base64,AAA", "data:image/png;base64,BBB");
		assertThat(message.annotations()).extracting((annotation) -> annotation.urlCitation().url())
			.containsExactly("https://a.example", "https://b.example");
		assertThat(message.annotations()).extracting(Annotation::type).containsOnly("url_citation");
		assertThat(message.extra()).doesNotContainKey("annotations");
	}

	@Test
	void keepsContentPartsOtherThanTextAfterTheJoinedText() {
		addDelta("{\"content\":[{\"type\":\"text\",\"text\":\"Here is \"}]}");
		addDelta(
				"{\"content\":[{\"type\":\"text\",\"text\":\"a cat\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://img/1.png\"}}]}");
		addDelta("{\"content\":\".\"}");
		MessageContent content = this.aggregator.result().choices().get(0).message().content();
		assertThat(content).isInstanceOfSatisfying(MessageContent.Parts.class,
				(parts) -> assertThat(parts.parts()).satisfiesExactly(
						(text) -> assertThat(text).isEqualTo(new TextPart("Here is a cat.", null)),
						(image) -> assertThat(image).isInstanceOfSatisfying(ImagePart.class,
								(imagePart) -> assertThat(imagePart.imageUrl().url()).isEqualTo("https://img/1.png"))));
		assertThat(content.text()).isEqualTo("Here is a cat.");
	}

	@Test
	void returnsTextContentWhenOnlyTextPartsArrived() {
		addDelta("{\"content\":[{\"type\":\"text\",\"text\":\"a\"}]}");
		addDelta("{\"content\":\"b\"}");
		assertThat(this.aggregator.result().choices().get(0).message().content()).isEqualTo(MessageContent.of("ab"));
	}

	@Test
	void keepsUnknownDeltaAndChoiceFieldsWithTheLastValue() {
		add("""
				{"choices":[{"index":0,"delta":{"content":"a","x_hint":"first"},
				 "native_finish_reason":null,"content_filter_results":{}}]}""");
		add("""
				{"choices":[{"index":0,"delta":{"x_hint":"second","x_other":1},"finish_reason":"stop",
				 "native_finish_reason":"end_turn","content_filter_results":{"hate":{"filtered":false}}}]}""");
		Choice choice = this.aggregator.result().choices().get(0);
		assertThat(choice.message().extra()).containsOnly(entry("x_hint", "second"), entry("x_other", 1));
		assertThat(choice.extra()).containsOnly(entry("native_finish_reason", "end_turn"),
				entry("content_filter_results", Map.of("hate", Map.of("filtered", false))));
	}

	@Test
	void concatenatesAudioDataAndTranscript() {
		addDelta("{\"audio\":{\"id\":\"audio_1\",\"expires_at\":1700000100,\"data\":\"AAA\",\"transcript\":\"Hel\"}}");
		addDelta("{\"audio\":{\"id\":\"audio_2\",\"expires_at\":1700000200,\"data\":\"BBB\",\"transcript\":\"lo\"}}");
		AssistantMessage message = this.aggregator.result().choices().get(0).message();
		assertThat(message.audio().id()).isEqualTo("audio_1");
		assertThat(message.audio().expiresAt()).isEqualTo(1700000100L);
		assertThat(message.audio().data()).isEqualTo("AAABBB");
		assertThat(message.audio().transcript()).isEqualTo("Hello");
	}

	@Test
	void mergesTheDeprecatedFunctionCall() {
		addDelta("{\"function_call\":{\"name\":\"get_weather\",\"arguments\":\"\"}}");
		addDelta("{\"function_call\":{\"arguments\":\"{\\\"city\\\":\"}}");
		addDelta("{\"function_call\":{\"name\":\"get_weather\",\"arguments\":\"\\\"Oslo\\\"}\"}}");
		assertThat(this.aggregator.result().choices().get(0).message().functionCall()).satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{\"city\":\"Oslo\"}");
		});
	}

	@Test
	void assemblesAToolCallFromIndexedFragments() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"ty\\\": \\\"Paris\\\"}\"}}");
		addFinish("tool_calls");
		assertThat(toolCalls()).containsExactly(function("call_1", "get_weather", "{\"city\": \"Paris\"}"));
		assertThat(this.aggregator.hasToolCalls()).isTrue();
		assertThat(this.aggregator.result().choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(this.aggregator.result().choices().get(0).finishReason().providerValue()).isNull();
	}

	@Test
	void keepsParallelIndexedCallsApart() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"\"}}");
		addToolCalls(
				"{\"index\":1,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"{}\"}}");
		addToolCalls("{\"index\":1,\"function\":{\"arguments\":\"[]\"}}");
		assertThat(toolCalls()).containsExactly(function("call_1", "a", "{}"), function("call_2", "b", "[]"));
	}

	@Test
	void selectsTheSameCallWhenEveryChunkRepeatsTheFullId() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\"\"}}");
		addToolCalls("{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"arguments\":\": 1\"}}");
		addToolCalls(
				"{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"}\"}}");
		assertThat(toolCalls()).containsExactly(function("call_1", "lookup", "{\"q\": 1}"));
	}

	@Test
	void appendsTheArgumentsOfAFinalChunkThatRepeatsTheMetadata() {
		addToolCalls(
				"{\"id\":\"chatcmpl-tool-1\",\"type\":\"function\",\"index\":0,\"function\":{\"name\":\"search_docs\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"{\\\"query\\\": \\\"\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"refund\\\", \\\"top_k\\\": \"}}");
		addToolCalls(
				"{\"index\":0,\"id\":\"chatcmpl-tool-1\",\"type\":\"function\",\"function\":{\"name\":\"search_docs\",\"arguments\":\"3}\"}}");
		assertThat(toolCalls())
			.containsExactly(function("chatcmpl-tool-1", "search_docs", "{\"query\": \"refund\", \"top_k\": 3}"));
	}

	@Test
	void startsANewCallWhenADistinctIdAndNameArriveAtAnIndexInUse() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}");
		addToolCalls(
				"{\"index\":0,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"{\\\"y\\\":2}\"}}");
		addToolCalls(
				"{\"index\":0,\"id\":\"call_3\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}}");
		assertThat(toolCalls()).containsExactly(function("call_1", "a", "{\"x\":1}"),
				function("call_2", "b", "{\"y\":2}"), function("call_3", "a", "{}"));
	}

	@Test
	void neverConcatenatesANewIdThatArrivesWithoutAName() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{\"}}");
		addToolCalls("{\"index\":0,\"id\":\"call_1b\",\"type\":\"function\",\"function\":{\"arguments\":\"}\"}}");
		assertThat(toolCalls()).containsExactly(function("call_1", "a", "{}"));
	}

	@Test
	void keepsSeveralCompleteCallsOfOneDeltaInOrder() {
		addToolCalls("""
				{"index":0,"id":"call_1","type":"function","function":{"name":"a","arguments":"{}"}},
				{"index":1,"id":"call_2","type":"function","function":{"name":"b","arguments":"{\\"k\\":1}"}},
				{"index":2,"id":"call_3","type":"function","function":{"name":"c","arguments":"[]"}}""");
		assertThat(toolCalls()).containsExactly(function("call_1", "a", "{}"), function("call_2", "b", "{\"k\":1}"),
				function("call_3", "c", "[]"));
	}

	@Test
	void startsANewIndexlessCallForEachNameWhenIdsAreEmpty() {
		addToolCalls(
				"""
						{"function":{"arguments":"{\\"query\\":\\"refund\\"}","name":"search_docs"},"id":"","type":"function"},
						{"function":{"arguments":"{\\"order_id\\":\\"A-1\\"}","name":"get_order"},"id":"","type":"function"}""");
		addFinish("tool_calls");
		assertThat(toolCalls()).containsExactly(function("", "search_docs", "{\"query\":\"refund\"}"),
				function("", "get_order", "{\"order_id\":\"A-1\"}"));
	}

	@Test
	void routesIndexlessFragmentsById() {
		addToolCalls(
				"{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"x\\\":\"}}");
		addToolCalls(
				"{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"b\",\"arguments\":\"{\\\"y\\\":\"}}");
		addToolCalls("{\"id\":\"call_a\",\"function\":{\"arguments\":\"1}\"}}");
		addToolCalls("{\"id\":\"call_b\",\"function\":{\"arguments\":\"2}\"}}");
		assertThat(toolCalls()).containsExactly(function("call_a", "a", "{\"x\":1}"),
				function("call_b", "b", "{\"y\":2}"));
	}

	@Test
	void givesANameToTheIndexlessCallThatAHeaderOpened() {
		addToolCalls("{\"id\":\"call_1\",\"type\":\"function\"}");
		assertThat(toolCalls()).singleElement().satisfies((call) -> assertThat(call.id()).isEqualTo("call_1"));
		addToolCalls("{\"function\":{\"name\":\"lookup\"}}");
		addToolCalls("{\"function\":{\"arguments\":\"{}\"}}");
		addToolCalls("{\"function\":{\"name\":\"second\",\"arguments\":\"[]\"}}");
		assertThat(toolCalls()).containsExactly(function("call_1", "lookup", "{}"), function(null, "second", "[]"));
	}

	@Test
	void continuesTheMostRecentCallWithAnIndexlessArgumentsFragment() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"x\\\"\"}}");
		addToolCalls("{\"function\":{\"arguments\":\":1}\"}}");
		assertThat(toolCalls()).containsExactly(function("call_1", "a", "{\"x\":1}"));
	}

	@Test
	void ignoresATrailingSentinelFragment() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}}");
		addToolCalls("{\"index\":0,\"id\":\"\",\"type\":\"function\",\"function\":{\"arguments\":null}}");
		addToolCalls("{\"id\":\"\",\"function\":{\"name\":\"\",\"arguments\":null}}");
		addToolCalls("{\"index\":1,\"id\":\"\",\"function\":{\"arguments\":null}}");
		assertThat(toolCalls()).containsExactly(function("call_1", "a", "{}"));
	}

	@Test
	void addsNoCallForASentinelFragmentAlone() {
		addToolCalls("{\"id\":\"\",\"function\":{\"arguments\":null}}");
		assertThat(this.aggregator.hasToolCalls()).isFalse();
		assertThat(this.aggregator.result().choices().get(0).message().toolCalls()).isNull();
	}

	@Test
	void keepsTheUnknownFieldsOfToolCallFragments() {
		addToolCalls(
				"""
						{"extra_content":{"google":{"thought_signature":"sig-1"}},"x_seq":1,
						 "function":{"name":"get_forecast","arguments":"{}","x_strict":true},"id":"function-call-1","type":"function"}""");
		addToolCalls("{\"id\":\"function-call-1\",\"x_seq\":2}");
		FunctionToolCall call = (FunctionToolCall) toolCalls().get(0);
		assertThat(call.extra()).containsOnly(
				entry("extra_content", Map.of("google", Map.of("thought_signature", "sig-1"))), entry("x_seq", 2));
		assertThat(call.function().extra()).containsOnly(entry("x_strict", true));
	}

	@Test
	void reportsAStopWithToolCallsAsToolCallsAndKeepsTheRawValue() {
		addToolCalls(
				"{\"function\":{\"arguments\":\"{}\",\"name\":\"get_forecast\"},\"id\":\"function-call-1\",\"type\":\"function\"}");
		add("{\"choices\":[{\"delta\":{\"role\":\"assistant\"},\"finish_reason\":\"stop\",\"index\":0}]}");
		Choice choice = this.aggregator.result().choices().get(0);
		assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(choice.finishReason().providerValue()).isEqualTo("stop");
		assertThat(choice.extra()).isEmpty();
	}

	@Test
	void givesTheSameFinishReasonAsTheCompletionReadWhole() {
		addToolCalls(
				"{\"function\":{\"arguments\":\"{}\",\"name\":\"get_forecast\"},\"id\":\"call-1\",\"type\":\"function\"}");
		add("{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\",\"index\":0}]}");
		ChatCompletion whole = ChatJson.mapper()
			.readValue("""
					{"id":"c1","object":"chat.completion","created":1,"model":"gemini-2.5-pro","choices":[{"index":0,
					 "message":{"role":"assistant","tool_calls":[{"id":"call-1","type":"function",
					 "function":{"name":"get_forecast","arguments":"{}"}}]},"finish_reason":"stop"}]}""",
					ChatCompletion.class);
		Choice streamed = this.aggregator.result().choices().get(0);
		Choice read = whole.choices().get(0);
		assertThat(streamed.finishReason()).isEqualTo(read.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(streamed.finishReason().providerValue()).isEqualTo(read.finishReason().providerValue())
			.isEqualTo("stop");
		assertThat(ChatJson.mapper().writeValueAsString(read)).contains("\"finish_reason\":\"stop\"");
	}

	@Test
	void keepsAStopWithoutToolCalls() {
		addDelta("{\"content\":\"Hi\"}");
		addFinish("stop");
		Choice choice = this.aggregator.result().choices().get(0);
		assertThat(choice.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(choice.extra()).isEmpty();
	}

	@Test
	void keepsTheLastFinishReasonAndItsRawValue() {
		addDelta("{\"content\":\"Hi\"}");
		addFinish("end_turn");
		add("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":null}]}");
		FinishReason finishReason = this.aggregator.result().choices().get(0).finishReason();
		assertThat(finishReason.value()).isEqualTo("end_turn");
		assertThat(finishReason.normalized()).isEqualTo("stop");
	}

	@Test
	void buildsACustomToolCallFromCustomFragments() {
		addToolCalls(
				"{\"index\":0,\"id\":\"call_c\",\"type\":\"custom\",\"custom\":{\"name\":\"sql\",\"input\":\"SELECT\"}}");
		addToolCalls("{\"index\":0,\"custom\":{\"input\":\" 1\"}}");
		assertThat(toolCalls()).singleElement().isInstanceOfSatisfying(CustomToolCall.class, (call) -> {
			assertThat(call.id()).isEqualTo("call_c");
			assertThat(call.custom().name()).isEqualTo("sql");
			assertThat(call.custom().input()).isEqualTo("SELECT 1");
		});
	}

	@Test
	void buildsAFunctionToolCallWhenNoTypeWasGiven() {
		addToolCalls("{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}}");
		assertThat(toolCalls()).singleElement()
			.isInstanceOfSatisfying(FunctionToolCall.class, (call) -> assertThat(call.type()).isEqualTo("function"));
	}

	@Test
	void returnsThePartialAggregateAfterACancel() {
		addDelta("{\"role\":\"assistant\",\"content\":\"Reading\"}");
		addToolCalls(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":\"\"}}");
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"{\\\"path\\\":\\\"/var\"}}");
		ChatCompletion partial = this.aggregator.result();
		assertThat(this.aggregator.isComplete()).isFalse();
		assertThat(partial.content()).isEqualTo("Reading");
		assertThat(partial.choices().get(0).finishReason()).isNull();
		assertThat(partial.choices().get(0).message().toolCalls())
			.containsExactly(function("call_1", "read_file", "{\"path\":\"/var"));
		addToolCalls("{\"index\":0,\"function\":{\"arguments\":\"/log\\\"}\"}}");
		addFinish("tool_calls");
		assertThat(this.aggregator.isComplete()).isTrue();
		assertThat(toolCalls()).containsExactly(function("call_1", "read_file", "{\"path\":\"/var/log\"}"));
		assertThat(partial.choices().get(0).message().toolCalls())
			.containsExactly(function("call_1", "read_file", "{\"path\":\"/var"));
	}

	@Test
	void hasAnEmptyResultBeforeTheFirstChunk() {
		ChatCompletion result = this.aggregator.result();
		assertThat(result.choices()).isEmpty();
		assertThat(result.id()).isNull();
		assertThat(result.object()).isEqualTo("chat.completion");
		assertThat(this.aggregator.chunkCount()).isZero();
		assertThat(this.aggregator.isComplete()).isFalse();
	}

	@Test
	void aggregatesAFluxOfChunks() {
		Flux<ChatCompletionChunk> chunks = Flux.just(chunk(
				"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}"),
				chunk("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"},\"finish_reason\":\"stop\"}]}"),
				chunk("{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}"));
		Mono<ChatCompletion> completion = ChatCompletionAggregator.aggregate(chunks);
		StepVerifier.create(completion).assertNext((result) -> {
			assertThat(result.content()).isEqualTo("Hi there");
			assertThat(result.usage().totalTokens()).isEqualTo(3);
		}).verifyComplete();
		StepVerifier.create(completion)
			.assertNext((result) -> assertThat(result.content()).isEqualTo("Hi there"))
			.verifyComplete();
	}

	@Test
	void aggregatesAnEmptyFluxIntoACompletionWithoutChoices() {
		StepVerifier.create(ChatCompletionAggregator.aggregate(Flux.empty()))
			.assertNext((result) -> assertThat(result.choices()).isEmpty())
			.verifyComplete();
	}

	@Test
	void propagatesTheErrorOfTheFlux() {
		Flux<ChatCompletionChunk> chunks = Flux.just(chunk("{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}"))
			.concatWith(Flux.error(new IllegalStateException("cut")));
		StepVerifier.create(ChatCompletionAggregator.aggregate(chunks)).expectErrorMessage("cut").verify();
	}

	@Test
	void extraFieldsThatFirstArriveMidStreamAppearOnlyInLaterResults() {
		add("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"x_hint\":null},"
				+ "\"native_finish_reason\":null}]}");
		ChatCompletion early = this.aggregator.result();
		add("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\",\"x_hint\":\"h\"},"
				+ "\"logprobs\":{\"content\":[],\"x_scale\":2},\"native_finish_reason\":\"end_turn\","
				+ "\"finish_reason\":\"stop\"}]}");
		ChatCompletion late = this.aggregator.result();
		Choice before = early.choices().get(0);
		assertThat(before.extra()).isEmpty();
		assertThat(before.message().extra()).isEmpty();
		assertThat(before.message().toolCalls()).isNull();
		assertThat(before.logprobs()).isNull();
		Choice after = late.choices().get(0);
		assertThat(after.message().text()).isEqualTo("ab");
		assertThat(after.extra()).containsOnly(entry("native_finish_reason", "end_turn"));
		assertThat(after.message().extra()).containsOnly(entry("x_hint", "h"));
		assertThat(after.logprobs()).isNotNull();
		assertThat(after.logprobs().extra()).containsOnly(entry("x_scale", 2));
		assertThat(this.aggregator.hasToolCalls()).isFalse();
	}

	private void add(String json) {
		this.aggregator.add(chunk(json));
	}

	private void addDelta(String delta) {
		add("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}");
	}

	private void addToolCalls(String fragments) {
		addDelta("{\"tool_calls\":[" + fragments + "]}");
	}

	private void addFinish(String finishReason) {
		add("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + finishReason + "\"}]}");
	}

	private List<ToolCall> toolCalls() {
		return this.aggregator.result().choices().get(0).message().toolCalls();
	}

	private static ChatCompletionChunk chunk(String json) {
		return ChatJson.mapper().readValue(json, ChatCompletionChunk.class);
	}

	private static FunctionToolCall function(@Nullable String id, String name, String arguments) {
		return new FunctionToolCall(id, new FunctionCall(name, arguments), null);
	}

}
