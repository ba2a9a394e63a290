package com.mulerun.chat.auth;

import java.util.function.Function;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletionRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decides the key each request is sent with: the call's own {@link CallOptions#apiKey()},
 * else the {@link ApiKeyProvider}'s, else the configured key (the client's default
 * header). The decided key travels to the transport in the call's options, which never
 * print it. Thread-safe.
 */
public final class ApiKeyResolver {

	private final @Nullable ApiKeyProvider provider;

	private final boolean configuredKey;

	/**
	 * Creates a resolver.
	 * @param provider the provider, or {@code null} when keys are not resolved per call
	 * @param configuredKey whether the template has a configured key to fall back on
	 */
	public ApiKeyResolver(@Nullable ApiKeyProvider provider, boolean configuredKey) {
		this.provider = provider;
		this.configuredKey = configuredKey;
	}

	/**
	 * Runs a single-response exchange with the options the key of the request is decided
	 * in.
	 * @param <T> the type of the response
	 * @param request the request about to be sent
	 * @param options the call's options
	 * @param exchange the exchange, given the options with the key
	 * @return the response
	 */
	public <T> Mono<T> mono(ChatCompletionRequest request, CallOptions options,
			Function<CallOptions, Mono<T>> exchange) {
		if (options.apiKey() != null || this.provider == null) {
			return exchange.apply(options);
		}
		return resolve(this.provider, request, options).flatMap(exchange);
	}

	/**
	 * Runs a streaming exchange with the options the key of the request is decided in.
	 * @param <T> the type of the elements
	 * @param request the request about to be sent
	 * @param options the call's options
	 * @param exchange the exchange, given the options with the key
	 * @return the elements
	 */
	public <T> Flux<T> flux(ChatCompletionRequest request, CallOptions options,
			Function<CallOptions, Flux<T>> exchange) {
		if (options.apiKey() != null || this.provider == null) {
			return exchange.apply(options);
		}
		return resolve(this.provider, request, options).flatMapMany(exchange);
	}

	private Mono<CallOptions> resolve(ApiKeyProvider provider, ChatCompletionRequest request, CallOptions options) {
		return Mono.deferContextual((context) -> {
			Mono<String> key = provider.apiKey(request, context);
			if (key == null) {
				return Mono.error(new MuleRunException(
						"The ApiKeyProvider " + provider.getClass().getName() + " returned null instead of a Mono"));
			}
			return key;
		})
			.onErrorMap((ex) -> !(ex instanceof MuleRunException),
					(ex) -> new MuleRunException(
							"The ApiKeyProvider " + provider.getClass().getName()
									+ " failed to resolve the API key of the call (" + ex.getClass().getName() + ")",
							ex))
			.filter((key) -> !key.isBlank())
			.map((key) -> options.mutate().apiKey(key).build())
			.switchIfEmpty(Mono.defer(() -> this.configuredKey ? Mono.just(options)
					: Mono.error(new MuleRunException("No API key for the call: the ApiKeyProvider "
							+ provider.getClass().getName()
							+ " returned none and no key is configured (mulerun.api-key or MULERUN_API_KEY)"))));
	}

}
