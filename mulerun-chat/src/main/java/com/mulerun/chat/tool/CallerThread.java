package com.mulerun.chat.tool;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

import com.mulerun.chat.error.MuleRunException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The thread that called a blocking {@code create} with tools: it waits for the
 * conversation's answer and, while it waits, runs the blocking tools the conversation
 * hands to it. A blocking caller may block, so its tools need no worker thread of their
 * own (and see the caller's thread-locals, such as its security context).
 *
 * <p>
 * A tool handed over is cancelled like one on a worker: a cancelled tool that has not
 * started never runs, and one that is running has the caller's thread interrupted (the
 * interrupt is cleared again when the tool returns, so it does not leak into the rest of
 * the caller's code). Used by one conversation on one thread.
 */
final class CallerThread {

	private static final Runnable DONE = () -> {
	};

	private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	private final Thread thread;

	private @Nullable Object value;

	private @Nullable Throwable error;

	/**
	 * Creates the caller thread of the current thread.
	 */
	CallerThread() {
		this.thread = Thread.currentThread();
	}

	/**
	 * Returns work that runs on the caller's thread when subscribed to.
	 * @param <T> the result type
	 * @param work the work, which may block
	 * @return its result
	 */
	<T> Mono<T> run(Callable<T> work) {
		return Mono.create((sink) -> {
			Task<T> task = new Task<>(work, sink, this.thread);
			sink.onCancel(task::cancel);
			this.tasks.add(task);
		});
	}

	/**
	 * Subscribes to the conversation and runs the tools handed over until it ends.
	 * @param <T> the result type
	 * @param conversation the conversation
	 * @return its result, or {@code null} when it completes empty
	 * @throws MuleRunException when the thread is interrupted while it waits (the
	 * conversation is cancelled)
	 * @throws RuntimeException what the conversation failed with, as {@link Mono#block()}
	 * rethrows it
	 */
	@SuppressWarnings("unchecked")
	<T> @Nullable T await(Mono<T> conversation) {
		Disposable subscription = conversation.subscribe((result) -> this.value = result, (failure) -> {
			this.error = failure;
			this.tasks.add(DONE);
		}, () -> this.tasks.add(DONE));
		try {
			for (Runnable task = this.tasks.take(); task != DONE; task = this.tasks.take()) {
				task.run();
			}
		}
		catch (InterruptedException ex) {
			subscription.dispose();
			Thread.currentThread().interrupt();
			throw new MuleRunException("Interrupted while waiting for the tool-calling conversation", ex);
		}
		Throwable failure = this.error;
		if (failure != null) {
			RuntimeException thrown = Exceptions.propagate(failure);
			thrown.addSuppressed(new Exception("#block terminated with an error"));
			throw thrown;
		}
		return (T) this.value;
	}

	/**
	 * One piece of work handed to the caller's thread.
	 */
	private static final class Task<T> implements Runnable {

		private static final int QUEUED = 0;

		private static final int RUNNING = 1;

		private static final int DONE = 2;

		private static final int CANCELLED = 3;

		private final Callable<T> work;

		private final MonoSink<T> sink;

		private final Thread thread;

		private int state = QUEUED;

		Task(Callable<T> work, MonoSink<T> sink, Thread thread) {
			this.work = work;
			this.sink = sink;
			this.thread = thread;
		}

		@Override
		public void run() {
			synchronized (this) {
				if (this.state != QUEUED) {
					return;
				}
				this.state = RUNNING;
			}
			T result = null;
			Throwable failure = null;
			try {
				result = this.work.call();
			}
			catch (Throwable ex) {
				Exceptions.throwIfJvmFatal(ex);
				failure = ex;
			}
			boolean cancelled;
			synchronized (this) {
				cancelled = this.state == CANCELLED;
				this.state = DONE;
			}
			if (cancelled) {
				// cancel() interrupted this thread inside the lock: clear it here
				Thread.interrupted();
			}
			else if (failure != null) {
				this.sink.error(failure);
			}
			else {
				this.sink.success(result);
			}
		}

		void cancel() {
			synchronized (this) {
				if (this.state == RUNNING) {
					this.thread.interrupt();
				}
				if (this.state != DONE) {
					this.state = CANCELLED;
				}
			}
		}

	}

}
