package com.mulerun.samples.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sends a prompt (the program arguments, or standard input when there are none) to MuleRun and streams the
 * answer to the terminal.
 *
 * <pre>
 * java -jar mulerun-sample-chat-cli.jar "Write a haiku about Java"
 * echo "Explain SSE in one line" | java -jar mulerun-sample-chat-cli.jar --mulerun.chat.model=claude-sonnet-4-5
 * </pre>
 *
 * <p>Without {@code MULERUN_API_KEY} (or {@code mulerun.api-key}), or with {@code --offline}, it answers from the
 * built-in mock server (see {@link OfflineFallback}).
 */
@SpringBootApplication
public class ChatCliApplication {

	/**
	 * Runs the command and exits with its code (0 when the answer was printed).
	 * @param args the prompt words and Spring Boot options such as {@code --mulerun.chat.model=gpt-5-mini}
	 */
	public static void main(String[] args) {
		int exitCode = run(args);
		if (exitCode != 0) {
			System.exit(exitCode);
		}
	}

	/**
	 * Runs the command: starts the application, answers the prompt and closes the application again.
	 * @param args the prompt words and Spring Boot options
	 * @return the exit code: 0 when the answer was printed, 1 when the call failed, 2 without a prompt
	 */
	public static int run(String... args) {
		SpringApplication application = new SpringApplication(ChatCliApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return SpringApplication.exit(application.run(args));
	}

}
