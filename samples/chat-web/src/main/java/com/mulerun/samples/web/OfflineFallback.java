package com.mulerun.samples.web;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ToolMessage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import com.mulerun.test.OfflineFallbackEnvironmentPostProcessor;

/**
 * The sample's offline default: without an API key (or with {@code --offline}) the built-in mock server
 * answers, with this text; a question about the time makes it call the server clock tool first. Registered in {@code META-INF/spring.factories}.
 */
public class OfflineFallback extends OfflineFallbackEnvironmentPostProcessor {

	/** A prompt the mock answers by calling the server clock tool. */
	private static final Pattern CLOCK_QUESTION = Pattern.compile("\\b(time|clock|date)\\b", Pattern.CASE_INSENSITIVE);

	/**
	 * Creates the post-processor; Spring Boot does.
	 */
	public OfflineFallback() {
	}

	@Override
	protected MockResponse answer(ChatCompletionRequest request) {
		List<ChatMessage> messages = request.messagesOrEmpty();
		ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
		if (last instanceof ToolMessage clock) {
			return MockResponse.text("The server's clock says " + clock.content().text() + " (read with the "
					+ ServerClockTools.NAME + " tool).").withChunkDelay(Duration.ofMillis(40));
		}
		String prompt = MockMuleRunServer.lastUserMessageOf(request);
		if (prompt != null && CLOCK_QUESTION.matcher(prompt).find()) {
			return MockResponse.toolCall(ServerClockTools.NAME, "{}");
		}
		String model = (request.model() != null) ? request.model() : ChatCompletionTemplate.DEFAULT_MODEL;
		return MockResponse.text("Hello from the offline MuleRun mock! You asked: \"" + prompt + "\". With "
				+ "MULERUN_API_KEY set, this page streams the answer of " + model + " from "
				+ ChatCompletionTemplate.DEFAULT_BASE_URL + " token by token, just like this one. Set the key and "
				+ "restart the application to talk to the real API.")
			.withChunkDelay(Duration.ofMillis(40));
	}

}
