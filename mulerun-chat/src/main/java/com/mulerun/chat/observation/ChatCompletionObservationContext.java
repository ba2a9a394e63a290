package com.mulerun.chat.observation;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of a chat completion observation: the request, the server, and (when the
 * call ends) the response or the aggregate of the stream.
 *
 * <p>
 * For a stream the context also records when each chunk reached the subscriber: the time
 * to the first chunk and the time between consecutive chunks. A call the subscriber
 * cancelled is {@linkplain #isCancelled() cancelled}, not failed: its
 * {@linkplain #getError() error} stays {@code null} and its response is the aggregate of
 * the chunks received until then (usage included, when it came early).
 *
 * <p>
 * The call updates the context from the threads that deliver its signals, one signal at a
 * time; handlers read it when the observation stops.
 */
public class ChatCompletionObservationContext extends Observation.Context {

	private static final long[] EMPTY = new long[0];

	private final ChatCompletionRequest request;

	private final boolean streaming;

	private final String serverAddress;

	private final int serverPort;

	private @Nullable ChatCompletion response;

	private boolean includeContent;

	private volatile boolean cancelled;

	private int chunkCount;

	private long timeToFirstChunkNanos = -1;

	private long lastChunkNanos;

	private long[] chunkIntervalsNanos = EMPTY;

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
	 * Returns the response, or for a stream the aggregate of the chunks seen (also when
	 * it was cancelled).
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

	/**
	 * Whether the prompt and completion text may be recorded
	 * ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}); off by default
	 * since it can hold personal data.
	 * @return whether content is recorded
	 */
	public boolean isIncludeContent() {
		return this.includeContent;
	}

	/**
	 * Sets whether the prompt and completion text may be recorded.
	 * @param includeContent whether content is recorded
	 */
	public void setIncludeContent(boolean includeContent) {
		this.includeContent = includeContent;
	}

	/**
	 * Whether the subscriber cancelled the call before it completed.
	 * @return whether the call was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Sets whether the subscriber cancelled the call.
	 * @param cancelled whether the call was cancelled
	 */
	public void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

	/**
	 * Records that a chunk of the stream reached the subscriber.
	 * @param elapsedNanos the nanoseconds since the start of the call
	 */
	public void recordChunk(long elapsedNanos) {
		if (this.chunkCount == 0) {
			this.timeToFirstChunkNanos = elapsedNanos;
		}
		else {
			int index = this.chunkCount - 1;
			if (index == this.chunkIntervalsNanos.length) {
				this.chunkIntervalsNanos = Arrays.copyOf(this.chunkIntervalsNanos, Math.max(16, index * 2));
			}
			this.chunkIntervalsNanos[index] = Math.max(0, elapsedNanos - this.lastChunkNanos);
		}
		this.lastChunkNanos = elapsedNanos;
		this.chunkCount++;
	}

	/**
	 * Returns how many chunks reached the subscriber.
	 * @return the number of chunks, {@code 0} for a call that does not stream
	 */
	public int getChunkCount() {
		return this.chunkCount;
	}

	/**
	 * Returns the time from the start of the call (its subscription, before any retry) to
	 * the first chunk.
	 * @return the time to the first chunk, or {@code null} when no chunk arrived or the
	 * call does not stream
	 */
	public @Nullable Duration getTimeToFirstChunk() {
		return (this.timeToFirstChunkNanos >= 0) ? Duration.ofNanos(this.timeToFirstChunkNanos) : null;
	}

	/**
	 * Returns the time between each chunk after the first and the chunk before it, in
	 * order.
	 * @return the intervals, one fewer than the chunks (empty when fewer than two chunks
	 * arrived)
	 */
	public List<Duration> getChunkIntervals() {
		int count = Math.max(0, this.chunkCount - 1);
		List<Duration> intervals = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			intervals.add(Duration.ofNanos(this.chunkIntervalsNanos[i]));
		}
		return intervals;
	}

}
