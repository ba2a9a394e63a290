package com.mulerun.chat.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * The response timeout of one exchange attempt: fails the attempt, and cancels its
 * exchange, when its response headers have not arrived in time. The exchange calls
 * {@link #arrive()} when they do; from then on the timer has no effect and the elements
 * pass straight through, with no timer or serialisation per element (which
 * {@code Flux.timeout} with a per-item timeout costs on every chunk of a stream).
 *
 * <p>
 * Arrival and expiry exclude each other: once the timer expired, {@link #arrive()}
 * returns {@code false} and the exchange must not read the response, so no element ever
 * follows the timeout's error. One instance per attempt.
 */
final class ResponseDeadline {

	private static final int WAITING = 0;

	private static final int ARRIVED = 1;

	private static final int EXPIRED = 2;

	private final AtomicInteger state = new AtomicInteger(WAITING);

	private final Duration timeout;

	private final Scheduler scheduler;

	private final Supplier<? extends Throwable> error;

	/**
	 * Creates the deadline of one attempt.
	 * @param timeout how long the response headers may take
	 * @param scheduler the scheduler of the timer
	 * @param error creates the error the attempt fails with when the time is up
	 */
	ResponseDeadline(Duration timeout, Scheduler scheduler, Supplier<? extends Throwable> error) {
		this.timeout = timeout;
		this.scheduler = scheduler;
		this.error = error;
	}

	/**
	 * Records that the response headers arrived.
	 * @return {@code true} when they arrived in time, {@code false} when the attempt
	 * already timed out (the response must then be discarded)
	 */
	boolean arrive() {
		return this.state.compareAndSet(WAITING, ARRIVED) || this.state.get() == ARRIVED;
	}

	/**
	 * Tells whether the response headers arrived in time.
	 * @return whether they arrived
	 */
	boolean arrived() {
		return this.state.get() == ARRIVED;
	}

	/**
	 * Applies the deadline to the exchange, which must call {@link #arrive()}.
	 * @param <T> the type of the elements
	 * @param exchange the exchange
	 * @return the exchange with the deadline
	 */
	<T> Flux<T> apply(Flux<T> exchange) {
		return new Operator<>(exchange, this);
	}

	/**
	 * Applies the deadline to a single-response exchange, which must call
	 * {@link #arrive()}: the same operator as for a stream, without turning the
	 * {@code Mono} into a {@code Flux} and back.
	 * @param <T> the type of the response
	 * @param exchange the exchange
	 * @return the exchange with the deadline
	 */
	<T> Mono<T> apply(Mono<T> exchange) {
		return new MonoDeadline<>(exchange, this);
	}

	private boolean expire() {
		return this.state.compareAndSet(WAITING, EXPIRED);
	}

	private static final class Operator<T> extends FluxOperator<T, T> {

		private final ResponseDeadline deadline;

		Operator(Flux<T> source, ResponseDeadline deadline) {
			super(source);
			this.deadline = deadline;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.source.subscribe(new DeadlineSubscriber<>(actual, this.deadline));
		}

	}

	private static final class MonoDeadline<T> extends MonoOperator<T, T> {

		private final ResponseDeadline deadline;

		MonoDeadline(Mono<T> source, ResponseDeadline deadline) {
			super(source);
			this.deadline = deadline;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.source.subscribe(new DeadlineSubscriber<>(actual, this.deadline));
		}

	}

	private static final class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

		private final CoreSubscriber<? super T> actual;

		private final ResponseDeadline deadline;

		private final AtomicBoolean terminated = new AtomicBoolean();

		private @Nullable Subscription upstream;

		private volatile @Nullable Disposable timer;

		DeadlineSubscriber(CoreSubscriber<? super T> actual, ResponseDeadline deadline) {
			this.actual = actual;
			this.deadline = deadline;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (!Operators.validate(this.upstream, subscription)) {
				return;
			}
			this.upstream = subscription;
			this.actual.onSubscribe(this);
			if (this.terminated.get()) {
				return;
			}
			Disposable scheduled;
			try {
				scheduled = this.deadline.scheduler.schedule(this, this.deadline.timeout.toNanos(),
						TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// a disposed scheduler: fail as Flux.timeout does
				subscription.cancel();
				onError(Operators.onRejectedExecution(ex, this.actual.currentContext()));
				return;
			}
			this.timer = scheduled;
			if (this.terminated.get()) {
				// ended while the timer was being scheduled
				scheduled.dispose();
			}
		}

		/**
		 * The timer: fails the attempt when the headers have not arrived.
		 */
		@Override
		public void run() {
			if (this.deadline.expire()) {
				Subscription subscription = this.upstream;
				if (subscription != null) {
					subscription.cancel();
				}
				if (this.terminated.compareAndSet(false, true)) {
					this.actual.onError(this.deadline.error.get());
				}
			}
		}

		@Override
		public void onNext(T element) {
			this.actual.onNext(element);
		}

		@Override
		public void onError(Throwable error) {
			if (this.terminated.compareAndSet(false, true)) {
				disposeTimer();
				this.actual.onError(error);
			}
			else {
				Operators.onErrorDropped(error, this.actual.currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (this.terminated.compareAndSet(false, true)) {
				disposeTimer();
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.request(n);
			}
		}

		@Override
		public void cancel() {
			this.terminated.set(true);
			disposeTimer();
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

		private void disposeTimer() {
			Disposable scheduled = this.timer;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

	}

}
