package com.mulerun.samples.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A command-line chat with MuleRun: answers the question given as arguments (or on
 * standard input), or, with no argument on a terminal, holds an interactive conversation.
 *
 * <pre>
 * java -jar mulerun-sample-chat-cli.jar "Write a haiku about Java"
 * java -jar mulerun-sample-chat-cli.jar                      # interactive: /reset, /model NAME, /exit
 * echo "Explain SSE in one line" | java -jar mulerun-sample-chat-cli.jar --mulerun.chat.model=claude-sonnet-4-5
 * java -jar mulerun-sample-chat-cli.jar --help
 * </pre>
 *
 * <p>
 * The answer alone goes to standard output; status lines ({@code [offline]},
 * {@code [usage]}, {@code [error]}) go to standard error. Without {@code MULERUN_API_KEY}
 * it answers from the starter's offline mode
 * ({@code mulerun.offline.mode=when-no-api-key} in {@code application.properties}).
 */
@SpringBootApplication
public class ChatCliApplication {

	/**
	 * Runs the command and exits with its code.
	 * @param args the prompt words and options such as
	 * {@code --mulerun.chat.model=gpt-5-mini}
	 */
	public static void main(String[] args) {
		// Boot's idiom for a command-line application: the exit code of the
		// ExitCodeGenerator beans
		System.exit(run(args));
	}

	/**
	 * Runs the command: starts the application, answers and closes the application again.
	 * @param args the prompt words and options
	 * @return the exit code: 0 when the answer was printed, 1 when the call failed, 2 on
	 * a usage error
	 */
	public static int run(String... args) {
		SpringApplication application = new SpringApplication(ChatCliApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return SpringApplication.exit(application.run(args));
	}

}
