package com.mulerun.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH micro-benchmarks: by default a short run (one fork, 2 warm-up and 3
 * measured iterations of 1 s) of all of them with the GC profiler, so that the allocation
 * per operation is reported too; given arguments, they are JMH's own command line.
 */
final class Micro {

	private Micro() {
	}

	static String run(List<String> args) throws Exception {
		Options options;
		if (args.isEmpty()) {
			ChainedOptionsBuilder builder = new OptionsBuilder().include("com\\.mulerun\\..*Benchmark\\..*")
				.forks(1)
				.warmupIterations(2)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(3)
				.measurementTime(TimeValue.seconds(1))
				.timeUnit(TimeUnit.NANOSECONDS)
				.jvmArgsAppend("-Xms512m", "-Xmx512m", "-XX:+UseG1GC")
				.addProfiler(GCProfiler.class)
				.shouldFailOnError(true);
			options = builder.build();
		}
		else {
			options = new CommandLineOptions(args.toArray(String[]::new));
		}
		Collection<RunResult> results = new Runner(options).run();
		List<RunResult> sorted = new ArrayList<>(results);
		sorted.sort((a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark()));
		StringBuilder out = new StringBuilder();
		out.append("Average time and allocation (JMH `-prof gc`, `gc.alloc.rate.norm`) per operation; the SSE and "
				+ "aggregation benchmarks count one operation per chunk of a 200-chunk stream, the request ones one per "
				+ "request. One fork, 2×1 s warm-up, 3×1 s measurement: ± is JMH's 99.9% error.\n\n");
		out.append("| Benchmark | Time per op | B per op |\n|---|--:|--:|\n");
		for (RunResult result : sorted) {
			String name = result.getParams().getBenchmark();
			name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
			Result<?> primary = result.getPrimaryResult();
			Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
			out.append(String.format(Locale.ROOT, "| `%s` | %.1f ± %.1f %s | %s |%n", name, primary.getScore(),
					primary.getScoreError(), primary.getScoreUnit(),
					(allocation != null) ? String.format(Locale.ROOT, "%,.0f", allocation.getScore()) : "–"));
		}
		return out.toString();
	}

}
