package com.mulerun.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ResponseFormat;
import com.mulerun.chat.structured.JsonSchemaGenerator;
import com.mulerun.chat.tool.ChatToolParam;
import com.mulerun.chat.tool.ChatTools;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The feature benchmark: what structured output and the tool loop cost on top of the
 * plain calls an application would otherwise write, against the fake endpoint, with
 * blocking calls at concurrency 1 and 32, in interleaved rounds after a warm-up (the
 * settings of the client benchmark).
 *
 * <ul>
 * <li>{@code entity(request, Itinerary.class)} vs
 * {@code create(request + the same json_schema response format)} followed by
 * {@code JsonMapper.readValue(content, Itinerary.class)}: the endpoint sends the same
 * structured body to both;</li>
 * <li>{@code create(request, tools)}, which runs a two-round conversation (the endpoint
 * calls the tool, then answers), vs two plain {@code create} calls with the same bodies,
 * the second built by hand from the first answer's tool call (arguments read, the tool
 * run, its result written).</li>
 * </ul>
 * The template of these subjects reads JSON with a copy of {@link ChatJson#mapper()}
 * whose {@link JsonNodeFactory} counts the object nodes it creates. victools' schema
 * generator builds every schema from such nodes (one generation of the itinerary's schema
 * creates 64), so schema work on the hot path cannot hide: the count is kept per
 * measurement, and after the measured rounds 1,000 more {@code entity} calls run with the
 * creator of every node recorded (the schema generator, or the first
 * {@code com.mulerun.chat} frame). The allocation of one fresh generation of the same
 * schema is measured too, for scale.
 */
final class FeatureBenchmark {

	static final int[] CONCURRENCY = { 1, 32 };

	private static final Itinerary EXPECTED = ChatJson.mapper().readValue(Payloads.STRUCTURED_CONTENT, Itinerary.class);

	private static final com.sun.management.ThreadMXBean THREAD = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
		.getThreadMXBean();

	private final ClientBenchmark.Options options;

	private final FakeOpenAiServer server;

	private final ThreadStats threadStats = new ThreadStats();

	private final ExecutorService workers;

	private final CountingNodeFactory nodes = new CountingNodeFactory();

	private final Map<Feature, List<Measurement>> results = new LinkedHashMap<>();

	private FeatureBenchmark(ClientBenchmark.Options options, FakeOpenAiServer server) {
		this.options = options;
		this.server = server;
		AtomicInteger ids = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(32, (task) -> {
			Thread thread = new Thread(task, "bench-worker-" + ids.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Runs the benchmark and returns its report.
	 * @param args the options of the client benchmark ({@code --rounds},
	 * {@code --warmup-rounds}, {@code --measurement-ms}, {@code --warmup-ms},
	 * {@code --only}: run only the subjects whose "group api" label contains one of the
	 * comma-separated words, e.g. {@code --only entity,loop})
	 * @return the markdown report
	 * @throws Exception when the run fails
	 */
	static String run(List<String> args) throws Exception {
		ClientBenchmark.Options options = ClientBenchmark.Options.parse(args);
		try (FakeOpenAiServer server = FakeOpenAiServer.start(options.chunks(), 2)) {
			FeatureBenchmark benchmark = new FeatureBenchmark(options, server);
			try {
				return benchmark.runAll();
			}
			finally {
				benchmark.workers.shutdownNow();
			}
		}
	}

	private String runAll() throws Exception {
		JsonMapper mapper = ChatJson.mapper().rebuild().nodeFactory(this.nodes).build();
		ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(FakeOpenAiServer.API_KEY)
			.jsonMapper(mapper)
			.build();
		ChatCompletionRequest structured = ChatCompletionRequest.builder()
			.model(Payloads.MODEL)
			.userMessage(Payloads.STRUCTURED_PROMPT)
			.build();
		// what an application without entity() sends: the same strict json_schema
		// response format
		ChatCompletionRequest structuredByHand = structured.mutate()
			.responseFormat(ResponseFormat.jsonSchema("Itinerary",
					new JsonSchemaGenerator(ChatJson.mapper()).schemaFor(Itinerary.class), true))
			.build();
		ChatTools tools = ChatTools.builder()
			.tool(Payloads.TOOL_NAME, "Current weather of a city", WeatherQuery.class, FeatureBenchmark::weather)
			.build();
		CallOptions withTools = CallOptions.builder().tools(tools).build();
		ChatCompletionRequest conversation = ChatCompletionRequest.builder()
			.model(Payloads.MODEL)
			.userMessage(Payloads.TOOL_PROMPT)
			.build();
		ChatCompletionRequest firstByHand = conversation.mutate().tools(tools.definitions()).build();

		long nodesBefore = this.nodes.count();
		verify(template.entity(structured, Itinerary.class));
		long firstCallNodes = this.nodes.count() - nodesBefore;

		List<Feature> features = List.of(
				new Feature("structured", "`create` + `readValue`", 1,
						() -> verify(mapper.readValue(template.create(structuredByHand).content(), Itinerary.class))),
				new Feature("structured", "`entity`", 1, () -> verify(template.entity(structured, Itinerary.class))),
				new Feature("tool round", "2 × `create`, tool run by hand", 2, () -> {
					ChatCompletion first = template.create(firstByHand);
					AssistantMessage message = first.choices().get(0).message();
					FunctionToolCall call = (FunctionToolCall) message.toolCallsOrEmpty().get(0);
					WeatherQuery query = mapper.readValue(call.function().arguments(), WeatherQuery.class);
					List<ChatMessage> messages = new ArrayList<>(firstByHand.messagesOrEmpty());
					messages.add(message);
					messages.add(ChatMessage.tool(call.id(), mapper.writeValueAsString(weather(query))));
					verifyAnswer(template.create(firstByHand.mutate().messages(messages).build()));
				}), new Feature("tool round", "`create` with tools (loop)", 2,
						() -> verifyAnswer(template.create(conversation, withTools))));
		for (Feature feature : features) {
			this.results.put(feature, new ArrayList<>());
		}
		List<Scenario> scenarios = new ArrayList<>();
		for (Feature feature : features) {
			if (!this.options.filter().test(feature.group() + " " + feature.api())) {
				continue;
			}
			for (int concurrency : CONCURRENCY) {
				scenarios.add(new Scenario(feature, concurrency));
			}
		}
		int total = this.options.warmupRounds() + this.options.rounds();
		for (int round = 0; round < total; round++) {
			boolean record = round >= this.options.warmupRounds();
			ClientBenchmark.log("%s round %d/%d", record ? "" : "warm-up",
					record ? round - this.options.warmupRounds() + 1 : round + 1,
					record ? this.options.rounds() : this.options.warmupRounds());
			for (int i = 0; i < scenarios.size(); i++) {
				Scenario scenario = scenarios.get((i + round) % scenarios.size());
				System.gc();
				Measurement measurement = measure(scenario,
						record ? this.options.measurement() : this.options.warmup());
				if (record) {
					this.results.get(scenario.feature()).add(measurement);
				}
				ClientBenchmark.log("  %-12s %-32s c=%-2d %s", scenario.feature().group(), scenario.feature().api(),
						scenario.concurrency(), measurement.summary());
			}
		}
		if (this.server.rejected() != 0) {
			throw new ClientBenchmark.VerificationError(
					"the endpoint rejected " + this.server.rejected() + " requests");
		}
		int inspectedCalls = 1000;
		Map<String, Long> creators = this.nodes.inspect(() -> {
			for (int i = 0; i < inspectedCalls; i++) {
				verify(template.entity(structured, Itinerary.class));
			}
		});
		return report(features, firstCallNodes, generationCost(), inspectedCalls, creators);
	}

	private Measurement measure(Scenario scenario, Duration duration) throws Exception {
		Feature feature = scenario.feature();
		long served = this.server.completions();
		long requestBytes = this.server.featureRequestBytes();
		long nodes = this.nodes.count();
		ThreadStats.Snapshot before = this.threadStats.snapshot();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		List<Future<Long>> futures = new ArrayList<>();
		for (int i = 0; i < scenario.concurrency(); i++) {
			futures.add(this.workers.submit(() -> {
				long calls = 0;
				while (System.nanoTime() < deadline) {
					feature.call().run();
					calls++;
				}
				return calls;
			}));
		}
		long operations = 0;
		for (Future<Long> future : futures) {
			operations += future.get(2, TimeUnit.MINUTES);
		}
		long elapsed = System.nanoTime() - start;
		ThreadStats.Delta delta = before.until(this.threadStats.snapshot());
		long requests = this.server.completions() - served;
		if (requests != operations * feature.requests()) {
			throw new ClientBenchmark.VerificationError(feature.api() + ": " + operations + " operations of "
					+ feature.requests() + " requests each, but the endpoint served " + requests);
		}
		return new Measurement(scenario.concurrency(), operations, elapsed, delta.bytes(), delta.cpuNanos(),
				this.server.featureRequestBytes() - requestBytes, this.nodes.count() - nodes, delta.threadGroups());
	}

	/**
	 * Measures one generation of the itinerary's schema by a fresh generator on a warm
	 * JVM: the bytes it allocates (the least of 20) and the object nodes it creates.
	 */
	private long[] generationCost() {
		JsonMapper mapper = ChatJson.mapper().rebuild().nodeFactory(this.nodes).build();
		long leastBytes = Long.MAX_VALUE;
		long nodes = 0;
		for (int i = 0; i < 20; i++) {
			JsonSchemaGenerator generator = new JsonSchemaGenerator(mapper);
			long nodesBefore = this.nodes.count();
			long before = THREAD.getCurrentThreadAllocatedBytes();
			generator.schemaFor(Itinerary.class);
			leastBytes = Math.min(leastBytes, THREAD.getCurrentThreadAllocatedBytes() - before);
			nodes = this.nodes.count() - nodesBefore;
		}
		return new long[] { leastBytes, nodes };
	}

	private String report(List<Feature> features, long firstCallNodes, long[] generation, int inspectedCalls,
			Map<String, Long> creators) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"Blocking calls, medians of %d interleaved rounds of %d ms per measurement after %d warm-up rounds; "
						+ "the same template (builder defaults) for every subject. \"Overhead\" compares each "
						+ "feature with the plain calls above it (for rates lower is worse, for B and CPU higher is "
						+ "worse). B = bytes allocated, CPU = CPU time, per operation, summed over all threads but "
						+ "the endpoint's. Request B = request body bytes the endpoint received per operation.%n%n",
				this.options.rounds(), this.options.measurement().toMillis(), this.options.warmupRounds()));
		out.append("| Feature | API | ops/s c=1 | overhead | ops/s c=32 | overhead | B/op c=32 | overhead | "
				+ "CPU µs/op c=1 | overhead | CPU µs/op c=32 | overhead | request B/op | object nodes |\n");
		out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (int i = 0; i < features.size(); i++) {
			Feature feature = features.get(i);
			Feature plain = (i % 2 == 1) ? features.get(i - 1) : null;
			out.append("| ").append(feature.group()).append(" | ").append(feature.api()).append(" | ");
			cell(out, feature, plain, 1, Measurement::perSecond, 0, true);
			cell(out, feature, plain, 32, Measurement::perSecond, 0, true);
			cell(out, feature, plain, 32, Measurement::bytesPerOp, 0, false);
			cell(out, feature, plain, 1, Measurement::cpuMicrosPerOp, 1, false);
			cell(out, feature, plain, 32, Measurement::cpuMicrosPerOp, 1, false);
			out.append(String.format(Locale.ROOT, "%,.0f | ", median(feature, 32, Measurement::requestBytesPerOp)));
			long nodes = this.results.get(feature).stream().mapToLong(Measurement::nodes).sum();
			long operations = this.results.get(feature).stream().mapToLong(Measurement::operations).sum();
			out.append(String.format(Locale.ROOT, "%d in %,d ops |%n", nodes, operations));
		}
		out.append(String.format(Locale.ROOT,
				"%nSchema work: the first `entity(…, Itinerary.class)` call created %d JSON object nodes through the "
						+ "template's mapper (the schema generation); one generation of the same schema by a fresh "
						+ "`JsonSchemaGenerator` on the warm JVM creates %d and allocates %,d bytes (least of 20). "
						+ "The \"object nodes\" column counts every object node the template's mapper created during the "
						+ "measured rounds. After them, %,d more `entity` calls were run with the creator of every "
						+ "node recorded (a stack walk per node): %s.%n",
				firstCallNodes, generation[1], generation[0], inspectedCalls,
				creators.isEmpty() ? "none was created" : creators.entrySet()
					.stream()
					.map((entry) -> String.format(Locale.ROOT, "%,d by `%s`", entry.getValue(), entry.getKey()))
					.collect(java.util.stream.Collectors.joining(", "))
						+ (creators.containsKey("victools schema generator") ? "" : ", none by the schema generator")));
		return out.toString();
	}

	private void cell(StringBuilder out, Feature feature, Feature plain, int concurrency,
			ToDoubleFunction<Measurement> metric, int decimals, boolean higherIsBetter) {
		double value = median(feature, concurrency, metric);
		out.append(String.format(Locale.ROOT, "%,." + decimals + "f | ", value));
		if (plain == null) {
			out.append("| ");
			return;
		}
		double base = median(plain, concurrency, metric);
		double overhead = higherIsBetter ? (base / value - 1) * 100 : (value / base - 1) * 100;
		out.append(String.format(Locale.ROOT, "%+.1f%% | ", overhead));
	}

	private double median(Feature feature, int concurrency, ToDoubleFunction<Measurement> metric) {
		double[] values = this.results.get(feature)
			.stream()
			.filter((measurement) -> measurement.concurrency == concurrency)
			.mapToDouble(metric)
			.sorted()
			.toArray();
		return (values.length == 0) ? Double.NaN : values[values.length / 2];
	}

	private static Weather weather(WeatherQuery query) {
		return new Weather(query.city(), 14, "light rain");
	}

	private static void verify(Itinerary itinerary) {
		if (!EXPECTED.equals(itinerary)) {
			throw new ClientBenchmark.VerificationError("a structured answer was read as " + itinerary);
		}
	}

	private static void verifyAnswer(ChatCompletion completion) {
		String content = completion.content();
		if (content == null || content.length() != Payloads.completionChars()) {
			throw new ClientBenchmark.VerificationError("a tool conversation ended with "
					+ ((content != null) ? content.length() + " content characters" : "no content") + ", not "
					+ Payloads.completionChars());
		}
	}

	/**
	 * The structured answer's type: a record with a nested list of records that hold a
	 * list.
	 *
	 * @param title the title
	 * @param stops the stops, in order
	 */
	public record Itinerary(String title, List<Stop> stops) {
	}

	/**
	 * One stop of an itinerary.
	 *
	 * @param city the city
	 * @param nights the nights spent there
	 * @param sights what to see
	 */
	public record Stop(String city, int nights, List<String> sights) {
	}

	/**
	 * The tool's arguments.
	 *
	 * @param city the city
	 */
	public record WeatherQuery(@ChatToolParam(description = "City name, e.g. Paris") String city) {
	}

	/**
	 * The tool's result.
	 *
	 * @param city the city
	 * @param celsius the temperature
	 * @param sky the sky
	 */
	public record Weather(String city, int celsius, String sky) {
	}

	/**
	 * A feature or its plain equivalent.
	 *
	 * @param group what is compared
	 * @param api how it is called
	 * @param requests the requests one operation sends
	 * @param call one operation, checked
	 */
	private record Feature(String group, String api, int requests, Runnable call) {
	}

	private record Scenario(Feature feature, int concurrency) {
	}

	/**
	 * One measurement.
	 */
	private static final class Measurement {

		final long operations;

		final long elapsedNanos;

		final long bytes;

		final long cpuNanos;

		final long requestBytes;

		final long nodes;

		final String threadGroups;

		final int concurrency;

		Measurement(int concurrency, long operations, long elapsedNanos, long bytes, long cpuNanos, long requestBytes,
				long nodes, String threadGroups) {
			this.concurrency = concurrency;
			this.threadGroups = threadGroups;
			this.operations = operations;
			this.elapsedNanos = elapsedNanos;
			this.bytes = bytes;
			this.cpuNanos = cpuNanos;
			this.requestBytes = requestBytes;
			this.nodes = nodes;
		}

		long operations() {
			return this.operations;
		}

		long nodes() {
			return this.nodes;
		}

		double perSecond() {
			return this.operations * 1e9 / this.elapsedNanos;
		}

		double bytesPerOp() {
			return (double) this.bytes / this.operations;
		}

		double cpuMicrosPerOp() {
			return this.cpuNanos / 1e3 / this.operations;
		}

		double requestBytesPerOp() {
			return (double) this.requestBytes / this.operations;
		}

		String summary() {
			return String.format(Locale.ROOT,
					"%,9.0f ops/s  %,9.0f B/op  %7.1f µs CPU/op  %,6.0f request B/op  nodes %d", perSecond(),
					bytesPerOp(), cpuMicrosPerOp(), requestBytesPerOp(), this.nodes) + "  [B%/CPU% by threads: "
					+ this.threadGroups + "]";
		}

	}

	/**
	 * A node factory that counts the object nodes it creates and, while inspecting, who
	 * creates them: victools' schema generator or the first {@code com.mulerun} frame on
	 * the stack (a stack walk per node, so only outside the measured rounds).
	 */
	private static final class CountingNodeFactory extends JsonNodeFactory {

		private static final long serialVersionUID = 1L;

		private final LongAdder created = new LongAdder();

		private transient volatile boolean inspecting;

		private final Map<String, LongAdder> creators = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public ObjectNode objectNode() {
			this.created.increment();
			if (this.inspecting) {
				String creator = StackWalker.getInstance()
					.walk((frames) -> frames
						.map((frame) -> frame.getClassName().startsWith("com.github.victools")
								? "victools schema generator"
								: frame.getClassName().startsWith("com.mulerun.chat")
										? frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1)
												+ "." + frame.getMethodName()
										: null)
						.filter(java.util.Objects::nonNull)
						.findFirst()
						.orElse("other"));
				this.creators.computeIfAbsent(creator, (key) -> new LongAdder()).increment();
			}
			return super.objectNode();
		}

		long count() {
			return this.created.sum();
		}

		/**
		 * Runs an action while recording who creates object nodes, and returns the counts
		 * by creator.
		 */
		Map<String, Long> inspect(Runnable action) {
			this.creators.clear();
			this.inspecting = true;
			try {
				action.run();
			}
			finally {
				this.inspecting = false;
			}
			Map<String, Long> counts = new java.util.TreeMap<>();
			this.creators.forEach((creator, count) -> counts.put(creator, count.sum()));
			return counts;
		}

	}

}
