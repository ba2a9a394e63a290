package com.mulerun.chat;

import java.util.function.Consumer;
import java.util.function.Function;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.observation.ChatCompletionObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps the exchange of a call in a Micrometer observation.
 */
final class ChatCompletionObserver {

	private final ObservationRegistry registry;

	private final @Nullable ChatCompletionObservationConvention convention;

	private final String serverAddress;

	private final int serverPort;

	ChatCompletionObserver(ObservationRegistry registry, @Nullable ChatCompletionObservationConvention convention,
			String serverAddress, int serverPort) {
		this.registry = registry;
		this.convention = convention;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
	}

	Mono<ChatCompletion> observe(ChatCompletionRequest request, Mono<ChatCompletion> exchange) {
		return exchange;
	}

	Flux<ChatCompletionChunk> observeStream(ChatCompletionRequest request,
			Function<Consumer<ChatCompletionAggregator>, Flux<ChatCompletionChunk>> exchange) {
		return exchange.apply((aggregator) -> {
		});
	}

}
