package com.mulerun.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.mulerun.benchmarks.boot.BenchApplication;
import org.jspecify.annotations.Nullable;

/**
 * The start-up benchmark: cold starts of {@link BenchApplication} as a bare Spring Boot
 * WebFlux application (the starter's auto-configurations excluded) and with the starter
 * (its auto-configured template created), alternating, each in a fresh JVM with default
 * settings. Each start reports the time from the JVM's start
 * ({@code RuntimeMXBean#getStartTime}) to {@code ApplicationStartedEvent} and to
 * {@code ApplicationReadyEvent}; the driver also measures the process wall time from
 * launching {@code java} to the line the application prints when ready. Medians over the
 * starts of each kind.
 */
final class StartupBenchmark {

	private static final List<String> KINDS = List.of("bare", "starter");

	private StartupBenchmark() {
	}

	/**
	 * Runs the benchmark and returns its report.
	 * @param args {@code --starts N} (11 of each kind)
	 * @return the markdown report
	 * @throws Exception when a start fails
	 */
	static String run(List<String> args) throws Exception {
		int starts = 11;
		for (int i = 0; i < args.size(); i++) {
			if (args.get(i).equals("--starts")) {
				starts = Integer.parseInt(args.get(++i));
			}
			else {
				throw new IllegalArgumentException("unknown option " + args.get(i));
			}
		}
		Map<String, List<long[]>> results = new LinkedHashMap<>();
		KINDS.forEach((kind) -> results.put(kind, new ArrayList<>()));
		// one start of each, not counted: the file system cache holds the jar afterwards
		for (String kind : KINDS) {
			start(kind);
		}
		for (int i = 0; i < starts; i++) {
			for (String kind : (i % 2 == 0) ? KINDS : List.of(KINDS.get(1), KINDS.get(0))) {
				long[] result = start(kind);
				results.get(kind).add(result);
				ClientBenchmark.log("  %-7s started %5d ms  ready %5d ms  wall to ready %5d ms", kind, result[0],
						result[1], result[2]);
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"Medians (min–max) of %d cold starts of each kind, alternating, each in a fresh JVM with default "
						+ "settings (%d cores). Started / ready: ms from the JVM's start to `ApplicationStartedEvent` / "
						+ "`ApplicationReadyEvent`; wall: ms from launching `java` to the application's ready line; "
						+ "classes: loaded by the JVM when ready.%n%n",
				starts, Runtime.getRuntime().availableProcessors()));
		out.append(
				"| Application | started ms | ready ms | wall to ready ms | classes loaded |\n|---|--:|--:|--:|--:|\n");
		for (String kind : KINDS) {
			out.append("| ")
				.append(kind.equals("bare") ? "bare Boot WebFlux" : "Boot WebFlux + mulerun starter")
				.append(" | ");
			for (int metric = 0; metric < 4; metric++) {
				out.append(cell(results.get(kind), metric)).append(" | ");
			}
			out.append('\n');
		}
		out.append("| **added by the starter** (difference of the medians) | ");
		for (int metric = 0; metric < 4; metric++) {
			out.append(String.format(Locale.ROOT, "%+,d",
					median(results.get("starter"), metric) - median(results.get("bare"), metric)))
				.append(" | ");
		}
		out.append('\n');
		Map<String, Long> bareBeans = new HashMap<>();
		Map<String, Long> starterBeans = new HashMap<>();
		start("bare", bareBeans);
		start("starter", starterBeans);
		out.append("\nBeans only the application with the starter instantiates, taking 5 ms or more (one more start of "
				+ "each kind with Boot's `BufferingApplicationStartup`; a bean's time includes the beans it needs "
				+ "first, so the times nest): ");
		out.append(starterBeans.entrySet()
			.stream()
			.filter((entry) -> !bareBeans.containsKey(entry.getKey()))
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((entry) -> String.format(Locale.ROOT, "`%s` %d ms", entry.getKey(), entry.getValue()))
			.collect(Collectors.joining(", ")));
		out.append(".\n");
		return out.toString();
	}

	private static long[] start(String kind) throws Exception {
		return start(kind, null);
	}

	/**
	 * Starts the application once.
	 * @param kind {@code bare} or {@code starter}
	 * @param beans receives the bean instantiations of 5 ms or more (name to ms), or
	 * {@code null} to start without recording them
	 * @return the ms to started, to ready, the wall time to ready, and the classes loaded
	 */
	private static long[] start(String kind, @Nullable Map<String, Long> beans) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		if (beans != null) {
			command.add("-Dbench.startup.steps=true");
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchApplication.class.getName(), kind));
		long launched = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String line;
		List<String> output = new ArrayList<>();
		long wall = -1;
		String result = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("STARTED ") && result == null) {
					wall = (System.nanoTime() - launched) / 1_000_000;
					result = line;
				}
				else if (beans != null && line.startsWith("bean ")) {
					String[] fields = line.split(" ");
					beans.merge(fields[2], Long.parseLong(fields[1]), Math::max);
				}
				else {
					output.add(line);
				}
			}
		}
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
			throw new IllegalStateException("the " + kind + " application did not start: " + String.join("\n", output));
		}
		String[] fields = result.split(" ");
		int templates = Integer.parseInt(fields[5]);
		if (templates != (kind.equals("starter") ? 1 : 0)) {
			throw new IllegalStateException("the " + kind + " application has " + templates + " template beans");
		}
		return new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[3]), wall, Long.parseLong(fields[7]) };
	}

	private static long median(List<long[]> results, int metric) {
		long[] values = results.stream().mapToLong((result) -> result[metric]).sorted().toArray();
		return values[values.length / 2];
	}

	private static String cell(List<long[]> results, int metric) {
		long[] values = results.stream().mapToLong((result) -> result[metric]).toArray();
		Arrays.sort(values);
		return String.format(Locale.ROOT, "%,d (%,d–%,d)", values[values.length / 2], values[0],
				values[values.length - 1]);
	}

}
