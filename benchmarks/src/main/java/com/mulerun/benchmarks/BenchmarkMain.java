package com.mulerun.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' command line.
 *
 * <pre>
 * java -jar benchmarks/target/mulerun-benchmarks.jar all        # everything, in child JVMs with fixed settings
 * java -jar benchmarks/target/mulerun-benchmarks.jar clients [--rounds N] [--warmup-rounds N] [--measurement-ms N]
 *                                                            [--warmup-ms N] [--chunks N] [--only a,b]
 * java -jar benchmarks/target/mulerun-benchmarks.jar jmh [JMH options, default: a short run with -prof gc]
 * java -Xmx512m -jar benchmarks/target/mulerun-benchmarks.jar soak [--sizes N,N] [--streams N] [--concurrency N]
 * java -Xms1g -Xmx1g -jar benchmarks/target/mulerun-benchmarks.jar features [client benchmark options]
 * java -jar benchmarks/target/mulerun-benchmarks.jar startup [--starts N]
 * java -jar benchmarks/target/mulerun-benchmarks.jar memory [--size BYTES] [--only stream,create] [--variants latin1]
 * java -jar benchmarks/target/mulerun-benchmarks.jar server     # the fake endpoint alone, until Enter
 * java -jar benchmarks/target/mulerun-benchmarks.jar jfr-summary FILE.jfr [--package P] [--top N]
 * </pre>
 *
 * Every command but {@code server} prints its report as markdown and writes it to
 * {@code --out DIR} (by default the directory of the jar, {@code benchmarks/target}).
 */
public final class BenchmarkMain {

	/** The JVM settings of the client benchmark's child JVM. */
	static final List<String> CLIENTS_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

	/** The JVM settings of the soak's child JVM. */
	static final List<String> SOAK_JVM = List.of("-Xmx512m", "-XX:+UseG1GC");

	private BenchmarkMain() {
	}

