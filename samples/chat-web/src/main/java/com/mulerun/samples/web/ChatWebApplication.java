package com.mulerun.samples.web;

import java.time.Clock;

import com.mulerun.chat.tool.ChatTools;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Serves a chat page at {@code http://localhost:8080/} that holds a conversation and
 * streams the answer of the chosen model as it arrives. Without {@code MULERUN_API_KEY}
 * (or {@code mulerun.api-key}) it answers from the starter's offline mode
 * ({@code mulerun.offline.mode=when-no-api-key} in {@code application.properties}). The
 * model may call one tool, the server's clock ({@link ServerClockTools}): a
 * {@link ChatTools} bean is the default tools of the auto-configured template.
 */
@SpringBootApplication
public class ChatWebApplication {

	/**
	 * Returns the server clock tool.
	 * @return the tool's bean
	 */
	@Bean
	ServerClockTools serverClockTools() {
		return new ServerClockTools(Clock.systemDefaultZone());
	}

	/**
	 * Returns the tools of every call: the server clock.
	 * @param serverClockTools the clock tool
	 * @return the tools
	 */
	@Bean
	ChatTools chatTools(ServerClockTools serverClockTools) {
		return ChatTools.from(serverClockTools);
	}

	/**
	 * Starts the application.
	 * @param args Spring Boot options such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ChatWebApplication.class, args);
	}

}
