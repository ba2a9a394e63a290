package com.mulerun.chat.tool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.error.MuleRunToolExecutionException;
import com.mulerun.chat.error.MuleRunToolLoopException;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Tool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.mulerun.chat.tool.ScriptedModel.answer;
import static com.mulerun.chat.tool.ScriptedModel.call;
import static com.mulerun.chat.tool.ScriptedModel.json;
import static com.mulerun.chat.tool.ScriptedModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Whole tool-calling conversations of blocking and {@code Mono} calls against a scripted
 * model: the requests sent each round, the results the tools send back, failures reported
 * to the model, limits and cancellation.
 */
class ToolLoopTests {

	static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder()
		.userMessage("What is the weather in Paris?")
		.build();

	final ScriptedModel model = new ScriptedModel();

	final ChatCompletionTemplate template = this.model.templateBuilder().build();

	final WeatherTools weather = new WeatherTools();

	@AfterEach
	void stop() {
		this.template.close();
		this.model.close();
	}

	@Test
	void oneToolCallIsExecutedAndTheSecondRequestCarriesTheAssistantMessageVerbatimAndTheToolMessage() {
		this.model.answers(toolCalls(call("call_1", "weather", "{\"city\":\"Paris\"}")), answer("Sunny, 21°C."));
		ChatTools tools = ChatTools.from(this.weather);

		ChatCompletion completion = this.template.create(REQUEST, CallOptions.builder().tools(tools).build());

		assertThat(completion.content()).isEqualTo("Sunny, 21°C.");
		assertThat(this.weather.cities).containsExactly("Paris");
		List<JsonNode> requests = this.model.requests();
		assertThat(requests).hasSize(2);
		String toolsJson = ChatJson.mapper().writeValueAsString(tools.definitions());
		assertThat(requests.get(0)).isEqualTo(json("""
				{"model":"gpt-5","messages":[{"role":"user","content":"What is the weather in Paris?"}],
				 "tools":%s}
				""".formatted(toolsJson)));
		assertThat(requests.get(1)).isEqualTo(json("""
				{"model":"gpt-5","messages":[
				  {"role":"user","content":"What is the weather in Paris?"},
				  {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
				    "function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"},
				    "extra_content":{"google":{"thought_signature":"c2ln"}}}],
				   "reasoning_content":"thinking","provider_state":{"turn":1}},
				  {"role":"tool","content":"Sunny in Paris","tool_call_id":"call_1"}],
				 "tools":%s}
				""".formatted(toolsJson)));
	}

	@Test
	void toolsAreAdvertisedWithTheirGeneratedParameterSchemaAfterTheToolsTheRequestListed() {
		this.model.answers(answer("Hi"));
		ChatCompletionRequest request = REQUEST.mutate().tool(Tool.function("lookup", "Looks up", null)).build();

		this.template.create(request, CallOptions.builder().tools(ChatTools.from(this.weather)).build());

		JsonNode tools = this.model.requests().get(0).get("tools");
		assertThat(tools.findValuesAsString("name")).containsExactly("lookup", "sensor", "weather");
		JsonNode weather = tools.get(2).get("function");
		assertThat(weather.get("description").asString()).isEqualTo("Returns the weather in a city");
		JsonNode parameters = weather.get("parameters");
		assertThat(parameters.get("type").asString()).isEqualTo("object");
		assertThat(parameters.get("properties").get("city").get("type").asString()).isEqualTo("string");
		assertThat(parameters.get("properties").get("city").get("description").asString()).isEqualTo("The city");
		assertThat(parameters.get("required").toString()).isEqualTo("[\"city\"]");
	}

