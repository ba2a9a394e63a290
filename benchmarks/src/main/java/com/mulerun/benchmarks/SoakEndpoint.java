package com.mulerun.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The soak's endpoint in a JVM of its own: the paced {@link FakeOpenAiServer}, driven
 * over the child's standard input and output, one command and one answer a line. A
 * separate process, so that the client JVM holds only the client's sockets and objects
 * (10,000 client and 10,000 server sockets do not fit one process's 20,000 file
 * descriptors, and the endpoint's per-connection objects would blur the client's heap).
 *
 * <p>
 * Commands: {@code hold} (streams that start from now on stop after their first burst),
 * {@code release} (they go on), {@code stats} (answers
 * {@code stats STREAMS ACTIVE PEAK REJECTED} and starts a new peak), {@code quit}.
 */
final class SoakEndpoint implements AutoCloseable {

	/** The JVM settings of the endpoint's JVM. */
	static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseG1GC");

	private final Process process;

	private final BufferedReader answers;

	private final Writer commands;

	private final String baseUrl;

	private SoakEndpoint(Process process) throws IOException {
		this.process = process;
		this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		String line = this.answers.readLine();
		if (line == null || !line.startsWith("url ")) {
			process.destroyForcibly();
			throw new IllegalStateException("the soak endpoint did not start: " + line);
		}
		this.baseUrl = line.substring(4);
	}

	/**
	 * Starts the endpoint in a child JVM.
	 * @param chunks the number of chunk events per stream
	 * @param bursts the number of bursts per stream
	 * @param gapMillis the pause between bursts
	 * @return the running endpoint
	 * @throws IOException when the child cannot be started
	 */
	static SoakEndpoint start(int chunks, int bursts, long gapMillis) throws IOException {
		List<String> commandLine = new ArrayList<>();
		commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		commandLine.addAll(JVM);
		commandLine.add("-cp");
		commandLine.add(System.getProperty("java.class.path"));
		commandLine.add(BenchmarkMain.class.getName());
		commandLine.add("soak-endpoint");
		commandLine.add(Integer.toString(chunks));
		commandLine.add(Integer.toString(bursts));
		commandLine.add(Long.toString(gapMillis));
		Process process = new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		return new SoakEndpoint(process);
	}

	String baseUrl() {
		return this.baseUrl;
	}

	void hold() throws IOException {
		command("hold");
	}

	void release() throws IOException {
		command("release");
	}

	/**
	 * Returns the endpoint's counters and starts a new peak.
	 * @return streams served, served now, peak at once since the last call, rejected
	 * requests
	 * @throws IOException when the child is gone
	 */
	long[] stats() throws IOException {
		String[] parts = command("stats").split(" ");
		return new long[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
				Long.parseLong(parts[4]) };
	}

	private String command(String command) throws IOException {
		this.commands.write(command + "\n");
		this.commands.flush();
		String answer = this.answers.readLine();
		if (answer == null || !answer.startsWith(command)) {
			throw new IOException("the soak endpoint answered '" + answer + "' to " + command);
		}
		return answer;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			command("quit");
		}
		catch (IOException ex) {
			// already gone
		}
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/**
	 * The child's side: starts the server and answers commands until {@code quit} or the
	 * end of its input.
	 * @param options chunks, bursts, gap in ms
	 * @throws IOException when standard input fails
	 */
	static void serve(List<String> options) throws IOException {
		int chunks = Integer.parseInt(options.get(0));
		int bursts = Integer.parseInt(options.get(1));
		long gapMillis = Long.parseLong(options.get(2));
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		try (FakeOpenAiServer server = FakeOpenAiServer.startPaced(chunks, 2, Math.max(1, (chunks + 1) / bursts),
				Duration.ofMillis(gapMillis))) {
			out.println("url " + server.baseUrl());
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				switch (line) {
					case "hold" -> {
						server.hold();
						out.println("hold");
					}
					case "release" -> {
						server.release();
						out.println("release");
					}
					case "stats" -> {
						out.println("stats " + server.streams() + " " + server.activeStreams() + " "
								+ server.peakActiveStreams() + " " + server.rejected());
						server.resetPeak();
					}
					case "quit" -> {
						out.println("quit");
						return;
					}
					default -> out.println("unknown " + line);
				}
			}
		}
	}

}
