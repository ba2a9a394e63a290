package com.mulerun.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.mulerun.benchmarks.ClientBenchmark.Round;
import com.mulerun.benchmarks.ClientBenchmark.Scenario;
import com.mulerun.benchmarks.clients.Subject;
import com.mulerun.benchmarks.clients.TemplateClient;
import org.jspecify.annotations.Nullable;

/**
 * Formats the client benchmark's results as markdown: medians over the measured rounds,
 * ratios to raw WebClient and the template's targets.
 */
final class Report {

	private static final String RAW = "raw WebClient";

	private Report() {
	}

	static String clients(ClientBenchmark.Options options, Payloads.EventStream stream,
			Map<Scenario, List<Round>> results) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"Medians of %d interleaved rounds of %d ms per measurement after %d warm-up rounds; %d-chunk streams "
						+ "(%d bytes per chunk event on average), %d-byte completions. \"× raw\" is the ratio to raw "
						+ "WebClient of the same style (reactive to `bodyToMono`, blocking to `bodyToMono().block()`, "
						+ "streams to `bodyToFlux(SSE)`); for B and CPU lower is better. B = bytes allocated, CPU = "
						+ "CPU time, both summed over all threads but the endpoint's.%n%n",
				options.rounds(), options.measurement().toMillis(), options.warmupRounds(), stream.chunks(),
				stream.meanChunkBytes(), Payloads.completionBody().length));
		out.append("### Non-streaming\n\n");
		out.append(
				"| Client | API | req/s c=1 | × raw | req/s c=32 | × raw | B/req c=32 | × raw | CPU µs/req c=32 | × raw |\n");
		out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (Subject subject : subjects(results, false)) {
			Subject raw = baseline(results, subject);
			out.append("| ").append(subject.client()).append(" | `").append(subject.api()).append("` | ");
			out.append(number(median(results, subject, 1, Round::perSecond))).append(" | ");
			out.append(ratio(results, subject, raw, 1, Round::perSecond)).append(" | ");
			out.append(number(median(results, subject, 32, Round::perSecond))).append(" | ");
			out.append(ratio(results, subject, raw, 32, Round::perSecond)).append(" | ");
			out.append(number(median(results, subject, 32, Round::bytesPerUnit))).append(" | ");
			out.append(ratio(results, subject, raw, 32, Round::bytesPerUnit)).append(" | ");
			out.append(decimal(median(results, subject, 32, Round::cpuMicrosPerUnit), 1)).append(" | ");
			out.append(ratio(results, subject, raw, 32, Round::cpuMicrosPerUnit)).append(" |\n");
		}
		out.append("\n### Streaming\n\n");
		out.append("| Client | API | chunks/s c=1 | × raw | chunks/s c=16 | × raw | first chunk ms c=1 | Δ raw ms | "
				+ "B/chunk c=16 | × raw | CPU µs/chunk c=16 | × raw |\n");
		out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (Subject subject : subjects(results, true)) {
			Subject raw = baseline(results, subject);
			double ttfc = median(results, subject, 1, (round) -> round.firstChunkNanos() / 1e6);
			double rawTtfc = median(results, raw, 1, (round) -> round.firstChunkNanos() / 1e6);
			out.append("| ").append(subject.client()).append(" | `").append(subject.api()).append("` | ");
			out.append(number(median(results, subject, 1, Round::perSecond))).append(" | ");
			out.append(ratio(results, subject, raw, 1, Round::perSecond)).append(" | ");
			out.append(number(median(results, subject, 16, Round::perSecond))).append(" | ");
			out.append(ratio(results, subject, raw, 16, Round::perSecond)).append(" | ");
			out.append(decimal(ttfc, 3)).append(" | ");
			out.append(Double.isNaN(rawTtfc) ? "–" : String.format(Locale.ROOT, "%+.3f", ttfc - rawTtfc)).append(" | ");
			out.append(number(median(results, subject, 16, Round::bytesPerUnit))).append(" | ");
			out.append(ratio(results, subject, raw, 16, Round::bytesPerUnit)).append(" | ");
			out.append(decimal(median(results, subject, 16, Round::cpuMicrosPerUnit), 2)).append(" | ");
			out.append(ratio(results, subject, raw, 16, Round::cpuMicrosPerUnit)).append(" |\n");
		}
		out.append("\n### Every measurement\n\n");
		out.append(
				"Median (min–max over the rounds) of the rate; medians of the rest; GCs summed over the rounds.\n\n");
		out.append("| Client | API | c | rate /s | B/unit | CPU µs/unit | first chunk ms | GCs (ms) |\n");
		out.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
		results.forEach((scenario, rounds) -> {
			if (rounds.isEmpty()) {
				return;
			}
			double[] rates = values(rounds, Round::perSecond);
			Subject subject = scenario.subject();
			out.append("| ").append(subject.client()).append(" | `").append(subject.api()).append("` | ");
			out.append(scenario.concurrency()).append(" | ");
			out.append(number(median(rates)))
				.append(" (")
				.append(number(rates[0]))
				.append("–")
				.append(number(rates[rates.length - 1]))
				.append(") ")
				.append(subject.streaming() ? "chunks" : "req")
				.append(" | ");
			out.append(number(median(values(rounds, Round::bytesPerUnit)))).append(" | ");
			out.append(decimal(median(values(rounds, Round::cpuMicrosPerUnit)), 2)).append(" | ");
			out.append(subject.streaming()
					? decimal(median(values(rounds, (round) -> round.firstChunkNanos() / 1e6)), 3) : "")
				.append(" | ");
			long gcs = rounds.stream().mapToLong(Round::gcCount).sum();
			long gcMillis = rounds.stream().mapToLong(Round::gcMillis).sum();
			out.append(gcs).append(" (").append(gcMillis).append(") |\n");
		});
		out.append(targets(results));
		out.append(bootBean(results));
		return out.toString();
	}

	/**
	 * Compares the auto-configured template with the builder-built one on the rows of
	 * issue 17: non-streaming at concurrency 1 and 32, streaming at 16, with the
	 * per-round ratios.
	 */
	private static String bootBean(Map<Scenario, List<Round>> results) {
		StringBuilder out = new StringBuilder("\n### Auto-configured bean vs builder-built template\n\n");
		out.append("The template bean of a `@SpringBootApplication` with the starter (`mulerun.base-url` pointed at "
				+ "the endpoint, every other property at its default) against `ChatCompletionTemplate.builder()` "
				+ "with its defaults. Ratio = bean / builder of the medians; per-round ratios pair the two "
				+ "measurements of the same round.\n\n");
		out.append("| API | c | metric | builder | bean | ratio | per-round ratios |\n|---|--:|---|--:|--:|--:|---|\n");
		for (String api : new String[] { "createMono", "create", "stream" }) {
			Subject builder = find(results, TemplateClient.NAME, api);
			Subject bean = find(results, TemplateClient.BOOT_NAME, api);
			if (builder == null || bean == null) {
				continue;
			}
			int[] concurrencies = builder.streaming() ? new int[] { 16 } : ClientBenchmark.COMPLETION_CONCURRENCY;
			for (int concurrency : concurrencies) {
				compare(out, results, builder, bean, concurrency, builder.streaming() ? "chunks/s" : "req/s",
						Round::perSecond);
				compare(out, results, builder, bean, concurrency, builder.streaming() ? "B/chunk" : "B/req",
						Round::bytesPerUnit);
				compare(out, results, builder, bean, concurrency, builder.streaming() ? "CPU µs/chunk" : "CPU µs/req",
						Round::cpuMicrosPerUnit);
			}
		}
		return out.toString();
	}

	private static void compare(StringBuilder out, Map<Scenario, List<Round>> results, Subject builder, Subject bean,
			int concurrency, String unit, ToDoubleFunction<Round> metric) {
		double builderValue = median(results, builder, concurrency, metric);
		double beanValue = median(results, bean, concurrency, metric);
		List<Round> mine = rounds(results, bean, concurrency);
		List<Round> theirs = rounds(results, builder, concurrency);
		double[] perRound = new double[Math.min(mine.size(), theirs.size())];
		for (int i = 0; i < perRound.length; i++) {
			perRound[i] = metric.applyAsDouble(mine.get(i)) / metric.applyAsDouble(theirs.get(i));
		}
		Arrays.sort(perRound);
		boolean cpu = unit.startsWith("CPU");
		out.append(String.format(Locale.ROOT, "| `%s` | %d | %s | %s | %s | %.3f | %.2f–%.2f |%n", builder.api(),
				concurrency, unit, cpu ? decimal(builderValue, 2) : number(builderValue),
				cpu ? decimal(beanValue, 2) : number(beanValue), beanValue / builderValue,
				(perRound.length > 0) ? perRound[0] : Double.NaN,
				(perRound.length > 0) ? perRound[perRound.length - 1] : Double.NaN));
	}

	private static String targets(Map<Scenario, List<Round>> results) {
		StringBuilder out = new StringBuilder("\n### Targets (template vs raw WebClient, this run)\n\n");
		out.append(
				"\"Per-round ratios\" pair each round's template measurement with the raw one of the same round.\n\n");
		out.append("| Target | Measured | Per-round ratios | Met |\n|---|---|---|---|\n");
		Subject mono = find(results, TemplateClient.NAME, "createMono");
		Subject create = find(results, TemplateClient.NAME, "create");
		Subject stream = find(results, TemplateClient.NAME, "stream");
		for (Subject subject : new Subject[] { mono, create }) {
			if (subject == null) {
				continue;
			}
			Subject raw = baseline(results, subject);
			if (raw == null) {
				continue;
			}
			for (int concurrency : ClientBenchmark.COMPLETION_CONCURRENCY) {
				target(out, results, subject, raw, concurrency, Round::perSecond, "req/s", 1.0, true);
			}
			target(out, results, subject, raw, 32, Round::bytesPerUnit, "B/req", 0.9, false);
		}
		Subject streamRaw = (stream != null) ? baseline(results, stream) : null;
		if (stream != null && streamRaw != null) {
			Subject raw = streamRaw;
			target(out, results, stream, raw, 16, Round::perSecond, "chunks/s", 1.1, true);
			target(out, results, stream, raw, 16, Round::bytesPerUnit, "B/chunk", 0.4, false);
			double ttfc = median(results, stream, 1, (round) -> round.firstChunkNanos() / 1e6);
			double rawTtfc = median(results, raw, 1, (round) -> round.firstChunkNanos() / 1e6);
			out.append(String.format(Locale.ROOT,
					"| `stream` time to first chunk (c=1) within 0.1 ms of raw | %.3f ms vs %.3f ms (%+.3f ms) | | %s |%n",
					ttfc, rawTtfc, ttfc - rawTtfc, (ttfc - rawTtfc <= 0.1) ? "yes" : "**no**"));
		}
		return out.toString();
	}

	private static void target(StringBuilder out, Map<Scenario, List<Round>> results, Subject subject, Subject raw,
			int concurrency, ToDoubleFunction<Round> metric, String unit, double goal, boolean higherIsBetter) {
		double value = median(results, subject, concurrency, metric);
		double rawValue = median(results, raw, concurrency, metric);
		double ratio = value / rawValue;
		boolean met = higherIsBetter ? ratio >= goal : ratio <= goal;
		List<Round> mine = rounds(results, subject, concurrency);
		List<Round> theirs = rounds(results, raw, concurrency);
		double[] perRound = new double[Math.min(mine.size(), theirs.size())];
		for (int i = 0; i < perRound.length; i++) {
			perRound[i] = metric.applyAsDouble(mine.get(i)) / metric.applyAsDouble(theirs.get(i));
		}
		Arrays.sort(perRound);
		out.append(String.format(Locale.ROOT, "| `%s` %s c=%d %s %.1f× raw | %s vs %s = %.2f× | %.2f–%.2f | %s |%n",
				subject.api(), unit, concurrency, higherIsBetter ? "≥" : "≤", goal, number(value), number(rawValue),
				ratio, (perRound.length > 0) ? perRound[0] : Double.NaN,
				(perRound.length > 0) ? perRound[perRound.length - 1] : Double.NaN, met ? "yes" : "**no**"));
	}

	private static List<Subject> subjects(Map<Scenario, List<Round>> results, boolean streaming) {
		List<Subject> subjects = new ArrayList<>();
		for (Scenario scenario : results.keySet()) {
			if (scenario.subject().streaming() == streaming && !subjects.contains(scenario.subject())) {
				subjects.add(scenario.subject());
			}
		}
		return subjects;
	}

	private static @Nullable Subject baseline(Map<Scenario, List<Round>> results, Subject subject) {
		for (Scenario scenario : results.keySet()) {
			Subject candidate = scenario.subject();
			if (candidate.client().equals(RAW) && candidate.streaming() == subject.streaming()
					&& (subject.streaming() || candidate.blocking() == subject.blocking())) {
				return candidate;
			}
		}
		return null;
	}

	private static @Nullable Subject find(Map<Scenario, List<Round>> results, String client, String api) {
		for (Scenario scenario : results.keySet()) {
			if (scenario.subject().client().equals(client) && scenario.subject().api().equals(api)) {
				return scenario.subject();
			}
		}
		return null;
	}

	private static List<Round> rounds(Map<Scenario, List<Round>> results, Subject subject, int concurrency) {
		for (Map.Entry<Scenario, List<Round>> entry : results.entrySet()) {
			if (entry.getKey().subject() == subject && entry.getKey().concurrency() == concurrency) {
				return entry.getValue();
			}
		}
		return List.of();
	}

	private static double median(Map<Scenario, List<Round>> results, @Nullable Subject subject, int concurrency,
			ToDoubleFunction<Round> metric) {
		if (subject == null) {
			return Double.NaN;
		}
		return median(values(rounds(results, subject, concurrency), metric));
	}

	private static String ratio(Map<Scenario, List<Round>> results, Subject subject, @Nullable Subject raw,
			int concurrency, ToDoubleFunction<Round> metric) {
		if (raw == null) {
			return "–";
		}
		return decimal(median(results, subject, concurrency, metric) / median(results, raw, concurrency, metric), 2);
	}

	private static double[] values(List<Round> rounds, ToDoubleFunction<Round> metric) {
		double[] values = rounds.stream().mapToDouble(metric).toArray();
		Arrays.sort(values);
		return values;
	}

	private static double median(double[] sorted) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String decimal(double value, int decimals) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
