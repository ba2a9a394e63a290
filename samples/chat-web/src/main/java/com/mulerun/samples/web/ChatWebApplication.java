package com.mulerun.samples.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves a chat page at {@code http://localhost:8080/} that streams the answer of the chosen model as it
 * arrives. Without {@code MULERUN_API_KEY} (or {@code mulerun.api-key}), or with {@code --offline}, it answers
 * from the built-in mock server (see {@link OfflineFallback}).
 */
@SpringBootApplication
public class ChatWebApplication {

	/**
	 * Starts the application.
	 * @param args Spring Boot options such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ChatWebApplication.class, args);
	}

}
