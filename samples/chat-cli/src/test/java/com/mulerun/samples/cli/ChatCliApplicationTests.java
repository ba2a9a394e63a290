package com.mulerun.samples.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command run as {@code main} runs it, offline, with standard output and standard
 * error captured apart.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatCliApplicationTests {

	private static final String NO_DELAY = "--mulerun.offline.chunk-delay=0s";

	private final InputStream standardInput = System.in;

	@AfterEach
	void restoreStandardInput() {
		System.setIn(this.standardInput);
	}

	@Test
	void printsTheAnswerAloneOnStandardOutputAndTheStatusLinesOnStandardError(CapturedOutput output) {
		int exitCode = ChatCliApplication.run(NO_DELAY, "--mulerun.offline.mode=always", "What", "is", "MuleRun?");

		assertThat(exitCode).isZero();
		assertThat(output.getOut())
			.isEqualTo("This is the **offline mode** of the MuleRun starter (mulerun.offline.mode "
					+ "is always), so nothing left this machine. You asked: \"What is MuleRun?\". With an API key, gpt-5 "
					+ "answers from https://api.mulerun.com and the text streams in token by token, just like this one."
					+ System.lineSeparator());
		assertThat(output.getErr())
			.startsWith("[offline] mulerun.offline.mode is always: answers come from the "
					+ "starter's offline mode; set MULERUN_API_KEY to ask gpt-5")
			.containsPattern(
					"\\[usage\\] prompt=3 completion=\\d+ total=\\d+ tokens, first token after \\d+\\.\\d\\d s, "
							+ "answered in \\d+\\.\\d\\d s\\R$");
	}

	@Test
	void readsTheQuestionFromStandardInputWhenThereIsNoneInTheArguments(CapturedOutput output) {
		System.setIn(new ByteArrayInputStream("Explain SSE\n".getBytes(StandardCharsets.UTF_8)));

		int exitCode = ChatCliApplication.run(NO_DELAY, "--mulerun.offline.mode=always",
				"--mulerun.chat.model=claude-sonnet-4-5");

		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("You asked: \"Explain SSE\".").contains("claude-sonnet-4-5 answers");
	}

	@Test
	void holdsAConversationThatCanBeResetAndSwitchedToAnotherModel(CapturedOutput output) {
		System.setIn(new ByteArrayInputStream("""
				Hi
				And then?
				/model claude-sonnet-4-5
				Who answers?
				/reset
				Again
				/exit
				""".getBytes(StandardCharsets.UTF_8)));

		assertThat(ChatCliApplication.run(NO_DELAY, "--mulerun.offline.mode=always", "--chat")).isZero();

		assertThat(output.getOut().lines()).satisfiesExactly(
				(first) -> assertThat(first).contains("You asked: \"Hi\". With an API key, gpt-5 answers"),
				(second) -> assertThat(second).contains("\"And then?\" (message 2 of this conversation)")
					.contains("gpt-5 answers"),
				(third) -> assertThat(third).contains("\"Who answers?\" (message 3 of this conversation)")
					.contains("claude-sonnet-4-5 answers"),
				(afterReset) -> assertThat(afterReset)
					.contains("You asked: \"Again\". With an API key, " + "claude-sonnet-4-5 answers"));
		assertThat(output.getErr()).contains("Chatting with gpt-5.")
			.contains("[model] claude-sonnet-4-5" + System.lineSeparator())
			.contains("[reset] new conversation with claude-sonnet-4-5");
	}

	@Test
	void explainsTheUsageWithHelp(CapturedOutput output) {
		assertThat(ChatCliApplication.run("--mulerun.offline.mode=always", "--help")).isZero();

		assertThat(output.getOut()).startsWith("Usage: java -jar mulerun-sample-chat-cli.jar [options] [question...]")
			.contains("/model [NAME]")
			.contains("claude-sonnet-4-5");
		assertThat(output.getErr()).doesNotContain("[usage]");
	}

	@Test
	void exitsWithTwoWhenThereIsNoQuestionAtAll(CapturedOutput output) {
		System.setIn(new ByteArrayInputStream(new byte[0]));

		assertThat(ChatCliApplication.run("--mulerun.offline.mode=always")).isEqualTo(2);
		assertThat(output.getErr()).contains("[error] No question");
		assertThat(output.getOut()).isEmpty();
	}

	@Test
	void exitsWithOneAndPrintsTheErrorOnStandardErrorWhenTheCallFails(CapturedOutput output) {
		int exitCode = ChatCliApplication.run("--mulerun.offline.mode=never", "--mulerun.api-key=sk-unreachable",
				"--mulerun.base-url=http://127.0.0.1:1", "--mulerun.retry.max-retries=0", "Hello");

		assertThat(exitCode).isEqualTo(1);
		assertThat(output.getOut()).isEmpty();
		assertThat(output.getErr()).doesNotContain("[offline]")
			.doesNotContain("[usage]")
			.contains("[error] Could not connect to 127.0.0.1:1 (")
			.contains("(mulerun.base-url)");
	}

}
