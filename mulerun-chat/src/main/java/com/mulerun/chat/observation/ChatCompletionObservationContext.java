package com.mulerun.chat.observation;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of a chat completion observation: the request, the server, and (when the call ends) the response
 * or the aggregate of the stream.
 */
public class ChatCompletionObservationContext extends Observation.Context {

	private final ChatCompletionRequest request;

	private final boolean streaming;

	private final String serverAddress;

	private final int serverPort;

	private @Nullable ChatCompletion response;

	/**
	 * Creates a context.
	 * @param request the request as sent
	 * @param streaming whether the call streams
	 * @param serverAddress the host of the API
	 * @param serverPort the port of the API
	 */
	public ChatCompletionObservationContext(ChatCompletionRequest request, boolean streaming, String serverAddress,
			int serverPort) {
		this.request = request;
		this.streaming = streaming;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
	}

	/**
	 * Returns the request as sent.
	 * @return the request
	 */
	public ChatCompletionRequest getRequest() {
		return this.request;
	}

	/**
	 * Whether the call streams.
	 * @return whether the call streams
	 */
	public boolean isStreaming() {
		return this.streaming;
	}

	/**
	 * Returns the host of the API.
	 * @return the host
	 */
	public String getServerAddress() {
		return this.serverAddress;
	}

	/**
	 * Returns the port of the API.
	 * @return the port
	 */
	public int getServerPort() {
		return this.serverPort;
	}

	/**
	 * Returns the response, or for a stream the aggregate of the chunks seen (also when it was cancelled).
	 * @return the response, or {@code null} when none arrived
	 */
	public @Nullable ChatCompletion getResponse() {
		return this.response;
	}

	/**
	 * Sets the response.
	 * @param response the response
	 */
	public void setResponse(@Nullable ChatCompletion response) {
		this.response = response;
	}

}
