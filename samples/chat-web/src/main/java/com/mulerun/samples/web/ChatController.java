package com.mulerun.samples.web;

import java.util.ArrayList;
import java.util.List;

import com.mulerun.autoconfigure.MuleRunOffline;
import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.error.MuleRunStructuredOutputException;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.Usage;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page's API: the models to pick from, the answer to a conversation relayed as
 * server-sent events, and a typed summary of a text (structured output).
 */
@RestController
public class ChatController {

	private static final Logger logger = LoggerFactory.getLogger(ChatController.class);

	private final ChatCompletionOperations chat;

	private final String defaultModel;

	private final @Nullable String offline;

	/**
	 * Creates the controller.
	 * @param chat the auto-configured client
	 * @param defaultModel the model used when the page names none
	 * @param offline present when the starter answers offline
	 */
	public ChatController(ChatCompletionOperations chat, @Value("${mulerun.chat.model:gpt-5}") String defaultModel,
			ObjectProvider<MuleRunOffline> offline) {
		this.chat = chat;
		this.defaultModel = defaultModel;
		MuleRunOffline mode = offline.getIfAvailable();
		this.offline = (mode != null) ? mode.reason() : null;
	}

	/**
	 * Lists the supported models.
	 * @return the models, the default one, and whether the answers come from the offline
	 * mode
	 */
	@GetMapping("/api/models")
	public Models models() {
		return new Models(ChatModels.ALL, this.defaultModel, this.offline);
	}

	/**
	 * Streams the answer to the last message of a conversation as {@link ChatEvent}s:
	 * {@code delta}s as the text arrives, a {@code tool} for each tool the model calls
	 * (the template runs it and the answer goes on), the {@code usage}, then {@code done}
	 * with the model and the finish reason; or an {@code error} with a readable message
	 * when the call fails. Closing the response (the page's Stop button) cancels the
	 * call.
	 * @param conversation the model and the messages so far, the new prompt last
	 * @return the events
	 */
	@PostMapping(path = "/api/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<ChatEvent>> stream(@RequestBody Conversation conversation) {
		List<Conversation.Message> messages = (conversation.messages() != null) ? conversation.messages() : List.of();
		if (messages.isEmpty() || !"user".equals(messages.get(messages.size() - 1).role())
				|| messages.get(messages.size() - 1).content().isBlank()) {
			return Flux.just(event(ChatEvent.error("Type a prompt first.", null)));
		}
		String model = conversation.model();
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.messages(messages.stream().map(Conversation.Message::toChatMessage).toList())
			.model((model != null && !model.isBlank()) ? model : null)
			.build();
		Answer answer = new Answer();
		return this.chat.stream(request)
			.concatMapIterable(answer::events)
			.concatWith(Mono.fromSupplier(answer::done))
			.onErrorResume((error) -> Mono.just(error(error)))
			.doOnCancel(() -> logger.info("Answer stopped by the page after {} characters", answer.characters))
			.map(ChatController::event);
	}

	/**
	 * Summarizes a text into a {@link Summary}: the model answers in JSON of the record's
	 * schema, parsed back by the client. An answer that cannot become a {@code Summary}
	 * is a 502 with the reason.
	 * @param text the text to summarize
	 * @param model the model, or none for the default
	 * @return the summary
	 */
	@GetMapping("/api/summary")
	public Mono<Summary> summary(@RequestParam String text, @RequestParam(required = false) @Nullable String model) {
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model((model != null && !model.isBlank()) ? model : null)
			.systemMessage("Summarize the user's text.")
			.userMessage(text)
			.build();
		return this.chat.entityMono(request, Summary.class)
			.onErrorMap(MuleRunStructuredOutputException.class,
					(ex) -> new ResponseStatusException(HttpStatus.BAD_GATEWAY, ex.getMessage(), ex));
	}

	private static ChatEvent error(Throwable error) {
		if (error instanceof MuleRunApiException apiError) {
			logger.warn("MuleRun call failed: {}", apiError.getMessage());
			return ChatEvent.error(apiError.getMessage(), apiError.statusCode());
		}
		if (error instanceof MuleRunException) {
			logger.warn("MuleRun call failed: {}", error.getMessage());
			return ChatEvent.error(String.valueOf(error.getMessage()), null);
		}
		logger.error("Unexpected failure while streaming an answer", error);
		return ChatEvent.error("Unexpected failure: " + error, null);
	}

	private static ServerSentEvent<ChatEvent> event(ChatEvent event) {
		return ServerSentEvent.builder(event).build();
	}

	/**
	 * What the chunks of one answer said so far: the model, the finish reason, the
	 * length.
	 */
	private static final class Answer {

		private @Nullable String model;

		private @Nullable String finishReason;

		private int characters;

		List<ChatEvent> events(ChatCompletionChunk chunk) {
			List<ChatEvent> events = new ArrayList<>(2);
			if (chunk.model() != null) {
				this.model = chunk.model();
			}
			String text = chunk.text();
			if (text != null && !text.isEmpty()) {
				this.characters += text.length();
				events.add(ChatEvent.delta(text));
			}
			List<ChunkChoice> choices = chunk.choices();
			if (choices != null && !choices.isEmpty()) {
				Delta delta = choices.get(0).delta();
				if (delta != null && delta.toolCalls() != null) {
					delta.toolCalls()
						.stream()
						.filter((call) -> call.function() != null && call.function().name() != null)
						.forEach((call) -> events.add(ChatEvent.tool(call.function().name())));
				}
				if (choices.get(0).finishReason() != null) {
					this.finishReason = choices.get(0).finishReason().value();
				}
			}
			Usage usage = chunk.usage();
			if (usage != null) {
				events.add(ChatEvent.usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()));
			}
			return events;
		}

		ChatEvent done() {
			return ChatEvent.done(this.model, this.finishReason);
		}

	}

	/**
	 * The models the page offers.
	 *
	 * @param models every supported model id
	 * @param defaultModel the model selected at first
	 * @param offline why the answers come from the starter's offline mode, or
	 * {@code null} when they come from MuleRun
	 */
	public record Models(List<String> models, String defaultModel, @Nullable String offline) {

	}

	/**
	 * A typed summary of a text.
	 *
	 * @param title a title of at most ten words
	 * @param keyPoints the key points, one sentence each
	 * @param sentiment the overall tone
	 */
	public record Summary(@JsonPropertyDescription("A title of at most ten words") String title,
			@JsonPropertyDescription("The key points, one sentence each") List<String> keyPoints, Sentiment sentiment) {

	}

	/**
	 * The overall tone of a text.
	 */
	public enum Sentiment {

		/** Favourable. */
		POSITIVE,

		/** Neither. */
		NEUTRAL,

		/** Unfavourable. */
		NEGATIVE

	}

	/**
	 * What the page posts: the model and the conversation so far, the new prompt last.
	 *
	 * @param model the model, or {@code null} (or blank) for the default one
	 * @param messages the messages, oldest first
	 */
	public record Conversation(@Nullable String model, @Nullable List<Message> messages) {

		/**
		 * One message of the conversation.
		 *
		 * @param role {@code user} or {@code assistant}
		 * @param content the text
		 */
		public record Message(String role, String content) {

			ChatMessage toChatMessage() {
				return "assistant".equals(this.role) ? ChatMessage.assistant(this.content)
						: ChatMessage.user(this.content);
			}

		}

	}

}
