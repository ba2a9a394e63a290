package com.mulerun.samples.cli;

import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reads the prompt, streams the answer to standard output delta by delta, then prints the usage line.
 */
@Component
public class ChatCliRunner implements ApplicationRunner, ExitCodeGenerator {

	private final ChatCompletionOperations chat;

	private final Environment environment;

	private final PrintStream out = System.out;

	private final PrintStream err = System.err;

	private int exitCode;

	/**
	 * Creates the runner.
	 * @param chat the auto-configured client
	 * @param environment the environment, which tells whether the answer comes from the offline mock
	 */
	public ChatCliRunner(ChatCompletionOperations chat, Environment environment) {
		this.chat = chat;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		String prompt = String.join(" ", args.getNonOptionArgs()).strip();
		if (prompt.isEmpty()) {
			prompt = readStandardInput(System.in);
		}
		if (prompt.isEmpty()) {
			this.err.println("[error] No prompt: pass it as arguments (java -jar mulerun-sample-chat-cli.jar \"Hello\") "
					+ "or on standard input");
			this.exitCode = 2;
			return;
		}
		String offlineReason = this.environment.getProperty(OfflineFallback.REASON_PROPERTY);
		if (offlineReason != null) {
			this.out.println("[offline] " + offlineReason + ": answering from the built-in mock server at "
					+ this.environment.getProperty("mulerun.base-url"));
		}
		AtomicReference<@Nullable Usage> usage = new AtomicReference<>();
		try {
			this.chat.stream(ChatCompletionRequest.builder().userMessage(prompt).build()).doOnNext((chunk) -> {
				String text = chunk.text();
				if (text != null) {
					this.out.print(text);
					this.out.flush();
				}
				if (chunk.usage() != null) {
					usage.set(chunk.usage());
				}
			}).blockLast();
			this.out.println();
			this.out.println(usageLine(usage.get()));
		}
		catch (MuleRunException ex) {
			this.out.println();
			this.err.println("[error] " + ex.getMessage());
			this.exitCode = 1;
		}
	}

	private String readStandardInput(InputStream in) throws IOException {
		if (System.console() != null) {
			this.err.println("Type your prompt, then press Ctrl-D:");
		}
		return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
	}

	static String usageLine(@Nullable Usage usage) {
		if (usage == null) {
			return "[usage] not reported";
		}
		return "[usage] prompt=" + count(usage.promptTokens()) + " completion=" + count(usage.completionTokens())
				+ " total=" + count(usage.totalTokens()) + " tokens";
	}

	private static String count(@Nullable Integer tokens) {
		return (tokens != null) ? tokens.toString() : "?";
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
