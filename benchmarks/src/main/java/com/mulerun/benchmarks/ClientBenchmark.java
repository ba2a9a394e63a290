package com.mulerun.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.mulerun.benchmarks.boot.BenchApplication;
import com.mulerun.benchmarks.clients.OpenAiJavaClient;
import com.mulerun.benchmarks.clients.RawWebClient;
import com.mulerun.benchmarks.clients.SpringAiClient;
import com.mulerun.benchmarks.clients.Subject;
import com.mulerun.benchmarks.clients.TemplateClient;
import com.mulerun.chat.ChatCompletionTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client benchmark: the same work done by the template (built by its builder, and the
 * bean the starter auto-configures in {@link BenchApplication}), raw WebClient, Spring AI
 * and openai-java against the fake endpoint, in one JVM, in interleaved rounds (the order
 * of the measurements rotates every round), after a warm-up. Measures non-streaming
 * requests/s at concurrency 1 and 32, streaming chunks/s at concurrency 1 and 16 with
 * 200-chunk streams, time to first chunk, bytes allocated and CPU time per request and
 * per chunk (summed over all threads but the endpoint's), and prints medians over the
 * rounds with each client's ratio to raw WebClient.
 *
 * <p>
 * Every response is checked while it runs: each completion's content and each stream's
 * total content must have exactly the number of characters the endpoint sent, and the
 * endpoint's request counters must match the client's count, so a fast but wrong client
 * cannot win. A mismatch aborts the run.
 */
public final class ClientBenchmark {

	static final int[] COMPLETION_CONCURRENCY = { 1, 32 };

	static final int[] STREAM_CONCURRENCY = { 1, 16 };

	private final Options options;

	private final FakeOpenAiServer server;

	private final ThreadStats threadStats = new ThreadStats();

	private final ExecutorService workers;

	private final List<Scenario> scenarios = new ArrayList<>();

	private final Map<Scenario, List<Round>> results = new LinkedHashMap<>();

	private ClientBenchmark(Options options, FakeOpenAiServer server) {
		this.options = options;
		this.server = server;
		AtomicInteger workerIds = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(32, (task) -> {
			Thread thread = new Thread(task, "bench-worker-" + workerIds.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The benchmark's settings.
	 *
	 * @param warmupRounds the rounds run before measuring
	 * @param rounds the measured rounds
	 * @param measurement how long each measurement issues requests
	 * @param warmup how long each warm-up measurement issues requests
	 * @param chunks the chunks per stream
	 * @param filter which subjects run (matched against their labels)
	 */
	record Options(int warmupRounds, int rounds, Duration measurement, Duration warmup, int chunks,
			Predicate<String> filter) {

		static Options parse(List<String> args) {
			int warmupRounds = 4;
			int rounds = 7;
			Duration measurement = Duration.ofMillis(600);
			Duration warmup = Duration.ofMillis(600);
			int chunks = 200;
			Predicate<String> filter = (label) -> true;
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--warmup-rounds" -> warmupRounds = Integer.parseInt(args.get(++i));
					case "--rounds" -> rounds = Integer.parseInt(args.get(++i));
					case "--measurement-ms" -> measurement = Duration.ofMillis(Long.parseLong(args.get(++i)));
					case "--warmup-ms" -> warmup = Duration.ofMillis(Long.parseLong(args.get(++i)));
					case "--chunks" -> chunks = Integer.parseInt(args.get(++i));
					case "--only" -> {
						List<String> needles = List.of(args.get(++i).toLowerCase(Locale.ROOT).split(","));
						filter = (label) -> needles.stream()
							.anyMatch((needle) -> label.toLowerCase(Locale.ROOT).contains(needle.trim()));
					}
					default -> throw new IllegalArgumentException("unknown option " + arg);
				}
			}
			return new Options(warmupRounds, rounds, measurement, warmup, chunks, filter);
		}

	}

	/**
	 * Runs the benchmark and returns its report.
	 * @param args the options
	 * @return the markdown report
	 * @throws Exception when the run fails
	 */
	static String run(List<String> args) throws Exception {
		Options options = Options.parse(args);
		try (FakeOpenAiServer server = FakeOpenAiServer.start(options.chunks(), 2)) {
			ClientBenchmark benchmark = new ClientBenchmark(options, server);
			return benchmark.runAll();
		}
	}

	private String runAll() throws Exception {
		String url = this.server.baseUrl();
		String key = FakeOpenAiServer.API_KEY;
		RawWebClient raw = new RawWebClient(url, key);
		TemplateClient template = new TemplateClient(url, key);
		ConfigurableApplicationContext boot = BenchApplication.autoConfiguredTemplate(url, key);
		TemplateClient bootTemplate = new TemplateClient(TemplateClient.BOOT_NAME,
				boot.getBean(ChatCompletionTemplate.class));
		SpringAiClient springAi = new SpringAiClient(url, key);
		OpenAiJavaClient openAi = new OpenAiJavaClient(url, key);
		try {
			List<Subject> subjects = new ArrayList<>();
			subjects.addAll(raw.subjects());
			subjects.addAll(template.subjects());
			subjects.addAll(bootTemplate.subjects());
			subjects.addAll(springAi.subjects());
			subjects.addAll(openAi.subjects());
			for (Subject subject : subjects) {
				if (!this.options.filter().test(subject.label())) {
					continue;
				}
				for (int concurrency : subject.streaming() ? STREAM_CONCURRENCY : COMPLETION_CONCURRENCY) {
					Scenario scenario = new Scenario(subject, concurrency);
					this.scenarios.add(scenario);
					this.results.put(scenario, new ArrayList<>());
				}
			}
			log("endpoint %s, %d chunks per stream (%d bytes per chunk event on average, %d content chars), "
					+ "completion body %d bytes (%d content chars)", url, this.server.stream().chunks(),
					this.server.stream().meanChunkBytes(), this.server.stream().chars(),
					Payloads.completionBody().length, Payloads.completionChars());
			for (int round = 0; round < this.options.warmupRounds(); round++) {
				log("warm-up round %d/%d", round + 1, this.options.warmupRounds());
				runRound(round, this.options.warmup(), false);
			}
			for (int round = 0; round < this.options.rounds(); round++) {
				log("round %d/%d", round + 1, this.options.rounds());
				runRound(round, this.options.measurement(), true);
			}
			if (this.server.rejected() != 0) {
				throw new VerificationError("the endpoint rejected " + this.server.rejected() + " requests");
			}
			return Report.clients(this.options, this.server.stream(), this.results);
		}
		finally {
			this.workers.shutdownNow();
			raw.close();
			boot.close();
			springAi.close();
			openAi.close();
		}
	}

	private void runRound(int round, Duration duration, boolean record) throws Exception {
		int count = this.scenarios.size();
		for (int i = 0; i < count; i++) {
			Scenario scenario = this.scenarios.get((i + round) % count);
			System.gc();
			Round result = measure(scenario, duration);
			if (record) {
				this.results.get(scenario).add(result);
			}
			log("  %-48s c=%-2d %s", scenario.subject().label(), scenario.concurrency(), result.summary());
		}
	}

	private Round measure(Scenario scenario, Duration duration) throws Exception {
		Subject subject = scenario.subject();
		long completionsBefore = this.server.completions();
		long streamsBefore = this.server.streams();
		long rejectedBefore = this.server.rejected();
		ThreadStats.Snapshot before = this.threadStats.snapshot();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		Outcome outcome = subject.blocking() ? runBlocking(scenario, deadline) : runReactive(scenario, deadline);
		long elapsed = System.nanoTime() - start;
		ThreadStats.Delta delta = before.until(this.threadStats.snapshot());
		long served = subject.streaming() ? this.server.streams() - streamsBefore
				: this.server.completions() - completionsBefore;
		if (served != outcome.operations() || this.server.rejected() != rejectedBefore) {
			throw new VerificationError(subject.label() + ": the client completed " + outcome.operations()
					+ " calls but the endpoint served " + served + " (rejected "
					+ (this.server.rejected() - rejectedBefore) + ")");
		}
		if (outcome.operations() == 0) {
			throw new VerificationError(subject.label() + ": no call completed in " + duration);
		}
		long chunks = subject.streaming() ? outcome.operations() * this.server.stream().chunks() : 0;
		return new Round(outcome.operations(), chunks, elapsed, delta.bytes(), delta.cpuNanos(), delta.gcCount(),
				delta.gcMillis(), median(outcome.firstChunkNanos()), delta.serverCpuNanos(), delta.jitMillis(),
				delta.threadGroups());
	}

	private Outcome runReactive(Scenario scenario, long deadline) {
		Subject subject = scenario.subject();
		LongList firstChunks = new LongList();
		long[] operations = new long[1];
		Flux.range(0, Integer.MAX_VALUE)
			.takeWhile((i) -> System.nanoTime() < deadline)
			.flatMap((i) -> subject.streaming() ? oneStream(subject) : oneCompletion(subject), scenario.concurrency(),
					1)
			.doOnNext((firstChunkNanos) -> {
				operations[0]++;
				if (subject.streaming()) {
					firstChunks.add(firstChunkNanos);
				}
			})
			.blockLast(Duration.ofMinutes(2));
		return new Outcome(operations[0], firstChunks.toArray());
	}

	private Mono<Long> oneCompletion(Subject subject) {
		return subject.complete().map((content) -> {
			verifyCompletion(subject, content);
			return 0L;
		}).switchIfEmpty(Mono.error(() -> new VerificationError(subject.label() + ": no completion")));
	}

	private Mono<Long> oneStream(Subject subject) {
		return Mono.defer(() -> {
			StreamCheck check = new StreamCheck(System.nanoTime());
			return subject.stream().doOnNext(check::accept).then(Mono.fromCallable(() -> check.finish(subject)));
		});
	}

	private Outcome runBlocking(Scenario scenario, long deadline) throws Exception {
		Subject subject = scenario.subject();
		List<Future<Outcome>> futures = new ArrayList<>();
		for (int i = 0; i < scenario.concurrency(); i++) {
			futures.add(this.workers.submit(() -> {
				LongList firstChunks = new LongList();
				long operations = 0;
				while (System.nanoTime() < deadline) {
					if (subject.streaming()) {
						StreamCheck check = new StreamCheck(System.nanoTime());
						subject.streamBlocking(check::accept);
						firstChunks.add(check.finish(subject));
					}
					else {
						verifyCompletion(subject, subject.completeBlocking());
					}
					operations++;
				}
				return new Outcome(operations, firstChunks.toArray());
			}));
		}
		long operations = 0;
		LongList firstChunks = new LongList();
		for (Future<Outcome> future : futures) {
			Outcome outcome = future.get(2, TimeUnit.MINUTES);
			operations += outcome.operations();
			for (long value : outcome.firstChunkNanos()) {
				firstChunks.add(value);
			}
		}
		return new Outcome(operations, firstChunks.toArray());
	}

	private void verifyCompletion(Subject subject, String content) {
		if (content.length() != Payloads.completionChars()) {
			throw new VerificationError(subject.label() + ": a completion has " + content.length()
					+ " content characters but the endpoint sent " + Payloads.completionChars());
		}
	}

	private static long median(long[] values) {
		if (values.length == 0) {
			return -1;
		}
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static void log(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

	/**
	 * The checks and the time to first chunk of one stream.
	 */
	private final class StreamCheck {

		private final long start;

		private long firstChunk = -1;

		private long chars;

		private long elements;

		StreamCheck(long start) {
			this.start = start;
		}

		void accept(int chars) {
			if (this.firstChunk < 0) {
				this.firstChunk = System.nanoTime() - this.start;
			}
			this.chars += chars;
			this.elements++;
		}

		void accept(Integer chars) {
			accept(chars.intValue());
		}

		long finish(Subject subject) {
			int expected = ClientBenchmark.this.server.stream().chars();
			if (this.chars != expected || this.firstChunk < 0) {
				throw new VerificationError(subject.label() + ": a stream delivered " + this.chars
						+ " content characters in " + this.elements + " elements but the endpoint sent " + expected);
			}
			return this.firstChunk;
		}

	}

	/**
	 * A subject at one concurrency.
	 *
	 * @param subject the subject
	 * @param concurrency the number of calls in flight
	 */
	record Scenario(Subject subject, int concurrency) {
	}

	/**
	 * What one measurement did.
	 *
	 * @param operations the calls or streams completed
	 * @param firstChunkNanos the time to first chunk of each stream
	 */
	private record Outcome(long operations, long[] firstChunkNanos) {
	}

	/**
	 * One measurement of a scenario.
	 *
	 * @param operations the calls or streams completed
	 * @param chunks the chunks received (streams only)
	 * @param elapsedNanos the time from the first call to the end of the last
	 * @param allocatedBytes the bytes allocated by all threads but the endpoint's
	 * @param cpuNanos the CPU time of all threads but the endpoint's
	 * @param gcCount the collections during the measurement
	 * @param gcMillis the collection time during the measurement
	 * @param firstChunkNanos the median time to first chunk (streams only, else -1)
	 * @param serverCpuNanos the CPU time of the endpoint's threads
	 * @param jitMillis the time the JIT compilers spent during the measurement
	 * @param threadGroups the share of bytes and CPU per group of client threads
	 */
	record Round(long operations, long chunks, long elapsedNanos, long allocatedBytes, long cpuNanos, long gcCount,
			long gcMillis, long firstChunkNanos, long serverCpuNanos, long jitMillis, String threadGroups) {

		double perSecond() {
			return ((this.chunks > 0) ? this.chunks : this.operations) * 1e9 / this.elapsedNanos;
		}

		double bytesPerUnit() {
			return (double) this.allocatedBytes / ((this.chunks > 0) ? this.chunks : this.operations);
		}

		double cpuMicrosPerUnit() {
			return this.cpuNanos / 1e3 / ((this.chunks > 0) ? this.chunks : this.operations);
		}

		double serverCpuMicrosPerUnit() {
			return this.serverCpuNanos / 1e3 / ((this.chunks > 0) ? this.chunks : this.operations);
		}

		String summary() {
			String unit = (this.chunks > 0) ? "chunk" : "req";
			String text = String.format(Locale.ROOT,
					"%,10.0f %s/s  %,9.0f B/%s  %7.2f µs CPU/%s  (endpoint %5.2f)  gc %d (%d ms)  jit %d ms",
					perSecond(), unit, bytesPerUnit(), unit, cpuMicrosPerUnit(), unit, serverCpuMicrosPerUnit(),
					this.gcCount, this.gcMillis, this.jitMillis);
			if (this.firstChunkNanos >= 0) {
				text += String.format(Locale.ROOT, "  ttfc %.3f ms", this.firstChunkNanos / 1e6);
			}
			return text + "  [B%/CPU% by threads: " + this.threadGroups + "]";
		}

	}

	/**
	 * Thrown when a client's result does not match what the endpoint sent.
	 */
	static final class VerificationError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		VerificationError(String message) {
			super(message);
		}

	}

	/**
	 * A growable list of longs.
	 */
	private static final class LongList {

		private long[] values = new long[64];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
