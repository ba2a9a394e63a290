package com.mulerun.chat.observation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChatCompletionObserver}.
 */
class ChatCompletionObserverTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ChatCompletionObserver observer = new ChatCompletionObserver(this.registry, null, "localhost", 443,
			false);

	private final AtomicReference<ChatCompletionObservationContext> stopped = new AtomicReference<>();

	ChatCompletionObserverTests() {
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler<ChatCompletionObservationContext>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof ChatCompletionObservationContext;
				}

				@Override
				public void onStop(ChatCompletionObservationContext context) {
					ChatCompletionObserverTests.this.stopped.set(context);
				}

			});
	}

	@Test
	void aCancelWaitsForTheChunkBeingAddedBeforeItReadsTheAggregate() throws Exception {
		AtomicReference<ChatCompletionAggregator> captured = new AtomicReference<>();
		Disposable subscription = this.observer
			.observeStream(ChatCompletionRequest.builder().model("gpt-5").userMessage("Hi").build(), (sink) -> {
				ChatCompletionAggregator aggregator = new ChatCompletionAggregator();
				captured.set(aggregator);
				sink.accept(aggregator);
				return Flux.never();
			})
			.subscribe();
		ChatCompletionAggregator aggregator = captured.get();
		CountDownLatch adding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// the stream thread, in the middle of adding a chunk under the aggregate's
		// monitor
		Thread streamThread = new Thread(() -> {
			synchronized (aggregator) {
				adding.countDown();
				await(release);
				aggregator.add(chunk("{\"id\":\"c1\",\"model\":\"gpt-5\",\"choices\":[],"
						+ "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}}"));
			}
		});
		streamThread.start();
		assertThat(adding.await(10, TimeUnit.SECONDS)).isTrue();
		Thread cancellingThread = new Thread(subscription::dispose);
		cancellingThread.start();
		awaitState(cancellingThread, Thread.State.BLOCKED);
		assertThat(this.registry).hasSingleObservationThat().isNotStopped();
		release.countDown();
		cancellingThread.join(10_000);
		streamThread.join(10_000);
		assertThat(this.registry).hasSingleObservationThat().hasBeenStopped();
		ChatCompletionObservationContext context = this.stopped.get();
		assertThat(context).isNotNull();
		assertThat(context.isCancelled()).isTrue();
		assertThat(context.getResponse()).isNotNull();
		assertThat(context.getResponse().usage().totalTokens()).isEqualTo(8);
	}

	private static ChatCompletionChunk chunk(String json) {
		return ChatJson.mapper().readValue(json, ChatCompletionChunk.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitState(Thread thread, Thread.State state) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (thread.getState() != state && thread.isAlive() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(thread.getState()).isEqualTo(state);
	}

}
