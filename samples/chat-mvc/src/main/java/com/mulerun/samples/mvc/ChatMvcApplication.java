package com.mulerun.samples.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A chat API on Spring MVC at {@code http://localhost:8080}: {@code POST /api/chat}
 * answers with the whole completion (the blocking call), {@code POST /api/chat/stream}
 * streams it as server-sent events, and
 * {@code /actuator/metrics/gen_ai.client.operation.duration} shows the calls. Without
 * {@code MULERUN_API_KEY} it answers from the starter's offline mode.
 */
@SpringBootApplication
public class ChatMvcApplication {

	/**
	 * Starts the application.
	 * @param args Spring Boot options such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ChatMvcApplication.class, args);
	}

}
