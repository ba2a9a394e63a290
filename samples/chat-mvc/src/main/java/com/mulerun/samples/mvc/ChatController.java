package com.mulerun.samples.mvc;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.Usage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The chat API: the whole answer with the blocking call, or the answer streamed through
 * an {@link SseEmitter}.
 */
@RestController
public class ChatController {

	private static final Logger logger = LoggerFactory.getLogger(ChatController.class);

	private final ChatCompletionOperations chat;

	private final AsyncTaskExecutor executor;

	/**
	 * Creates the controller.
	 * @param chat the auto-configured client
	 * @param applicationTaskExecutor Boot's task executor, on virtual threads when they
	 * are enabled
	 */
	public ChatController(ChatCompletionOperations chat, AsyncTaskExecutor applicationTaskExecutor) {
		this.chat = chat;
		this.executor = applicationTaskExecutor;
	}

	/**
	 * Answers a conversation with the blocking call, on the request's (virtual) thread.
	 * @param conversation the model and the messages, the new prompt last
	 * @return the answer, the model that gave it, why it ended and the usage
	 */
	@PostMapping("/api/chat")
	public Reply chat(@RequestBody Conversation conversation) {
		ChatCompletion completion = this.chat.create(conversation.toRequest());
		Choice choice = completion.choices().get(0);
		return new Reply(completion.content(), completion.model(),
				(choice.finishReason() != null) ? choice.finishReason().value() : null, completion.usage());
	}

	/**
	 * Streams the answer to a conversation as server-sent events: {@code delta}s, the
	 * {@code usage}, then {@code done}, or an {@code error}. A (virtual) thread reads the
	 * chunks one by one and sends them; when the client goes away, the next send fails
	 * and closing the chunk stream cancels the call.
	 * @param conversation the model and the messages, the new prompt last
	 * @return the emitter
	 */
	@PostMapping("/api/chat/stream")
	public SseEmitter stream(@RequestBody Conversation conversation) {
		ChatCompletionRequest request = conversation.toRequest();
		SseEmitter emitter = new SseEmitter(0L);
		this.executor.execute(() -> relay(request, emitter));
		return emitter;
	}

	private void relay(ChatCompletionRequest request, SseEmitter emitter) {
		String model = null;
		String finishReason = null;
		try (Stream<ChatCompletionChunk> chunks = this.chat.stream(request).toStream()) {
			for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) chunks::iterator) {
				model = (chunk.model() != null) ? chunk.model() : model;
				String text = chunk.text();
				if (text != null && !text.isEmpty()) {
					emitter.send(ChatEvent.delta(text));
				}
				List<ChunkChoice> choices = chunk.choices();
				if (choices != null && !choices.isEmpty() && choices.get(0).finishReason() != null) {
					finishReason = choices.get(0).finishReason().value();
				}
				Usage usage = chunk.usage();
				if (usage != null) {
					emitter.send(ChatEvent.usage(usage));
				}
			}
			emitter.send(ChatEvent.done(model, finishReason));
			emitter.complete();
		}
		catch (IOException ex) {
			// closing the chunk stream (try-with-resources) has cancelled the call
			logger.info("Answer stopped: the client went away");
		}
		catch (MuleRunException ex) {
			logger.warn("MuleRun call failed: {}", ex.getMessage());
			try {
				emitter.send(ChatEvent.error(ex));
				emitter.complete();
			}
			catch (IOException gone) {
				logger.info("Answer stopped: the client went away");
			}
		}
	}

	/**
	 * Turns a failed blocking call into a problem detail with the API's status, and logs
	 * it in one line.
	 * @param ex the failure
	 * @return the problem detail
	 */
	@ExceptionHandler(MuleRunException.class)
	public ProblemDetail failed(MuleRunException ex) {
		logger.warn("MuleRun call failed: {}", ex.getMessage());
		HttpStatusCode status = (ex instanceof MuleRunApiException apiError && apiError.statusCode() >= 400)
				? HttpStatusCode.valueOf(apiError.statusCode()) : HttpStatus.BAD_GATEWAY;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle("The chat call failed");
		return problem;
	}

	/**
	 * A request: the model and the conversation so far, the new prompt last.
	 *
	 * @param model the model, or {@code null} for the default one
	 * @param messages the messages, oldest first
	 */
	public record Conversation(@Nullable String model, List<Message> messages) {

		ChatCompletionRequest toRequest() {
			return ChatCompletionRequest.builder()
				.model((this.model != null && !this.model.isBlank()) ? this.model : null)
				.messages(this.messages.stream().map(Message::toChatMessage).toList())
				.build();
		}

		/**
		 * One message.
		 *
		 * @param role {@code system}, {@code user} or {@code assistant}
		 * @param content the text
		 */
		public record Message(String role, String content) {

			ChatMessage toChatMessage() {
				return switch (this.role) {
					case "assistant" -> ChatMessage.assistant(this.content);
					case "system" -> ChatMessage.system(this.content);
					default -> ChatMessage.user(this.content);
				};
			}

		}

	}

	/**
	 * The answer of the blocking call.
	 *
	 * @param content the answer's text
	 * @param model the model that answered
	 * @param finishReason why the answer ended
	 * @param usage the tokens used
	 */
	public record Reply(@Nullable String content, @Nullable String model, @Nullable String finishReason,
			@Nullable Usage usage) {

	}

}
