package com.mulerun.samples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.mulerun.autoconfigure.MuleRunOffline;
import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.model.ChatModels;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Reads the command line: {@code --help}, a question in the arguments or on standard
 * input, or an interactive chat ({@link #chat}) when there is neither and the program
 * runs on a terminal (or with {@code --chat}).
 */
@Component
public class ChatCliRunner implements ApplicationRunner, ExitCodeGenerator {

	static final String HELP = """
			Usage: java -jar mulerun-sample-chat-cli.jar [options] [question...]

			  question...     ask one question and print the answer (the question can also come on standard input)
			  (no question)   on a terminal: an interactive chat that keeps the conversation
			                    /reset         start a new conversation
			                    /model [NAME]  show or switch the model
			                    /exit, Ctrl-D  quit; Ctrl-C stops the answer that is streaming
			  --chat          the interactive chat even when standard input is not a terminal
			  --help          this help

			Options are Spring Boot properties, for example:
			  --mulerun.chat.model=claude-sonnet-4-5   the model (gpt-5 by default)
			  --mulerun.offline.mode=always            answer offline even with MULERUN_API_KEY set

			The answer alone goes to standard output; [offline], [usage], [stopped] and [error] lines go to standard
			error, so "java -jar mulerun-sample-chat-cli.jar Hello > answer.txt" keeps only the answer.
			Models: %s
			""".formatted(String.join(", ", ChatModels.ALL));

	private final ChatCompletionOperations chat;

	private final String model;

	private final ObjectProvider<MuleRunOffline> offline;

	private final PrintStream out = System.out;

	private final PrintStream err = System.err;

	private final boolean terminal = System.console() != null;

	private int exitCode;

	/**
	 * Creates the runner.
	 * @param chat the auto-configured client
	 * @param model the model to start with ({@code mulerun.chat.model})
	 * @param offline present when the starter answers offline
	 */
	public ChatCliRunner(ChatCompletionOperations chat, @Value("${mulerun.chat.model:gpt-5}") String model,
			ObjectProvider<MuleRunOffline> offline) {
		this.chat = chat;
		this.model = model;
		this.offline = offline;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (args.containsOption("help") || args.getNonOptionArgs().contains("-h")) {
			this.out.print(HELP);
			return;
		}
		this.offline.ifAvailable((offline) -> this.err.println("[offline] " + offline.reason()
				+ ": answers come from the starter's offline mode; set MULERUN_API_KEY to ask " + this.model));
		String question = String.join(" ", args.getNonOptionArgs()).strip();
		try (WaitingIndicator waiting = new WaitingIndicator(this.err, this.terminal)) {
			Conversation conversation = new Conversation(this.chat, this.model, this.out, this.err, waiting);
			if (question.isEmpty() && (this.terminal || args.containsOption("chat"))) {
				chat(conversation, System.in);
				return;
			}
			if (question.isEmpty()) {
				question = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
			}
			if (question.isEmpty()) {
				this.err.println("[error] No question: pass it as arguments (java -jar mulerun-sample-chat-cli.jar "
						+ "\"Hello\") or on standard input; --help tells more");
				this.exitCode = 2;
				return;
			}
			this.exitCode = (conversation.ask(question) == Conversation.Outcome.ANSWERED) ? 0 : 1;
		}
	}

	/**
	 * The interactive chat: reads questions and commands line by line until {@code /exit}
	 * or the end of input; Ctrl-C stops the answer that is streaming, not the program.
	 */
	void chat(Conversation conversation, InputStream in) throws IOException {
		this.err.println("Chatting with " + conversation.model() + ". /reset starts over, /model NAME switches, "
				+ "/exit or Ctrl-D quits, Ctrl-C stops an answer.");
		Interrupts.onInterrupt(() -> {
			if (!conversation.stopAnswer()) {
				this.err.print("\n(/exit or Ctrl-D quits)\nyou> ");
				this.err.flush();
			}
		});
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		while (true) {
			this.err.print("you> ");
			this.err.flush();
			String line = reader.readLine();
			if (line == null || line.strip().equals("/exit") || line.strip().equals("/quit")) {
				break;
			}
			line = line.strip();
			if (line.isEmpty()) {
				continue;
			}
			if (line.startsWith("/")) {
				command(conversation, line);
			}
			else {
				conversation.ask(line);
			}
		}
		this.err.println();
	}

	private void command(Conversation conversation, String line) {
		String[] words = line.split("\\s+", 2);
		switch (words[0]) {
			case "/reset" -> {
				conversation.reset();
				this.err.println("[reset] new conversation with " + conversation.model());
			}
			case "/model" -> {
				if (words.length > 1) {
					conversation.model(words[1].strip());
				}
				String known = ChatModels.ALL.contains(conversation.model()) ? ""
						: " (not one of the listed models; the API decides)";
				this.err.println("[model] " + conversation.model() + known);
			}
			case "/help" -> this.err.print(HELP);
			default -> this.err.println("[error] Unknown command " + words[0] + ": /reset, /model NAME, /help, /exit");
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
