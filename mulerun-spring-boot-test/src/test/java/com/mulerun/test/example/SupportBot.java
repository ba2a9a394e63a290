package com.mulerun.test.example;

import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;

/**
 * A user's service that answers support questions with the model: the kind of class
 * {@code @AutoConfigureMockMuleRun} is meant to test.
 */
@Service
public class SupportBot {

	static final String INSTRUCTIONS = "You are the support bot of Acme. Answer in one short paragraph.";

	private final ChatCompletionOperations chat;

	/**
	 * Creates the bot.
	 * @param chat the auto-configured client
	 */
	public SupportBot(ChatCompletionOperations chat) {
		this.chat = chat;
	}

	/**
	 * Answers a question, blocking.
	 * @param question the customer's question
	 * @return the answer
	 */
	public String answer(String question) {
		String content = this.chat.create(request(question)).content();
		return (content != null) ? content : "";
	}

	/**
	 * Answers a question as a stream of text deltas.
	 * @param question the customer's question
	 * @return the deltas
	 */
	public Flux<String> streamAnswer(String question) {
		return this.chat.streamText(request(question));
	}

	private static ChatCompletionRequest request(String question) {
		return ChatCompletionRequest.builder()
			.messages(List.of(ChatMessage.system(INSTRUCTIONS), ChatMessage.user(question)))
			.build();
	}

}