	/**
	 * Runs a command.
	 * @param args the command and its options
	 * @throws Exception when the command fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			usage();
			System.exit(2);
		}
		List<String> options = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
		Path out = outputDirectory(options);
		int status = 0;
		try {
			switch (args[0]) {
				case "all" -> status = all(options, out);
				case "clients" -> write(out, "clients", "Client benchmark", ClientBenchmark.run(options));
				case "jmh" -> write(out, "jmh", "JMH micro-benchmarks", Micro.run(options));
				case "soak" -> write(out, "soak", "Concurrency soak", Soak.run(options));
				case "features" ->
					write(out, "features", "Structured output and tool loop", FeatureBenchmark.run(options));
				case "startup" -> write(out, "startup", "Start-up time", StartupBenchmark.run(options));
				case "memory" -> write(out, "memory", "Memory peak of one large value", MemoryBenchmark.run(options));
				case "memory-probe" -> status = MemoryBenchmark.probe(options);
				case "jfr-summary" -> write(out, "jfr-summary", "JFR summary", JfrSummary.run(options));
				case "server" -> server(options);
				case "soak-endpoint" -> SoakEndpoint.serve(options);
				default -> {
					usage();
					status = 2;
				}
			}
		}
		catch (ClientBenchmark.VerificationError ex) {
			System.err.println();
			System.err.println("VERIFICATION FAILED, results discarded: " + ex.getMessage());
			status = 3;
		}
		catch (Soak.SoakFailure ex) {
			System.err.println();
			System.err.println("SOAK FAILED:");
			System.err.println(ex.getMessage());
			status = 4;
		}
		System.exit(status);
	}

	private static void usage() {
		System.err.println(
				"usage: java -jar mulerun-benchmarks.jar all|clients|jmh|soak|features|startup|memory|server|jfr-summary [options]"
						+ " (see docs/benchmarks.md)");
	}

	private static int all(List<String> options, Path out) throws Exception {
		long start = System.nanoTime();
		String environment = Environment.describe();
		System.out.println(environment);
		int status = child(out, CLIENTS_JVM, "clients", options);
		if (status == 0) {
			status = child(out, List.of("-Xmx512m"), "jmh");
		}
		if (status == 0) {
			status = child(out, SOAK_JVM, "soak");
		}
		if (status == 0) {
			status = child(out, CLIENTS_JVM, "features");
		}
		if (status == 0) {
			status = child(out, List.of(), "startup");
		}
		if (status == 0) {
			status = child(out, List.of(), "memory");
		}
		StringBuilder report = new StringBuilder();
		report.append("# MuleRun benchmark results\n\n").append(environment).append('\n');
		report.append(String.format(Locale.ROOT, "Whole run: %.0f s, %s.%n", (System.nanoTime() - start) / 1e9,
				(status == 0) ? "all parts passed" : "FAILED with status " + status));
		for (String part : List.of("clients", "jmh", "soak", "features", "startup", "memory")) {
			Path file = out.resolve("results-" + part + ".md");
			if (Files.exists(file)) {
				report.append('\n').append(Files.readString(file));
			}
		}
		Path summary = out.resolve("benchmark-results.md");
		Files.writeString(summary, report.toString(), StandardCharsets.UTF_8);
		System.out.println();
		System.out.println("Wrote " + summary + ((status == 0) ? "" : " (FAILED: status " + status + ")"));
		return status;
	}

	private static int child(Path out, List<String> jvmOptions, String command, List<String> options)
			throws IOException, InterruptedException {
		List<String> commandLine = new ArrayList<>();
		commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		commandLine.addAll(jvmOptions);
		commandLine.add("-cp");
		commandLine.add(System.getProperty("java.class.path"));
		commandLine.add(BenchmarkMain.class.getName());
		commandLine.add(command);
		commandLine.addAll(options);
		commandLine.add("--out");
		commandLine.add(out.toString());
		System.out.println();
		System.out.println("== " + command + ": " + String.join(" ", jvmOptions) + " ... " + command + " "
				+ String.join(" ", options));
		Process process = new ProcessBuilder(commandLine).inheritIO().start();
		int status = process.waitFor();
		if (status != 0) {
			System.err.println("== " + command + " failed with status " + status);
		}
		return status;
	}

	private static int child(Path out, List<String> jvmOptions, String command)
			throws IOException, InterruptedException {
		return child(out, jvmOptions, command, List.of());
	}

	private static void write(Path out, String part, String title, String report) throws IOException {
		String text = "## " + title + "\n\n" + report;
		System.out.println();
		System.out.println(text);
		Files.createDirectories(out);
		Files.writeString(out.resolve("results-" + part + ".md"), text, StandardCharsets.UTF_8);
	}

	private static void server(List<String> options) throws IOException {
		int chunks = options.isEmpty() ? 200 : Integer.parseInt(options.get(0));
		try (FakeOpenAiServer server = FakeOpenAiServer.start(chunks, 2)) {
			System.out.println("Fake endpoint at " + server.baseUrl() + "/v1/chat/completions, key "
					+ FakeOpenAiServer.API_KEY + "; press Enter to stop");
			System.in.read();
		}
	}

	private static Path outputDirectory(List<String> options) throws Exception {
		int index = options.indexOf("--out");
		if (index >= 0) {
			Path out = Path.of(options.get(index + 1));
			options.remove(index + 1);
			options.remove(index);
			return out;
		}
		Path location = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		return Files.isRegularFile(location) ? location.getParent() : Path.of("target");
	}

	/**
	 * Describes the machine and JVM.
	 */
	static final class Environment {

		private Environment() {
		}

		static String describe() {
			Runtime runtime = Runtime.getRuntime();
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
			return String.format(Locale.ROOT,
					"- Date: %s%n- CPU: %s, %d cores available to the JVM%n- Memory: %.1f GiB%n- JDK: %s %s (%s)%n"
							+ "- OS: %s %s%n",
					Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC", cpuModel(),
					runtime.availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
					System.getProperty("java.vm.name"), System.getProperty("java.version"),
					System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"));
		}

		private static String cpuModel() {
			try {
				for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
					if (line.startsWith("model name")) {
						return line.substring(line.indexOf(':') + 1).trim();
					}
				}
			}
			catch (IOException ex) {
				// not Linux
			}
			return System.getProperty("os.arch");
		}

	}

}
