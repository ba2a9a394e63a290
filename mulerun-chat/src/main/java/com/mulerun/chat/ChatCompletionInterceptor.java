package com.mulerun.chat;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps chat completion calls, around-style: an interceptor sees the request and the
 * call's options, may change them, calls the rest of the chain, and sees or transforms
 * the result.
 *
 * <p>
 * Blocking, {@code Mono} and streaming calls all pass through the same chain:
 * {@link #intercept} for a single response, {@link #interceptStream} for a stream (it
 * works on the {@code Flux} of chunks, so an interceptor can observe, transform or cut a
 * stream). Both default to passing the call on unchanged, so an interceptor implements
 * only what it needs.
 *
 * <p>
 * Order: interceptors run once per call, in {@link org.springframework.core.Ordered}
 * order, outside the observation and outside retries: the request an interceptor passes
 * on is validated, observed, sent and retried as a whole. An interceptor that throws (or
 * returns an error) fails that call only.
 */
public interface ChatCompletionInterceptor {

	/**
	 * Intercepts a call that returns a single response.
	 * @param request the request
	 * @param options the call's options
	 * @param chain the rest of the chain
	 * @return the response
	 */
	default Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
		return chain.proceed(request, options);
	}

	/**
	 * Intercepts a streaming call.
	 * @param request the request
	 * @param options the call's options
	 * @param chain the rest of the chain
	 * @return the chunks
	 */
	default Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
			StreamChain chain) {
		return chain.proceed(request, options);
	}

	/**
	 * The rest of the chain of a call that returns a single response.
	 */
	@FunctionalInterface
	interface Chain {

		/**
		 * Passes the call on to the next interceptor, or sends it.
		 * @param request the request
		 * @param options the call's options
		 * @return the response
		 */
		Mono<ChatCompletion> proceed(ChatCompletionRequest request, CallOptions options);

	}

	/**
	 * The rest of the chain of a streaming call.
	 */
	@FunctionalInterface
	interface StreamChain {

		/**
		 * Passes the call on to the next interceptor, or sends it.
		 * @param request the request
		 * @param options the call's options
		 * @return the chunks
		 */
		Flux<ChatCompletionChunk> proceed(ChatCompletionRequest request, CallOptions options);

	}

}
