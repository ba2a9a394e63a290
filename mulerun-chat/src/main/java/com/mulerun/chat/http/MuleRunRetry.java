package com.mulerun.chat.http;

import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.error.ErrorTexts;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunStreamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * A Reactor {@link Retry} that retries only failures a retry can fix, waiting as the
 * server asks or with exponential backoff and jitter.
 *
 * <p>
 * Retryable are: {@link MuleRunApiException}s whose
 * {@link MuleRunApiException#isRetryable()} is true (408, 409, 429 except quota, 5xx,
 * {@code x-should-retry: true}, transient in-stream errors), connection faults before any
 * response headers, and connect or response timeouts. When the retries are used up, or a
 * failure is not retryable, the last failure itself is propagated (not Reactor's
 * {@code RetryExhaustedException}) with the earlier failures attached as suppressed
 * exceptions.
 */
public final class MuleRunRetry extends Retry {

	private static final Logger logger = LoggerFactory.getLogger(MuleRunRetry.class);

	/**
	 * The longest server-requested delay taken as meant; longer ones fall back to the
	 * computed backoff.
	 */
	static final Duration MAX_PLAUSIBLE_SERVER_DELAY = Duration.ofDays(1);

	private final RetrySettings policy;

	private final Scheduler scheduler;

	private final @Nullable Consumer<RetrySignal> onRetry;

	private final DoubleSupplier random;

	private MuleRunRetry(RetrySettings policy, Scheduler scheduler, @Nullable Consumer<RetrySignal> onRetry,
			DoubleSupplier random) {
		this.policy = policy;
		this.scheduler = scheduler;
		this.onRetry = onRetry;
		this.random = random;
	}

	/**
	 * Creates a retry strategy for {@code retryWhen}.
	 * @param policy how often and how long to wait
	 * @param scheduler the scheduler the delays run on
	 * @param onRetry called with a copy of the signal before each retry, or {@code null}
	 * @return the retry strategy
	 */
	public static Retry of(RetrySettings policy, Scheduler scheduler, @Nullable Consumer<RetrySignal> onRetry) {
		return of(policy, scheduler, onRetry, () -> ThreadLocalRandom.current().nextDouble());
	}

	static Retry of(RetrySettings policy, Scheduler scheduler, @Nullable Consumer<RetrySignal> onRetry,
			DoubleSupplier random) {
		return new MuleRunRetry(policy, scheduler, onRetry, random);
	}

	/**
	 * Tells whether a retry may fix the given failure.
	 * @param failure the failure of the last attempt
	 * @return {@code true} when the failure is retryable
	 */
	public static boolean isRetryable(Throwable failure) {
		Throwable unwrapped = Exceptions.unwrap(failure);
		if (unwrapped instanceof MuleRunApiException api) {
			return api.isRetryable();
		}
		if (unwrapped instanceof MuleRunConnectionException connection) {
			return connection.beforeResponse();
		}
		if (unwrapped instanceof MuleRunClientTimeoutException timeout) {
			return timeout.isRetryable();
		}
		if (unwrapped instanceof MuleRunStreamException stream) {
			// a stream that broke before it produced any output can be sent again
			return stream.chunksReceived() == 0;
		}
		return false;
	}

	/**
	 * Returns the policy this strategy follows.
	 * @return the retry policy
	 */
	public RetrySettings policy() {
		return this.policy;
	}

	/**
	 * Builds the companion that delays each retry or ends the sequence with the last
	 * failure.
	 * @param retrySignals the failures of the attempts so far
	 * @return the companion publisher
	 */
	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> retrySignals) {
		List<Throwable> earlier = new ArrayList<>();
		return retrySignals.concatMap((signal) -> {
			Throwable failure = Exceptions.unwrap(signal.failure());
			long retryIndex = signal.totalRetries();
			if (retryIndex >= this.policy.maxRetries() || !isRetryable(failure)) {
				attachSuppressed(failure, earlier);
				return Mono.error(failure);
			}
			earlier.add(failure);
			Duration delay = delayFor(failure, retryIndex);
			if (logger.isDebugEnabled()) {
				logger.debug("Retry {}/{} in {} after: {}", retryIndex + 1, this.policy.maxRetries(),
						ErrorTexts.format(delay), failure.toString());
			}
			if (this.onRetry != null) {
				this.onRetry.accept(signal.copy());
			}
			return Mono.delay(delay, this.scheduler);
		});
	}

	Duration delayFor(Throwable failure, long retryIndex) {
		if (failure instanceof MuleRunApiException api) {
			Duration requested = api.retryAfter();
			if (requested != null && isPlausible(requested)) {
				return (requested.compareTo(this.policy.maxServerDelay()) > 0) ? this.policy.maxServerDelay()
						: requested;
			}
		}
		return this.policy.backoff(retryIndex, this.random.getAsDouble());
	}

	/**
	 * Tells whether a delay the server asked for is worth following: a zero or negative
	 * delay (a date in the past, {@code Retry-After: 0}) would retry at once with no
	 * floor, and one over a day is a broken header rather than a plan; both fall back to
	 * the computed backoff, as an unparseable value does.
	 */
	private static boolean isPlausible(Duration requested) {
		return !requested.isNegative() && !requested.isZero() && requested.compareTo(MAX_PLAUSIBLE_SERVER_DELAY) <= 0;
	}

	private static void attachSuppressed(Throwable last, List<Throwable> earlier) {
		for (Throwable previous : earlier) {
			if (previous != last && !Arrays.asList(last.getSuppressed()).contains(previous)) {
				last.addSuppressed(previous);
			}
		}
	}

}
