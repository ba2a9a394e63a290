package com.mulerun.chat.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * The idle timeout of one stream: tracks the subscriber's demand (how many chunks it
 * requested and did not receive yet, and since when) and the arrival of data, and fails
 * the body with an {@link IdleSignal} once no data arrived for the timeout while the
 * subscriber was waiting for a chunk. Time in which the subscriber requested nothing does
 * not count, so a slow subscriber never causes an idle timeout. One timer per stream,
 * rescheduled only when it fires early: nothing is scheduled or cancelled per network
 * read.
 */
final class IdleWatch {

	private final long idleNanos;

	private final Scheduler clock;

	private long outstanding;

	private long demandSince;

	private long lastData;

	IdleWatch(Duration idleTimeout, Scheduler clock) {
		this.idleNanos = idleTimeout.toNanos();
		this.clock = clock;
	}

	/**
	 * Watches a body: fails it with an {@link IdleSignal} (and cancels it) when it is
	 * idle for the timeout while the subscriber waits. One operator and one timer per
	 * stream: an open stream holds little more than this watch while it waits.
	 * @param body the network reads
	 * @return the watched reads
	 */
	Flux<DataBuffer> watch(Flux<DataBuffer> body) {
		return new FluxOperator<DataBuffer, DataBuffer>(body) {

			@Override
			public void subscribe(CoreSubscriber<? super DataBuffer> actual) {
				this.source.subscribe(new Watcher(IdleWatch.this, actual));
			}

		};
	}

	synchronized void requested(long count) {
		if (this.outstanding == 0) {
			this.demandSince = this.clock.now(TimeUnit.NANOSECONDS);
		}
		this.outstanding = Operators.addCap(this.outstanding, count);
	}

	synchronized void delivered() {
		if (this.outstanding > 0 && this.outstanding != Long.MAX_VALUE) {
			this.outstanding--;
		}
	}

	private synchronized void dataArrived() {
		this.lastData = this.clock.now(TimeUnit.NANOSECONDS);
	}

	/**
	 * Returns how much longer the stream may go without data: the whole timeout while the
	 * subscriber wants no chunk, else what is left of it since the subscriber's current
	 * demand began.
	 */
	private synchronized long remainingNanos() {
		if (this.outstanding == 0) {
			return this.idleNanos;
		}
		// waiting since the later of: the current demand began, the last data arrived;
		// capped, so that a clock set back delays the timeout by at most one period
		long waitingSince = Math.max(this.demandSince, this.lastData);
		return Math.min(this.idleNanos, this.idleNanos - (this.clock.now(TimeUnit.NANOSECONDS) - waitingSince));
	}

	/**
	 * Passes the reads on and owns the timer. Upstream signals arrive one at a time; the
	 * timer fires on the scheduler's thread, so the terminal signals are half-serialised
	 * with {@code onNext}: whichever ends the stream first wins, a read that arrives
	 * after the idle signal is discarded, and a read being delivered when the timer fires
	 * is delivered before the signal.
	 */
	private static final class Watcher implements CoreSubscriber<DataBuffer>, Subscription, Runnable {

		private static final AtomicIntegerFieldUpdater<Watcher> TERMINATED = AtomicIntegerFieldUpdater
			.newUpdater(Watcher.class, "terminated");

		private static final AtomicIntegerFieldUpdater<Watcher> WIP = AtomicIntegerFieldUpdater
			.newUpdater(Watcher.class, "wip");

		private final IdleWatch watch;

		private final CoreSubscriber<? super DataBuffer> actual;

		private @Nullable Subscription upstream;

		private volatile Disposable timer = Disposables.disposed();

		private volatile int terminated;

		private volatile int wip;

		private @Nullable Throwable error;

		Watcher(IdleWatch watch, CoreSubscriber<? super DataBuffer> actual) {
			this.watch = watch;
			this.actual = actual;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.timer = this.watch.clock.schedule(this, this.watch.idleNanos, TimeUnit.NANOSECONDS);
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(DataBuffer buffer) {
			this.watch.dataArrived();
			if (this.wip == 0 && WIP.compareAndSet(this, 0, 1)) {
				this.actual.onNext(buffer);
				if (WIP.decrementAndGet(this) != 0) {
					emitTerminal();
				}
			}
			else {
				Operators.onDiscard(buffer, this.actual.currentContext());
			}
		}

		@Override
		public void onError(Throwable failure) {
			if (TERMINATED.compareAndSet(this, 0, 1)) {
				this.timer.dispose();
				terminate(failure);
			}
			else {
				Operators.onErrorDropped(failure, this.actual.currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (TERMINATED.compareAndSet(this, 0, 1)) {
				this.timer.dispose();
				terminate(null);
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
			TERMINATED.set(this, 1);
			this.timer.dispose();
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

		/** The timer: fires the idle signal, or waits for the rest of the timeout. */
		@Override
		public void run() {
			if (this.terminated != 0) {
				return;
			}
			long remaining = this.watch.remainingNanos();
			if (remaining > 0) {
				Disposable next = this.watch.clock.schedule(this, remaining, TimeUnit.NANOSECONDS);
				this.timer = next;
				if (this.terminated != 0) {
					next.dispose();
				}
				return;
			}
			if (TERMINATED.compareAndSet(this, 0, 1)) {
				Subscription subscription = this.upstream;
				if (subscription != null) {
					subscription.cancel();
				}
				terminate(IdleSignal.INSTANCE);
			}
		}

		private void terminate(@Nullable Throwable failure) {
			this.error = failure;
			if (WIP.getAndIncrement(this) == 0) {
				emitTerminal();
			}
		}

		private void emitTerminal() {
			Throwable failure = this.error;
			if (failure != null) {
				this.actual.onError(failure);
			}
			else {
				this.actual.onComplete();
			}
		}

	}

	/**
	 * Signals internally that a stream went idle; turned into a timeout or, after
	 * {@code [DONE]}, into completion.
	 */
	static final class IdleSignal extends RuntimeException {

		private static final long serialVersionUID = 1L;

		static final IdleSignal INSTANCE = new IdleSignal();

		private IdleSignal() {
			super("stream idle", null, false, false);
		}

	}

}
