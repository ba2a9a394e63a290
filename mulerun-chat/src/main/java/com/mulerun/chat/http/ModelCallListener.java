package com.mulerun.chat.http;

/**
 * Told the outcome of every request sent to a model, after that model's retries: the
 * Spring Boot starter's health indicator keeps the recent outcome per model with it, at
 * no cost in API calls. Implementations must be thread-safe and quick; they are called on
 * the thread that completes the exchange.
 */
public interface ModelCallListener {

	/**
	 * Called when a model answered: a non-streaming response, or the first chunk of a
	 * stream.
	 * @param model the model the request named
	 */
	void succeeded(String model);

	/**
	 * Called when a request to a model failed after its retries (also when the call then
	 * falls back).
	 * @param model the model the request named
	 * @param failure the failure, a {@link com.mulerun.chat.error.MuleRunException} but
	 * for a cancellation
	 */
	void failed(String model, Throwable failure);

}
