package com.mulerun.chat.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

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
	 * Returns the body that fails with {@link IdleSignal#INSTANCE} when the stream goes
	 * idle.
	 * @param body the network reads
	 * @return the watched reads
	 */
	Flux<DataBuffer> watch(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			Sinks.Empty<Void> fired = Sinks.empty();
			Disposable.Swap timer = Disposables.swap();
			Runnable check = new Runnable() {

				@Override
				public void run() {
					long remaining = remainingNanos();
					if (remaining <= 0) {
						fired.tryEmitError(IdleSignal.INSTANCE);
					}
					else {
						timer.update(IdleWatch.this.clock.schedule(this, remaining, TimeUnit.NANOSECONDS));
					}
				}

			};
			Flux<DataBuffer> reads = body.doOnNext((buffer) -> dataArrived()).doFinally((signal) -> {
				timer.dispose();
				fired.tryEmitEmpty();
			});
			return Flux.merge(1, reads, fired.asMono().then(Mono.<DataBuffer>empty()))
				.doOnSubscribe((subscription) -> timer
					.update(this.clock.schedule(check, this.idleNanos, TimeUnit.NANOSECONDS)))
				.doFinally((signal) -> timer.dispose());
		});
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
		// capped, so that a clock set
		// back delays the timeout by at most one period
		long waitingSince = Math.max(this.demandSince, this.lastData);
		return Math.min(this.idleNanos, this.idleNanos - (this.clock.now(TimeUnit.NANOSECONDS) - waitingSince));
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
