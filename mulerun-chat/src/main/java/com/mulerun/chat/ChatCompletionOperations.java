package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations of {@link ChatCompletionTemplate}: create a chat completion blocking, reactively or as a
 * stream. Depend on this interface to mock the template in tests.
 */
public interface ChatCompletionOperations {

	/**
	 * Creates a chat completion and waits for it. Must not be called on a non-blocking (event loop) thread.
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
	 * Creates a chat completion reactively. Nothing is sent until the {@code Mono} is subscribed to.
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
	 * Streams a chat completion as server-sent-event chunks. Nothing is sent until the {@code Flux} is
	 * subscribed to; cancelling it closes the exchange.
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
	 * Streams a chat completion and gives only its text, delta by delta (the first choice's content).
	 * @param request the request
	 * @return the text deltas
	 */
	default Flux<String> streamText(ChatCompletionRequest request) {
		return stream(request).<String>handle((chunk, sink) -> {
			String text = chunk.text();
			if (text != null && !text.isEmpty()) {
				sink.next(text);
			}
		});
	}

	/**
	 * Streams a chat completion and gives the {@link ChatCompletion} its chunks add up to, as a non-streaming
	 * call would have returned it.
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

}
