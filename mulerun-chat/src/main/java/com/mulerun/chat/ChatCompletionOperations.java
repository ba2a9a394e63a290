package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import com.mulerun.chat.structured.ChatEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;

/**
 * The operations of {@link ChatCompletionTemplate}: create a chat completion blocking,
 * reactively or as a stream, or ask for a Java value (structured output). Depend on this
 * interface to mock the template in tests.
 */
public interface ChatCompletionOperations {

	/**
	 * Creates a chat completion and waits for it. Must not be called on a non-blocking
	 * (event loop) thread.
	 * @param request the request
	 * @return the completion
	 * @throws MuleRunException when the call fails (see the subclasses)
	 */
	default ChatCompletion create(ChatCompletionRequest request) {
		return create(request, CallOptions.NONE);
	}

	/**
	 * Creates a chat completion with per-call options and waits for it.
	 * @param request the request
	 * @param options options of this call
	 * @return the completion
	 * @throws MuleRunException when the call fails
	 */
	ChatCompletion create(ChatCompletionRequest request, CallOptions options);

	/**
	 * Creates a chat completion reactively. Nothing is sent until the {@code Mono} is
	 * subscribed to.
	 * @param request the request
	 * @return the completion
	 */
	default Mono<ChatCompletion> createMono(ChatCompletionRequest request) {
		return createMono(request, CallOptions.NONE);
	}

	/**
	 * Creates a chat completion reactively, with per-call options.
	 * @param request the request
	 * @param options options of this call
	 * @return the completion
	 */
	Mono<ChatCompletion> createMono(ChatCompletionRequest request, CallOptions options);

	/**
	 * Streams a chat completion as server-sent-event chunks. Nothing is sent until the
	 * {@code Flux} is subscribed to; cancelling it closes the exchange.
	 * @param request the request ({@code stream} is set to {@code true})
	 * @return the chunks, in order
	 */
	default Flux<ChatCompletionChunk> stream(ChatCompletionRequest request) {
		return stream(request, CallOptions.NONE);
	}

	/**
	 * Streams a chat completion with per-call options.
	 * @param request the request
	 * @param options options of this call
	 * @return the chunks, in order
	 */
	Flux<ChatCompletionChunk> stream(ChatCompletionRequest request, CallOptions options);

	/**
	 * Streams a chat completion and gives only its text, delta by delta (the first
	 * choice's content).
	 * @param request the request
	 * @return the text deltas
	 */
	default Flux<String> streamText(ChatCompletionRequest request) {
		return streamText(request, CallOptions.NONE);
	}

	/**
	 * Streams a chat completion with per-call options and gives only its text; with
	 * tools, the text of every round (the tool calls are executed, not shown).
	 * @param request the request
	 * @param options options of this call
	 * @return the text deltas
	 */
	default Flux<String> streamText(ChatCompletionRequest request, CallOptions options) {
		return stream(request, options).<String>handle((chunk, sink) -> {
			String text = chunk.text();
			if (text != null && !text.isEmpty()) {
				sink.next(text);
			}
		});
	}

	/**
	 * Streams a chat completion and gives the {@link ChatCompletion} its chunks add up
	 * to, as a non-streaming call would have returned it.
	 * @param request the request
	 * @return the aggregate
	 */
	default Mono<ChatCompletion> streamAggregated(ChatCompletionRequest request) {
		return ChatCompletionAggregator.aggregate(stream(request));
	}

	/**
	 * Sends one user prompt to the default model and returns the answer's text.
	 * @param prompt the user's prompt
	 * @return the answer, or an empty string when the model answered with no text
	 */
	default String chat(String prompt) {
		ChatCompletion completion = create(ChatCompletionRequest.builder().userMessage(prompt).build());
		String content = completion.content();
		return (content != null) ? content : "";
	}

	/**
	 * Asks for a value of a Java type (structured output) and waits for it. The schema of
	 * the type goes with the request in the way the model honours (see
	 * {@link com.mulerun.chat.structured.StructuredOutputMode}).
	 * @param <T> the type
	 * @param request the request
	 * @param type the type, such as a record
	 * @return the value
	 * @throws com.mulerun.chat.error.MuleRunStructuredOutputException when the answer
	 * cannot become the type
	 */
	default <T> T entity(ChatCompletionRequest request, Class<T> type) {
		return createEntity(request, type).value();
	}

	/**
	 * Asks for a value of a Java type with per-call options and waits for it.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @param options options of this call (they may set the structured-output mode and
	 * repair attempts)
	 * @return the value
	 */
	default <T> T entity(ChatCompletionRequest request, Class<T> type, CallOptions options) {
		return createEntity(request, type, options).value();
	}

