package com.mulerun.chat.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunCircuitOpenException;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunQuotaExceededException;
import com.mulerun.chat.model.ChatCompletionRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Sends a call to the next model of a fallback chain when the current model fails in a
 * way another model may not: after that model's own retries, a 429 other than
 * {@code insufficient_quota}, a 5xx (529 "overloaded" included), a 408, a client timeout
 * or a connection failure, or the gateway saying the model does not exist (a 404, or an
 * error code {@code model_not_found}). A 400, 401, 403 or 422 never falls back: the
 * request is wrong, not the model. A stream falls back only while no chunk has reached
 * the caller.
 *
 * <p>
 * The same request is sent with only the model changed: fields another model family
 * rejects are sent unchanged, unless a per-model override is given for the fallback model
 * (for example one that removes {@code reasoning_effort} or adds a provider switch); the
 * override sees the request with its model already changed, and applies only when that
 * model is tried as a fallback. When every model fails, the last error reaches the caller
 * with the earlier ones attached as suppressed exceptions. Each failed attempt that leads
 * to the next model is recorded as an event {@value #EVENT_NAME} on the call's
 * observation, naming the model and the reason. With {@link ModelCircuitBreakers}, a
 * model whose circuit is open is skipped (reason {@code circuit_open}), and when it is
 * the last of the chain the call fails with a {@link MuleRunCircuitOpenException}.
 * Thread-safe.
 */
public final class ModelFallback {

	/**
	 * The name of the observation event recorded when a model failed and the next one is
	 * tried.
	 */
	public static final String EVENT_NAME = "mulerun.chat.fallback";

	private static final String OBSERVATION_KEY = ObservationThreadLocalAccessor.KEY;

	private final List<String> models;

	private final @Nullable ModelCallListener listener;

	private final @Nullable ModelCircuitBreakers breakers;

	private final Map<String, UnaryOperator<ChatCompletionRequest>> overrides;

	/**
	 * Creates a fallback layer.
	 * @param models the fallback models of calls that set none, in order
	 * @param listener told the outcome of every attempt, or {@code null}
	 * @param breakers the circuit breakers that skip failing models for a while, or
	 * {@code null} for none
	 * @param overrides per fallback model, what changes the request before it is sent to
	 * that model
	 */
	public ModelFallback(List<String> models, @Nullable ModelCallListener listener,
			@Nullable ModelCircuitBreakers breakers, Map<String, UnaryOperator<ChatCompletionRequest>> overrides) {
		this.models = requireModelIds(models);
		this.listener = listener;
		this.breakers = breakers;
		this.overrides = Map.copyOf(overrides);
	}

	/**
	 * Checks a list of fallback models.
	 * @param models the model ids
	 * @return an immutable copy
	 * @throws IllegalArgumentException when a model id is blank
	 */
	public static List<String> requireModelIds(List<String> models) {
		List<String> copy = List.copyOf(models);
		for (String model : copy) {
			if (model.isBlank()) {
				throw new IllegalArgumentException("fallbackModels must not contain a blank model id");
			}
		}
		return copy;
	}

	/**
	 * Returns the fallback models of calls that set none.
	 * @return the model ids, in order
	 */
	public List<String> models() {
		return this.models;
	}

	/**
	 * Runs a single-response call, falling back to the next model on a fallback-worthy
	 * failure.
	 * @param <T> the type of the response
	 * @param request the request, naming the first model
	 * @param options the call's options (their fallback models replace the template's)
	 * @param attempt sends one request (the given one, or a copy naming another model)
	 * @return the first successful response
	 */
	public <T> Mono<T> mono(ChatCompletionRequest request, CallOptions options,
			Function<ChatCompletionRequest, Mono<T>> attempt) {
		List<String> chain = chain(request, options);
		if (chain.size() == 1 && this.listener == null && this.breakers == null) {
			return attempt.apply(request);
		}
		return Mono.deferContextual((context) -> new Attempts<T>(request, chain, context).mono(0, attempt));
	}

	/**
	 * Runs a streaming call, falling back to the next model on a fallback-worthy failure
	 * before the first chunk.
	 * @param <T> the type of the elements
	 * @param request the request, naming the first model
	 * @param options the call's options (their fallback models replace the template's)
	 * @param attempt sends one request (the given one, or a copy naming another model)
	 * @return the elements of the first attempt that delivered any
	 */
	public <T> Flux<T> flux(ChatCompletionRequest request, CallOptions options,
			Function<ChatCompletionRequest, Flux<T>> attempt) {
		List<String> chain = chain(request, options);
		if (chain.size() == 1 && this.listener == null && this.breakers == null) {
			return attempt.apply(request);
		}
		return Flux.deferContextual((context) -> new Attempts<T>(request, chain, context).flux(0, attempt));
	}

	/**
	 * Tells why a failure lets the call fall back to the next model.
	 * @param failure the failure of one model, after its retries
	 * @return the reason ({@code model_not_found}, {@code rate_limited},
	 * {@code overloaded}, {@code server_error}, {@code server_timeout}, {@code timeout},
	 * {@code connection_failure}), or {@code null} when the call must not fall back
	 */
	public static @Nullable String reason(Throwable failure) {
		if (failure instanceof MuleRunApiException api) {
			if ("model_not_found".equals(api.errorCode()) || "model_not_found".equals(api.errorType())) {
				return "model_not_found";
			}
			if (failure instanceof MuleRunQuotaExceededException) {
				return null;
			}
			int status = api.statusCode();
			if (status == 404) {
				return "model_not_found";
			}
			if (status == 429) {
				return "rate_limited";
			}
			if (status == 529) {
				return "overloaded";
			}
			if (status >= 500 && status <= 599) {
				return "server_error";
			}
			return (status == 408) ? "server_timeout" : null;
		}
		if (failure instanceof MuleRunClientTimeoutException) {
			return "timeout";
		}
		return (failure instanceof MuleRunConnectionException) ? "connection_failure" : null;
	}

	private List<String> chain(ChatCompletionRequest request, CallOptions options) {
		Set<String> chain = new LinkedHashSet<>();
		chain.add(Objects.requireNonNullElse(request.model(), ""));
		chain.addAll((options.fallbackModels() != null) ? options.fallbackModels() : this.models);
		return List.copyOf(chain);
	}

	/**
	 * The attempts of one subscription to a call: the earlier failures and the
	 * observation to record events on.
	 */
	private final class Attempts<T> {

		private final ChatCompletionRequest request;

		private final List<String> chain;

		private final @Nullable Observation observation;

		private final List<Throwable> earlier = new ArrayList<>();

		Attempts(ChatCompletionRequest request, List<String> chain, ContextView context) {
			this.request = request;
			this.chain = chain;
			this.observation = (context.getOrDefault(OBSERVATION_KEY, null) instanceof Observation current) ? current
					: null;
		}

		Mono<T> mono(int index, Function<ChatCompletionRequest, Mono<T>> attempt) {
			Permit permit = permit(index);
			if (permit == null) {
				MuleRunCircuitOpenException open = new MuleRunCircuitOpenException(this.chain.get(index));
				return skip(index, open) ? mono(index + 1, attempt) : Mono.error(open);
			}
			ChatCompletionRequest sent = request(index);
			return Mono.defer(() -> attempt.apply(sent)).doOnSuccess((value) -> {
				permit.succeeded();
				succeeded(index);
			}).doOnCancel(permit::released).onErrorResume((error) -> {
				permit.failed(error);
				return fallBack(index, error, true) ? mono(index + 1, attempt) : Mono.error(error);
			});
		}

		Flux<T> flux(int index, Function<ChatCompletionRequest, Flux<T>> attempt) {
			Permit permit = permit(index);
			if (permit == null) {
				MuleRunCircuitOpenException open = new MuleRunCircuitOpenException(this.chain.get(index));
				return skip(index, open) ? flux(index + 1, attempt) : Flux.error(open);
			}
			ChatCompletionRequest sent = request(index);
			AtomicBoolean delivered = new AtomicBoolean();
			return Flux.defer(() -> attempt.apply(sent)).doOnNext((element) -> {
				if (delivered.compareAndSet(false, true)) {
					permit.succeeded();
					succeeded(index);
				}
			}).doOnComplete(permit::succeeded).doOnCancel(permit::released).onErrorResume((error) -> {
				permit.failed(error);
				return fallBack(index, error, !delivered.get()) ? flux(index + 1, attempt) : Flux.error(error);
			});
		}

		private ChatCompletionRequest request(int index) {
			if (index == 0) {
				return this.request;
			}
			String model = this.chain.get(index);
			ChatCompletionRequest switched = this.request.mutate().model(model).build();
			UnaryOperator<ChatCompletionRequest> override = ModelFallback.this.overrides.get(model);
			return (override != null) ? Objects.requireNonNull(override.apply(switched), "override result") : switched;
		}

		/**
		 * Asks the model's circuit breaker for a permission; {@code null} when its
		 * circuit is open.
		 */
		private @Nullable Permit permit(int index) {
			String model = this.chain.get(index);
			ModelCircuitBreakers breakers = ModelFallback.this.breakers;
			if (breakers == null) {
				return new Permit(null, model);
			}
			return breakers.tryAcquire(model) ? new Permit(breakers, model) : null;
		}

		private void succeeded(int index) {
			ModelCallListener listener = ModelFallback.this.listener;
			if (listener != null) {
				listener.succeeded(this.chain.get(index));
			}
		}

		/**
		 * Records a model skipped for its open circuit; tells whether the next model is
		 * tried, else attaches the earlier failures to the skip's exception.
		 */
		private boolean skip(int index, MuleRunCircuitOpenException open) {
			if (index + 1 < this.chain.size()) {
				event(index, "circuit_open");
				this.earlier.add(open);
				return true;
			}
			this.earlier.forEach(open::addSuppressed);
			return false;
		}

		/**
		 * Records a failure; tells whether the next model is tried, else attaches the
		 * earlier failures to it.
		 */
		private boolean fallBack(int index, Throwable error, boolean nothingDelivered) {
			ModelCallListener listener = ModelFallback.this.listener;
			if (listener != null) {
				listener.failed(this.chain.get(index), error);
			}
			String reason = reason(error);
			if (nothingDelivered && reason != null && index + 1 < this.chain.size()) {
				event(index, reason);
				this.earlier.add(error);
				return true;
			}
			for (Throwable previous : this.earlier) {
				if (previous != error) {
					error.addSuppressed(previous);
				}
			}
			return false;
		}

		private void event(int index, String reason) {
			if (this.observation != null) {
				this.observation.event(Observation.Event.of(EVENT_NAME, "model " + this.chain.get(index) + " failed ("
						+ reason + "), falling back to " + this.chain.get(index + 1)));
			}
		}

	}

	/**
	 * The permission of one attempt to call a model: reports the attempt's outcome to the
	 * model's circuit breaker once (fallback-worthy failures count, other failures and
	 * cancellations release the permission).
	 */
	private static final class Permit {

		private final AtomicBoolean reported = new AtomicBoolean();

		private final @Nullable ModelCircuitBreakers breakers;

		private final String model;

		private final long startNanos = System.nanoTime();

		Permit(@Nullable ModelCircuitBreakers breakers, String model) {
			this.breakers = breakers;
			this.model = model;
		}

		void succeeded() {
			if (this.breakers != null && this.reported.compareAndSet(false, true)) {
				this.breakers.succeeded(this.model, System.nanoTime() - this.startNanos);
			}
		}

		void failed(Throwable error) {
			if (this.breakers != null && this.reported.compareAndSet(false, true)) {
				if (reason(error) != null) {
					this.breakers.failed(this.model, System.nanoTime() - this.startNanos, error);
				}
				else {
					this.breakers.released(this.model);
				}
			}
		}

		void released() {
			if (this.breakers != null && this.reported.compareAndSet(false, true)) {
				this.breakers.released(this.model);
			}
		}

	}

}
