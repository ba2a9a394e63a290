package com.mulerun.samples.web;

import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.error.MuleRunStructuredOutputException;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page's API: the models to pick from, the answer to a prompt relayed as server-sent events, and a typed
 * summary of a text (structured output).
 */
@RestController
public class ChatController {

	private static final Logger logger = LoggerFactory.getLogger(ChatController.class);

	private final ChatCompletionOperations chat;

	private final String defaultModel;

	private final Environment environment;

	/**
	 * Creates the controller.
	 * @param chat the auto-configured client
	 * @param defaultModel the model used when the page names none
	 * @param environment the environment, which tells whether the answers come from the offline mock
	 */
	public ChatController(ChatCompletionOperations chat, @Value("${mulerun.chat.model:gpt-5}") String defaultModel,
			Environment environment) {
		this.chat = chat;
		this.defaultModel = defaultModel;
		this.environment = environment;
	}

	/**
	 * Lists the supported models.
	 * @return the models, the default one, and whether the answers come from the offline mock
	 */
	@GetMapping("/api/models")
	public Models models() {
		return new Models(ChatModels.ALL, this.defaultModel,
				this.environment.getProperty(OfflineFallback.REASON_PROPERTY));
	}

	/**
	 * Streams the answer to a prompt as {@link ChatEvent}s: {@code delta}s as the text arrives, a {@code tool} for
	 * each tool the model calls (the template runs it and the answer goes on), the {@code usage}, then
	 * {@code done}; or an {@code error} with a readable message when the call fails.
	 * @param prompt the user's prompt
	 * @param model the model, or none for the default
	 * @return the events
	 */
	@GetMapping(path = "/api/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<ChatEvent>> stream(@RequestParam(defaultValue = "") String prompt,
			@RequestParam(required = false) @Nullable String model) {
		if (prompt.isBlank()) {
			return Flux.just(event(ChatEvent.error("Type a prompt first.", null)));
		}
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.userMessage(prompt)
			.model((model != null && !model.isBlank()) ? model : null)
			.build();
		AtomicReference<@Nullable String> finishReason = new AtomicReference<>();
		return this.chat.stream(request)
			.concatMapIterable((chunk) -> events(chunk, finishReason))
			.concatWith(Mono.fromSupplier(() -> ChatEvent.done(finishReason.get())))
			.onErrorResume((error) -> Mono.just(error(error)))
			.map(ChatController::event);
	}

	/**
	 * Summarizes a text into a {@link Summary}: the model answers in JSON of the record's schema, parsed back by
	 * the client. An answer that cannot become a {@code Summary} is a 502 with the reason.
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

	private static List<ChatEvent> events(ChatCompletionChunk chunk, AtomicReference<@Nullable String> finishReason) {
		List<ChatEvent> events = new ArrayList<>(2);
		String text = chunk.text();
		if (text != null && !text.isEmpty()) {
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
				finishReason.set(choices.get(0).finishReason().value());
			}
		}
		Usage usage = chunk.usage();
		if (usage != null) {
			events.add(ChatEvent.usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()));
		}
		return events;
	}

	private static ChatEvent error(Throwable error) {
		if (error instanceof MuleRunApiException apiError) {
			return ChatEvent.error(apiError.getMessage(), apiError.statusCode());
		}
		if (error instanceof MuleRunException) {
			return ChatEvent.error(String.valueOf(error.getMessage()), null);
		}
		logger.error("Unexpected failure while streaming an answer", error);
		return ChatEvent.error("Unexpected failure: " + error, null);
	}

	private static ServerSentEvent<ChatEvent> event(ChatEvent event) {
		return ServerSentEvent.builder(event).build();
	}

	/**
	 * The models the page offers.
	 *
	 * @param models every supported model id
	 * @param defaultModel the model selected at first
	 * @param offline why the answers come from the built-in mock server, or {@code null} when they come from
	 * MuleRun
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
			@JsonPropertyDescription("The key points, one sentence each") List<String> keyPoints,
			Sentiment sentiment) {

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

}
