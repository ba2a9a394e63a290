package com.mulerun.samples.web;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;

import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import com.mulerun.test.OfflineFallbackEnvironmentPostProcessor;

/**
 * The sample's offline default: without an API key (or with {@code --offline}) the built-in mock server
 * answers, with this text. Registered in {@code META-INF/spring.factories}.
 */
public class OfflineFallback extends OfflineFallbackEnvironmentPostProcessor {

	/**
	 * Creates the post-processor; Spring Boot does.
	 */
	public OfflineFallback() {
	}

	@Override
	protected MockResponse answer(ChatCompletionRequest request) {
		String prompt = MockMuleRunServer.lastUserMessageOf(request);
		String model = (request.model() != null) ? request.model() : ChatCompletionTemplate.DEFAULT_MODEL;
		return MockResponse.text("Hello from the offline MuleRun mock! You asked: \"" + prompt + "\". With "
				+ "MULERUN_API_KEY set, this page streams the answer of " + model + " from "
				+ ChatCompletionTemplate.DEFAULT_BASE_URL + " token by token, just like this one. Set the key and "
				+ "restart the application to talk to the real API.")
			.withChunkDelay(Duration.ofMillis(40));
	}

}
