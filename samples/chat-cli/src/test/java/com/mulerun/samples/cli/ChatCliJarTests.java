package com.mulerun.samples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar run as a user runs it on a fresh machine (the README's first command),
 * as a process: no API key, an empty home directory. Run by Failsafe after the
 * {@code package} phase.
 */
class ChatCliJarTests {

	private static final Path JAR = Path.of(System.getProperty("sample.jar", "target/mulerun-sample-chat-cli.jar"));

	@TempDir
	Path home;

	@Test
	void answersOfflineExitsWithZeroAndWritesNothingButItsStatusLinesToStandardError() throws Exception {
		Result result = run("Hello");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out())
			.startsWith("This is the **offline mode** of the MuleRun starter (MULERUN_API_KEY is "
					+ "not set), so nothing left this machine. You asked: \"Hello\".")
			.endsWith("just like this one." + System.lineSeparator())
			.hasLineCount(1);
		assertThat(result.err().lines()).satisfiesExactly(
				(offline) -> assertThat(offline).startsWith("[offline] MULERUN_API_KEY is not set: "),
				(usage) -> assertThat(usage).startsWith("[usage] prompt=1 completion="));
	}

	@Test
	void logsNothingAtTheDebugLevelOfTheClientEither() throws Exception {
		Result result = run("--logging.level.com.mulerun=debug", "Hello");

		assertThat(result.exitCode()).isZero();
		assertThat(result.err()).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("Exception");
		assertThat(result.out()).contains("You asked: \"Hello\"");
	}

	private Result run(String... args) throws IOException, InterruptedException {
		assertThat(JAR).as("the jar built by the package phase").isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(javaExecutable(), "-Duser.home=" + this.home, "-jar", JAR.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile());
		builder.environment().remove("MULERUN_API_KEY");
		builder.environment().put("HOME", this.home.toString());
		Path out = this.home.resolve("out.txt");
		Path err = this.home.resolve("err.txt");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		process.getOutputStream().close();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private record Result(int exitCode, String out, String err) {

	}

}
