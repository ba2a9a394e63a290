package com.mulerun.samples.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves a chat page at {@code http://localhost:8080/} that holds a conversation and streams the answer of the
 * chosen model as it arrives. Without {@code MULERUN_API_KEY} (or {@code mulerun.api-key}) it answers from the
 * starter's offline mode ({@code mulerun.offline.mode=when-no-api-key} in {@code application.properties}).
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
