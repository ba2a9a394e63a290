package com.mulerun.chat.observation;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Wraps the exchange of a call in a Micrometer observation.
 *
 * <p>
 * The lifecycle follows Spring's {@code DefaultWebClient.exchange()}: the observation
 * starts when the call is subscribed, its parent is the observation in the Reactor
 * context under {@value #OBSERVATION_KEY} (else the registry's current observation, for
 * blocking calls made within an observation scope), and it is put in the Reactor context
 * of the exchange so that the HTTP client observation of the {@code WebClient} (one per
 * attempt) is its child, for streams too. An error is recorded on the observation; a
 * cancellation marks the context
 * {@linkplain ChatCompletionObservationContext#isCancelled() cancelled} without an error.
 *
 * <p>
 * The observation stops when the terminal signal arrives but before it is passed on
 * (rather than in {@code doFinally}, after it), so a caller that got the result or the
 * error sees the observation stopped. The response of a call is set before it stops; for
 * a stream it is the aggregate of the chunks of the last attempt, also on error and
 * cancellation, so its usage is recorded when it arrived.
 *
 * <p>
 * With the no-op registry, calls are not decorated at all.
 */
public final class ChatCompletionObserver {

	/**
	 * The Reactor context key of the current observation
	 * ({@code ObservationThreadLocalAccessor.KEY}).
	 */
	static final String OBSERVATION_KEY = ObservationThreadLocalAccessor.KEY;

	private static final Consumer<ChatCompletionAggregator> NO_AGGREGATE = (aggregator) -> {
	};

	private final ObservationRegistry registry;

	private final @Nullable ChatCompletionObservationConvention convention;

	private final String serverAddress;

	private final int serverPort;

	private final boolean includeContent;

	public ChatCompletionObserver(ObservationRegistry registry,
			@Nullable ChatCompletionObservationConvention convention, String serverAddress, int serverPort,
			boolean includeContent) {
		this.registry = registry;
		this.convention = convention;
		this.serverAddress = serverAddress;
		this.serverPort = serverPort;
		this.includeContent = includeContent;
	}

	public Mono<ChatCompletion> observe(ChatCompletionRequest request, Mono<ChatCompletion> exchange) {
		if (this.registry.isNoop()) {
			return exchange;
		}
		return Mono.deferContextual((contextView) -> {
			ObservedCall call = start(request, false, contextView);
			if (call == null) {
				return exchange;
			}
			Observation observation = call.observation;
			return exchange.doOnSuccess(call::response)
				.doOnError(observation::error)
				.doOnTerminate(call::stop)
				.doOnCancel(call::cancel)
				.contextWrite((context) -> context.put(OBSERVATION_KEY, observation));
		});
	}

	public Flux<ChatCompletionChunk> observeStream(ChatCompletionRequest request,
			Function<Consumer<ChatCompletionAggregator>, Flux<ChatCompletionChunk>> exchange) {
		if (this.registry.isNoop()) {
			return exchange.apply(NO_AGGREGATE);
		}
		return Flux.deferContextual((contextView) -> {
			ObservedCall call = start(request, true, contextView);
			if (call == null) {
				return exchange.apply(NO_AGGREGATE);
			}
			Observation observation = call.observation;
			return exchange.apply(call)
				.doOnNext(call::chunk)
				.doOnError(observation::error)
				.doOnTerminate(call::stop)
				.doOnCancel(call::cancel)
				.contextWrite((context) -> context.put(OBSERVATION_KEY, observation));
		});
	}

	private @Nullable ObservedCall start(ChatCompletionRequest request, boolean streaming, ContextView contextView) {
		ChatCompletionObservationContext context = new ChatCompletionObservationContext(request, streaming,
				this.serverAddress, this.serverPort);
		context.setIncludeContent(this.includeContent);
		Observation observation = ChatCompletionObservationDocumentation.CHAT_COMPLETION.observation(this.convention,
				DefaultChatCompletionObservationConvention.INSTANCE, () -> context, this.registry);
		if (observation.isNoop()) {
			return null;
		}
		Observation parent = contextView.getOrDefault(OBSERVATION_KEY, null);
		observation.parentObservation((parent != null) ? parent : this.registry.getCurrentObservation()).start();
		contextView.<Consumer<Observation>>getOrEmpty(ToolExecutionObservationContext.CHAT_OBSERVATION_SINK_KEY)
			.ifPresent((sink) -> sink.accept(observation));
		return new ObservedCall(observation, context);
	}

	/**
	 * The state of one observed call; its flag is set once the observation is stopped.
	 */
	@SuppressWarnings("serial")
	private static final class ObservedCall extends AtomicBoolean implements Consumer<ChatCompletionAggregator> {

		final Observation observation;

		private final ChatCompletionObservationContext context;

		private final long startNanos = System.nanoTime();

		private volatile @Nullable ChatCompletionAggregator aggregator;

		ObservedCall(Observation observation, ChatCompletionObservationContext context) {
			this.observation = observation;
			this.context = context;
		}

		/**
		 * Receives the aggregator of an attempt of a stream, when its response headers
		 * arrive.
		 */
		@Override
		public void accept(ChatCompletionAggregator aggregator) {
			this.aggregator = aggregator;
		}

		void response(@Nullable ChatCompletion response) {
			this.context.setResponse(response);
		}

		void chunk(ChatCompletionChunk chunk) {
			this.context.recordChunk(System.nanoTime() - this.startNanos);
		}

		void cancel() {
			if (compareAndSet(false, true)) {
				this.context.setCancelled(true);
				finish();
			}
		}

		void stop() {
			if (compareAndSet(false, true)) {
				finish();
			}
		}

		private void finish() {
			ChatCompletionAggregator aggregator = this.aggregator;
			if (aggregator != null) {
				try {
					ChatCompletion result;
					// the stream thread adds chunks under the same monitor: a cancel
					// never reads a half-added chunk
					synchronized (aggregator) {
						result = aggregator.result();
					}
					this.context.setResponse(result);
				}
				catch (RuntimeException ex) {
					// a bug, not a race: record it on the observation rather than lose it
					// or fail the caller's cancel
					this.observation.error(ex);
				}
			}
			this.observation.stop();
		}

	}

}
