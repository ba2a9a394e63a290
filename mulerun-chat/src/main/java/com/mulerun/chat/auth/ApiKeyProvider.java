package com.mulerun.chat.auth;

import com.mulerun.chat.model.ChatCompletionRequest;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Resolves the API key of a call, for applications that send each tenant's (or user's)
 * calls with its own key.
 *
 * <p>
 * It is asked once per request sent (a fallback to another model asks again, with that
 * model in the request) unless the call sets its own key with
 * {@link com.mulerun.chat.CallOptions.Builder#apiKey(String)}. It may read the request
 * and the Reactor context of the call, where a WebFlux application typically puts the
 * tenant; it may look the key up asynchronously (a vault, a database). An empty result
 * means "no key of my own": the configured key is used then, and the call fails when
 * there is none. An error fails the call with a
 * {@link com.mulerun.chat.error.MuleRunException} whose cause it is.
 *
 * <p>
 * Define it as a bean and the Spring Boot starter picks it up; the configured key is then
 * optional.
 */
@FunctionalInterface
public interface ApiKeyProvider {

	/**
	 * Returns the API key the given request is sent with.
	 * @param request the request about to be sent (its model is the one tried)
	 * @param context the Reactor context of the call
	 * @return the key, or an empty {@code Mono} for the configured key
	 */
	Mono<String> apiKey(ChatCompletionRequest request, ContextView context);

}