	@Test
	void twoCallsOfOneRoundRunInParallelAndAnswerInTheModelsOrder() {
		this.model.answers(toolCalls(call("call_a", "first", "{}"), call("call_b", "second", "{}")), answer("Done"));
		ParallelTools parallel = new ParallelTools();

		ChatCompletion completion = this.template.create(REQUEST,
				CallOptions.builder().tools(ChatTools.from(parallel)).build());

		assertThat(completion.content()).isEqualTo("Done");
		JsonNode messages = this.model.requests().get(1).get("messages");
		assertThat(messages).hasSize(4);
		assertThat(messages.get(2)).isEqualTo(
				json("{\"role\":\"tool\",\"tool_call_id\":\"call_a\",\"content\":\"first, after second finished\"}"));
		assertThat(messages.get(3))
			.isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_b\",\"content\":\"second\"}"));
	}

	@Test
	void threeSequentialRoundsGrowTheConversationByTheAssistantAndToolMessagesOfEachRound() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")),
				toolCalls(call("c2", "weather", "{\"city\":\"Rome\"}")),
				toolCalls(call("c3", "weather", "{\"city\":\"Oslo\"}")), answer("Paris is the warmest."));

		ChatCompletion completion = this.template.create(REQUEST,
				CallOptions.builder().tools(ChatTools.from(this.weather)).build());

		assertThat(completion.content()).isEqualTo("Paris is the warmest.");
		assertThat(this.weather.cities).containsExactly("Paris", "Rome", "Oslo");
		assertThat(this.model.requests()).extracting((request) -> request.get("messages").size())
			.containsExactly(1, 3, 5, 7);
		JsonNode last = this.model.requests().get(3).get("messages");
		assertThat(last.get(6).get("tool_call_id").asString()).isEqualTo("c3");
		assertThat(last.get(6).get("content").asString()).isEqualTo("Sunny in Oslo");
	}

	@Test
	void theLoopStopsAfterMaxToolRoundTripsWithTheTranscriptAndSendsExactlyOneRequestMore() {
		this.model.alwaysAnswers(toolCalls(call("c", "weather", "{\"city\":\"Paris\"}")));

		assertThatExceptionOfType(MuleRunToolLoopException.class)
			.isThrownBy(() -> this.template.create(REQUEST,
					CallOptions.builder().tools(ChatTools.from(this.weather)).maxToolRoundTrips(2).build()))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("maxToolRoundTrips=2");
				assertThat(ex.maxToolRoundTrips()).isEqualTo(2);
				assertThat(ex.transcript()).hasSize(6);
				assertThat(ex.transcript().get(5)).isInstanceOfSatisfying(AssistantMessage.class,
						(message) -> assertThat(message.toolCallsOrEmpty()).hasSize(1));
				assertThat(ex.lastCompletion().id()).isEqualTo("chatcmpl-t");
			});
		assertThat(this.model.requests()).hasSize(3);
		assertThat(this.weather.cities).hasSize(2);
	}

	@Test
	void theDefaultLimitIsTenRoundTrips() {
		this.model.alwaysAnswers(toolCalls(call("c", "weather", "{\"city\":\"Paris\"}")));

		assertThatExceptionOfType(MuleRunToolLoopException.class).isThrownBy(
				() -> this.template.create(REQUEST, CallOptions.builder().tools(ChatTools.from(this.weather)).build()))
			.satisfies((ex) -> assertThat(ex.maxToolRoundTrips()).isEqualTo(CallOptions.DEFAULT_MAX_TOOL_ROUND_TRIPS));
		assertThat(this.model.requests()).hasSize(11);
	}

	@Test
	void maxToolRoundTripsMustBeAtLeastOneAndIsKeptByMutate() {
		assertThatIllegalArgumentException().isThrownBy(() -> CallOptions.builder().maxToolRoundTrips(0).build())
			.withMessage("maxToolRoundTrips must be at least 1 (was 0)");
		CallOptions options = CallOptions.builder().tools(ChatTools.from(this.weather)).maxToolRoundTrips(3).build();
		assertThat(options.mutate().build().maxToolRoundTripsOrDefault()).isEqualTo(3);
		assertThat(options.mutate().build().tools()).isSameAs(options.tools());
		assertThat(CallOptions.NONE.maxToolRoundTripsOrDefault()).isEqualTo(CallOptions.DEFAULT_MAX_TOOL_ROUND_TRIPS);
		assertThat(options.toString()).contains("tools=ChatTools[sensor, weather], maxToolRoundTrips=3");
	}

	@Test
	void failingCallsAreReportedToTheModelWhichRecovers() {
		this.model.answers(
				toolCalls(call("c1", "sensor", "{}"), call("c2", "weather", "{\"city\": 12"),
						call("c3", "weather", "{}"), call("c4", "nope", "{}"), call("c5", "weather", "{\"city\":[1]}")),
				answer("Sorry, the sensor is offline."));
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		ToolCallListener collector = new ToolCallListener() {

			@Override
			public void afterExecution(ToolInvocation invocation, ToolCallResult result) {
				if (invocation.toolCallId().equals("c1") || invocation.toolCallId().equals("c4")) {
					failures.add(result.failure());
				}
			}

		};

		ChatCompletion completion = this.template.create(REQUEST,
				CallOptions.builder()
					.tools(ChatTools.builder().tools(this.weather).listener(collector).build())
					.build());

		assertThat(completion.content()).isEqualTo("Sorry, the sensor is offline.");
		JsonNode messages = this.model.requests().get(1).get("messages");
		assertThat(error(messages.get(2))).isEqualTo("The tool failed: IllegalStateException: sensor offline");
		assertThat(error(messages.get(3))).startsWith("Invalid arguments: the arguments are not valid JSON (")
			.endsWith("Call the tool again with arguments that match its schema.");
		assertThat(error(messages.get(4))).isEqualTo("Invalid arguments: the required parameter 'city' is missing. "
				+ "Call the tool again with arguments that match its schema.");
		assertThat(error(messages.get(5)))
			.isEqualTo("Unknown tool 'nope'. The tools you can call are: sensor, weather");
		assertThat(error(messages.get(6))).startsWith("Invalid arguments: the parameter 'city' is not a valid String");
		assertThat(messages.toString()).doesNotContain("\\tat ").doesNotContain("sk-test-key");
		assertThat(this.weather.cities).isEmpty();
		assertThat(failures).hasSize(2)
			.anySatisfy((failure) -> assertThat(failure).isInstanceOf(IllegalStateException.class)
				.hasMessage("sensor offline"))
			.anySatisfy((failure) -> assertThat(failure).hasMessageStartingWith("Unknown tool 'nope'"));
	}

	@Test
	void aVetoedCallIsNotExecutedAndTheModelIsToldWhy() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")), answer("I may not look."));
		List<ToolCallResult> results = new CopyOnWriteArrayList<>();
		ToolCallListener approval = new ToolCallListener() {

			@Override
			public ToolCallDecision beforeExecution(ToolInvocation invocation) {
				return invocation.toolName().equals("weather") ? ToolCallDecision.veto("needs the user's approval")
						: ToolCallDecision.proceed();
			}

			@Override
			public void afterExecution(ToolInvocation invocation, ToolCallResult result) {
				results.add(result);
			}

		};
		ChatTools tools = ChatTools.builder().tools(this.weather).listener(approval).build();

		this.template.create(REQUEST, CallOptions.builder().tools(tools).build());

		assertThat(this.weather.cities).isEmpty();
		assertThat(error(this.model.requests().get(1).get("messages").get(2)))
			.isEqualTo("The call was refused: needs the user's approval");
		assertThat(results).singleElement().satisfies((result) -> assertThat(result.isError()).isTrue());
	}

	@Test
	void listenersSeeEveryInvocationBeforeAndTheResultAfter() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")), answer("Sunny."));
		List<String> events = new CopyOnWriteArrayList<>();
		ToolCallListener listener = new ToolCallListener() {

			@Override
			public ToolCallDecision beforeExecution(ToolInvocation invocation) {
				events.add("before " + invocation);
				return ToolCallDecision.proceed();
			}

			@Override
			public void afterExecution(ToolInvocation invocation, ToolCallResult result) {
				events.add("after " + result.content());
			}

		};

		this.template.create(REQUEST,
				CallOptions.builder()
					.tools(ChatTools.builder().tools(this.weather).listener(listener).build())
					.build());

		assertThat(events).containsExactly(
				"before ToolInvocation[toolName=weather, toolCallId=c1, arguments={\"city\":\"Paris\"}, round=1]",
				"after Sunny in Paris");
	}

	@Test
	void theRethrowPolicyEndsTheCallWithTheToolsFailure() {
		this.model.answers(toolCalls(call("c1", "sensor", "{}")), answer("unused"));
		ChatTools tools = ChatTools.builder().tools(this.weather).failurePolicy(ToolFailurePolicy.RETHROW).build();

		assertThatExceptionOfType(MuleRunToolExecutionException.class)
			.isThrownBy(() -> this.template.create(REQUEST, CallOptions.builder().tools(tools).build()))
			.satisfies((ex) -> {
				assertThat(ex.toolName()).isEqualTo("sensor");
				assertThat(ex.toolCallId()).isEqualTo("c1");
				assertThat(ex.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("sensor offline");
			});
		assertThat(this.model.requests()).hasSize(1);
	}

	@Test
	void aToolThatTakesLongerThanTheTimeoutIsCancelledAndReportedAsFailed() throws InterruptedException {
		this.model.answers(toolCalls(call("c1", "stuck", "{}")), answer("It timed out."));
		SlowTools slow = new SlowTools();
		ChatTools tools = ChatTools.builder()
			.tools(slow, this.weather)
			.timeout(Duration.ofSeconds(30))
			.timeout("stuck", Duration.ofMillis(200))
			.build();

		ChatCompletion completion = this.template.create(REQUEST, CallOptions.builder().tools(tools).build());

		assertThat(completion.content()).isEqualTo("It timed out.");
		assertThat(error(this.model.requests().get(1).get("messages").get(2)))
			.isEqualTo("The tool did not finish within 200 ms and was cancelled");
		assertThat(slow.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void cancellingTheCallerInterruptsARunningBlockingTool() throws InterruptedException {
		this.model.answers(toolCalls(call("c1", "stuck", "{}")), answer("unused"));
		SlowTools slow = new SlowTools();

		Disposable call = this.template.createMono(REQUEST, CallOptions.builder().tools(ChatTools.from(slow)).build())
			.subscribe();
		assertThat(slow.started.await(10, TimeUnit.SECONDS)).isTrue();
		call.dispose();

		assertThat(slow.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.model.requests()).hasSize(1);
	}

	@Test
	void createMonoRunsTheSameConversation() {
		this.model.answers(toolCalls(call("call_a", "first", "{}"), call("call_b", "second", "{}")), answer("Done"));

		StepVerifier
			.create(this.template.createMono(REQUEST,
					CallOptions.builder().tools(ChatTools.from(new ParallelTools())).build()))
			.assertNext((completion) -> assertThat(completion.content()).isEqualTo("Done"))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(this.model.requests().get(1).get("messages").findValuesAsString("tool_call_id"))
			.containsExactly("call_a", "call_b");
	}

	@Test
	void blockingToolsNeverRunOnAnEventLoopThread() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")), answer("Sunny."));

		StepVerifier
			.create(this.template.createMono(REQUEST,
					CallOptions.builder().tools(ChatTools.from(this.weather)).build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		assertThat(this.weather.threads).singleElement().satisfies((thread) -> {
			assertThat(thread.nonBlocking()).isFalse();
			assertThat(thread.name()).startsWith("boundedElastic").doesNotContain("nio").doesNotContain("epoll");
		});
	}

	@Test
	void reactiveAndVoidToolsAndLambdaToolsSendTheirResults() {
		this.model.answers(toolCalls(call("c1", "forecast", "{\"city\":\"Rome\",\"days\":2}"),
				call("c2", "reset", "{}"), call("c3", "now", "{}"), call("c4", "convert", "{\"celsius\":20}")),
				answer("ok"));
		ChatTools tools = ChatTools.builder()
			.tools(new ReactiveTools())
			.tool("now", "The current time", () -> "12:00")
			.tool("convert", "Celsius to Fahrenheit", Celsius.class, (input) -> input.celsius() * 9 / 5 + 32)
			.build();

		this.template.create(REQUEST, CallOptions.builder().tools(tools).build());

		JsonNode messages = this.model.requests().get(1).get("messages");
		assertThat(messages.get(2).get("content").asString())
			.isEqualTo("{\"city\":\"Rome\",\"days\":2,\"sky\":\"clear\"}");
		assertThat(messages.get(3).get("content").asString()).isEqualTo(ToolHandler.VOID_RESULT);
		assertThat(messages.get(4).get("content").asString()).isEqualTo("12:00");
		assertThat(messages.get(5).get("content").asString()).isEqualTo("68.0");
	}

	@Test
	void aReactiveToolRunsWithoutAWorkerThread() {
		this.model.answers(toolCalls(call("c1", "forecast", "{\"city\":\"Rome\",\"days\":1}")), answer("Clear."));
		ReactiveTools reactive = new ReactiveTools();

		StepVerifier
			.create(this.template.createMono(REQUEST, CallOptions.builder().tools(ChatTools.from(reactive)).build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		assertThat(reactive.threads).singleElement().satisfies((thread) -> {
			assertThat(thread.name()).doesNotStartWith("boundedElastic");
			assertThat(thread.nonBlocking()).as(thread.name()).isTrue();
		});
	}

	@Test
	void structuredOutputWithToolsRunsTheLoopThenParsesTheFinalAnswer() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")),
				answer("{\"city\":\"Paris\",\"sky\":\"Sunny\"}"));

		CityWeather weather = this.template.entity(REQUEST, CityWeather.class,
				CallOptions.builder().tools(ChatTools.from(this.weather)).build());

		assertThat(weather).isEqualTo(new CityWeather("Paris", "Sunny"));
		List<JsonNode> requests = this.model.requests();
		assertThat(requests).hasSize(2).allSatisfy((request) -> {
			assertThat(request.get("response_format").get("type").asString()).isEqualTo("json_schema");
			assertThat(request.get("tools").findValuesAsString("name")).contains("weather");
		});
		assertThat(requests.get(1).get("messages").get(2).get("content").asString()).isEqualTo("Sunny in Paris");
	}

	@Test
	void anAnswerThatCallsAToolTheRequestListedGoesBackToTheCaller() {
		this.model.answers(toolCalls(call("c1", "lookup", "{}")), answer("unused"));
		ChatCompletionRequest request = REQUEST.mutate().tool(Tool.function("lookup", "Looks up", null)).build();

		ChatCompletion completion = this.template.create(request,
				CallOptions.builder().tools(ChatTools.from(this.weather)).build());

		assertThat(completion.choices().get(0).message().toolCallsOrEmpty()).hasSize(1);
		assertThat(this.model.requests()).hasSize(1);
	}

	@Test
	void defaultToolsApplyToEveryCallUnlessTheCallSwitchesThemOff() {
		this.model.answers(toolCalls(call("c1", "weather", "{\"city\":\"Paris\"}")), answer("Sunny."), answer("Hi"));
		try (ChatCompletionTemplate withDefaults = this.model.templateBuilder()
			.defaultTools(ChatTools.from(this.weather))
			.build()) {

			assertThat(withDefaults.create(REQUEST).content()).isEqualTo("Sunny.");
			assertThat(withDefaults.create(REQUEST, CallOptions.builder().tools(ChatTools.none()).build()).content())
				.isEqualTo("Hi");
		}
		List<JsonNode> requests = this.model.requests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(2).has("tools")).isFalse();
	}

	private static String error(JsonNode toolMessage) {
		assertThat(toolMessage.get("role").asString()).isEqualTo("tool");
		return json(toolMessage.get("content").asString()).get("error").asString();
	}

	record ThreadSeen(String name, boolean nonBlocking) {
	}

	static final class WeatherTools {

		final List<String> cities = new CopyOnWriteArrayList<>();

		final List<ThreadSeen> threads = new CopyOnWriteArrayList<>();

		@ChatTool(description = "Returns the weather in a city")
		String weather(@ChatToolParam(description = "The city") String city) {
			this.cities.add(city);
			this.threads.add(new ThreadSeen(Thread.currentThread().getName(), Schedulers.isInNonBlockingThread()));
			return "Sunny in " + city;
		}

		@ChatTool(description = "Reads the weather sensor")
		String sensor() {
			throw new IllegalStateException("sensor offline");
		}

	}

	static final class ParallelTools {

		private final CountDownLatch secondDone = new CountDownLatch(1);

		@ChatTool(description = "Finishes after the second tool")
		String first() throws InterruptedException {
			return this.secondDone.await(10, TimeUnit.SECONDS) ? "first, after second finished" : "first alone";
		}

		@ChatTool(description = "Finishes at once")
		String second() {
			this.secondDone.countDown();
			return "second";
		}

	}

	static final class SlowTools {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch interrupted = new CountDownLatch(1);

		@ChatTool(description = "Never finishes by itself")
		String stuck() {
			this.started.countDown();
			try {
				new CountDownLatch(1).await(30, TimeUnit.SECONDS);
				return "woke up";
			}
			catch (InterruptedException ex) {
				this.interrupted.countDown();
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

	}

	record Forecast(String city, int days, String sky) {
	}

	record CityWeather(String city, String sky) {
	}

	record Celsius(@ChatToolParam(description = "Degrees Celsius") double celsius) {
	}

	static final class ReactiveTools {

		final List<ThreadSeen> threads = new CopyOnWriteArrayList<>();

		@ChatTool(description = "The forecast")
		Mono<Forecast> forecast(String city, int days) {
			this.threads.add(new ThreadSeen(Thread.currentThread().getName(), Schedulers.isInNonBlockingThread()));
			return Mono.just(new Forecast(city, days, "clear"));
		}

		@ChatTool(description = "Resets the station")
		void reset() {
		}

	}

}
