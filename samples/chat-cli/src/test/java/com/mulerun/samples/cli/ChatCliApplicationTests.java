package com.mulerun.samples.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command run as {@code main} runs it, offline, with its output captured.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatCliApplicationTests {

	private final InputStream standardInput = System.in;

	@AfterEach
	void restoreStandardInput() {
		System.setIn(this.standardInput);
	}

	@Test
	void answersOfflineStreamingTheTextThenPrintingTheUsageLine(CapturedOutput output) {
		int exitCode = ChatCliApplication.run("--offline", "What", "is", "MuleRun?");

		assertThat(exitCode).isZero();
		assertThat(output.getOut()).containsOnlyOnce("[offline] --offline was given: answering from the built-in "
				+ "mock server at http://127.0.0.1:")
			.contains("Hello from the offline MuleRun mock! You asked: \"What is MuleRun?\".")
			.contains("this prompt goes to gpt-5 at https://api.mulerun.com")
			.containsPattern("just like this one\\.\\R\\[usage\\] prompt=4 completion=\\d+ total=\\d+ tokens\\R");
	}

	@Test
	void readsThePromptFromStandardInputWhenThereAreNoPromptArguments(CapturedOutput output) {
		System.setIn(new ByteArrayInputStream("Explain SSE\n".getBytes(StandardCharsets.UTF_8)));

		int exitCode = ChatCliApplication.run("--offline", "--mulerun.chat.model=claude-sonnet-4-5");

		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("You asked: \"Explain SSE\".")
			.contains("this prompt goes to claude-sonnet-4-5")
			.containsPattern("\\[usage\\] prompt=2 completion=\\d+ total=\\d+ tokens");
	}

	@Test
	void exitsWithTwoWhenThereIsNoPromptAtAll(CapturedOutput output) {
		System.setIn(new ByteArrayInputStream(new byte[0]));

		assertThat(ChatCliApplication.run("--offline")).isEqualTo(2);
		assertThat(output.getErr()).contains("[error] No prompt");
	}

	@Test
	void exitsWithOneAndPrintsTheErrorWhenTheCallFails(CapturedOutput output) {
		int exitCode = ChatCliApplication.run("--offline=false", "--mulerun.api-key=sk-unreachable",
				"--mulerun.base-url=http://127.0.0.1:1", "--mulerun.retry.max-retries=0", "Hello");

		assertThat(exitCode).isEqualTo(1);
		assertThat(output.getOut()).doesNotContain("[offline]").doesNotContain("[usage]");
		assertThat(output.getErr()).contains("[error] Could not send the request to http://127.0.0.1:1");
	}

	@Test
	void leavesNoLingeringNonDaemonThreadSoTheJvmExits() throws InterruptedException {
		Set<Thread> before = nonDaemonThreads();

		assertThat(ChatCliApplication.run("--offline", "Hi")).isZero();

		// Netty's global event executor thread ends by itself a second after its last task
		for (Thread thread : nonDaemonThreads()) {
			if (!before.contains(thread)) {
				thread.join(Duration.ofSeconds(10).toMillis());
			}
		}
		assertThat(nonDaemonThreads()).isSubsetOf(before);
	}

	private static Set<Thread> nonDaemonThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !thread.isDaemon())
			.collect(Collectors.toSet());
	}

}
