package com.mulerun.chat.interceptor;

import java.util.List;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionInterceptor;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs {@link ChatCompletionInterceptor}s in order around a call: each one receives the
 * request and options the previous one passed on, and the last one proceeds to the given
 * terminal step. Immutable and thread-safe.
 */
public final class InterceptorChain {

	private final List<ChatCompletionInterceptor> interceptors;

	/**
	 * Creates a chain.
	 * @param interceptors the interceptors, in the order they run
	 */
	public InterceptorChain(List<? extends ChatCompletionInterceptor> interceptors) {
		this.interceptors = List.copyOf(interceptors);
	}

	/**
	 * Runs a non-streaming call through the interceptors.
	 * @param request the request
	 * @param options the options
	 * @param terminal what the last interceptor proceeds to
	 * @return the completion
	 */
	public Mono<ChatCompletion> call(ChatCompletionRequest request, CallOptions options,
			ChatCompletionInterceptor.Chain terminal) {
		return call(0, request, options, terminal);
	}

	/**
	 * Runs a streaming call through the interceptors.
	 * @param request the request
	 * @param options the options
	 * @param terminal what the last interceptor proceeds to
	 * @return the chunks
	 */
	public Flux<ChatCompletionChunk> stream(ChatCompletionRequest request, CallOptions options,
			ChatCompletionInterceptor.StreamChain terminal) {
		return stream(0, request, options, terminal);
	}

	/**
	 * Returns how many interceptors run.
	 * @return the number of interceptors
	 */
	public int size() {
		return this.interceptors.size();
	}

	private Mono<ChatCompletion> call(int index, ChatCompletionRequest request, CallOptions options,
			ChatCompletionInterceptor.Chain terminal) {
		if (index == this.interceptors.size()) {
			return Mono.defer(() -> terminal.proceed(request, options));
		}
		ChatCompletionInterceptor interceptor = this.interceptors.get(index);
		return Mono.defer(() -> interceptor.intercept(request, options,
				(nextRequest, nextOptions) -> call(index + 1, nextRequest, nextOptions, terminal)));
	}

	private Flux<ChatCompletionChunk> stream(int index, ChatCompletionRequest request, CallOptions options,
			ChatCompletionInterceptor.StreamChain terminal) {
		if (index == this.interceptors.size()) {
			return Flux.defer(() -> terminal.proceed(request, options));
		}
		ChatCompletionInterceptor interceptor = this.interceptors.get(index);
		return Flux.defer(() -> interceptor.interceptStream(request, options,
				(nextRequest, nextOptions) -> stream(index + 1, nextRequest, nextOptions, terminal)));
	}

}
