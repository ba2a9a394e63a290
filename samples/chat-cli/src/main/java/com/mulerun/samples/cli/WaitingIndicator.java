package com.mulerun.samples.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A spinner on standard error while the first token is awaited, drawn only when the
 * program runs on a terminal, and erased before the answer starts.
 */
final class WaitingIndicator implements AutoCloseable {

	private static final String FRAMES = "|/-\\";

	private final PrintStream err;

	private final @Nullable ScheduledExecutorService timer;

	private @Nullable ScheduledFuture<?> spinning;

	private int frame;

	private String label = "";

	WaitingIndicator(PrintStream err, boolean terminal) {
		this.err = err;
		this.timer = terminal ? Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "waiting-indicator");
			thread.setDaemon(true);
			return thread;
		}) : null;
	}

	/**
	 * Starts spinning with a label such as {@code waiting for gpt-5}.
	 */
	synchronized void start(String label) {
		if (this.timer != null) {
			this.label = label;
			this.spinning = this.timer.scheduleAtFixedRate(this::draw, 0, 120, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Stops spinning and erases the line; does nothing when it is not spinning.
	 */
	synchronized void stop() {
		if (this.spinning != null) {
			this.spinning.cancel(false);
			this.spinning = null;
			this.err.print("\r" + " ".repeat(this.label.length() + 2) + "\r");
			this.err.flush();
		}
	}

	private synchronized void draw() {
		if (this.spinning != null) {
			this.err.print("\r" + FRAMES.charAt(this.frame++ % FRAMES.length()) + " " + this.label);
			this.err.flush();
		}
	}

	@Override
	public void close() {
		stop();
		if (this.timer != null) {
			this.timer.shutdownNow();
		}
	}

}