	/**
	 * Asks for a value of a generic type, such as {@code new
	 * ParameterizedTypeReference<List<Person>>() {}}, and waits for it.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @return the value
	 */
	default <T> T entity(ChatCompletionRequest request, ParameterizedTypeReference<T> type) {
		return createEntity(request, type).value();
	}

	/**
	 * Asks for a value of a generic type with per-call options and waits for it.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @param options options of this call
	 * @return the value
	 */
	default <T> T entity(ChatCompletionRequest request, ParameterizedTypeReference<T> type, CallOptions options) {
		return createEntity(request, type, options).value();
	}

	/**
	 * Sends one user prompt to the default model and returns the answer as a value of a
	 * Java type.
	 * @param <T> the type
	 * @param prompt the user's prompt
	 * @param type the type
	 * @return the value
	 */
	default <T> T entity(String prompt, Class<T> type) {
		return entity(ChatCompletionRequest.builder().userMessage(prompt).build(), type);
	}

	/**
	 * Asks for a value of a Java type reactively.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @return the value
	 */
	default <T> Mono<T> entityMono(ChatCompletionRequest request, Class<T> type) {
		return entityMono(request, type, CallOptions.NONE);
	}

	/**
	 * Asks for a value of a Java type reactively, with per-call options.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @param options options of this call
	 * @return the value
	 */
	default <T> Mono<T> entityMono(ChatCompletionRequest request, Class<T> type, CallOptions options) {
		return createEntityMono(request, ParameterizedTypeReference.<T>forType(type), options).map(ChatEntity::value);
	}

	/**
	 * Asks for a value of a generic type reactively.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @return the value
	 */
	default <T> Mono<T> entityMono(ChatCompletionRequest request, ParameterizedTypeReference<T> type) {
		return entityMono(request, type, CallOptions.NONE);
	}

	/**
	 * Asks for a value of a generic type reactively, with per-call options.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @param options options of this call
	 * @return the value
	 */
	default <T> Mono<T> entityMono(ChatCompletionRequest request, ParameterizedTypeReference<T> type,
			CallOptions options) {
		return createEntityMono(request, type, options).map(ChatEntity::value);
	}

	/**
	 * Asks for a value of a Java type and waits for it and the completion it came from
	 * (usage, id, model).
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @return the value and the completion
	 */
	default <T> ChatEntity<T> createEntity(ChatCompletionRequest request, Class<T> type) {
		return createEntity(request, type, CallOptions.NONE);
	}

	/**
	 * Asks for a value of a Java type with per-call options and waits for it and its
	 * completion.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @param options options of this call
	 * @return the value and the completion
	 */
	default <T> ChatEntity<T> createEntity(ChatCompletionRequest request, Class<T> type, CallOptions options) {
		return createEntity(request, ParameterizedTypeReference.<T>forType(type), options);
	}

	/**
	 * Asks for a value of a generic type and waits for it and its completion.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @return the value and the completion
	 */
	default <T> ChatEntity<T> createEntity(ChatCompletionRequest request, ParameterizedTypeReference<T> type) {
		return createEntity(request, type, CallOptions.NONE);
	}

	/**
	 * Asks for a value of a generic type with per-call options and waits for it and its
	 * completion.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @param options options of this call
	 * @return the value and the completion
	 */
	default <T> ChatEntity<T> createEntity(ChatCompletionRequest request, ParameterizedTypeReference<T> type,
			CallOptions options) {
		ChatEntity<T> entity = createEntityMono(request, type, options).block();
		if (entity == null) {
			throw new MuleRunException("The call completed without a structured answer");
		}
		return entity;
	}

	/**
	 * Asks for a value of a generic type reactively and gives it with its completion;
	 * every other structured-output method comes down to this one.
	 * @param <T> the type
	 * @param request the request
	 * @param type the type
	 * @param options options of this call
	 * @return the value and the completion
	 */
	<T> Mono<ChatEntity<T>> createEntityMono(ChatCompletionRequest request, ParameterizedTypeReference<T> type,
			CallOptions options);

	/**
	 * Asks for a list of a Java type and emits each element as soon as its JSON is
	 * complete in the stream.
	 * @param <T> the element type
	 * @param request the request
	 * @param elementType the element type
	 * @return the elements, in order
	 */
	default <T> Flux<T> streamEntities(ChatCompletionRequest request, Class<T> elementType) {
		return streamEntities(request, elementType, CallOptions.NONE);
	}

	/**
	 * Asks for a list of a Java type with per-call options and emits each element as soon
	 * as it is complete.
	 * @param <T> the element type
	 * @param request the request
	 * @param elementType the element type
	 * @param options options of this call
	 * @return the elements, in order
	 */
	<T> Flux<T> streamEntities(ChatCompletionRequest request, Class<T> elementType, CallOptions options);

}
