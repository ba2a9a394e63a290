package com.mulerun.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One wave of the soak: {@code total} template streams, {@code concurrency} at once, each
 * checked chunk by chunk against the text the endpoint sends (every chunk's text in
 * order, the chunk count, the usage chunk), with its time to first chunk. The per-stream
 * state of the driver is one small {@link StreamCheck}, so that it adds little to the
 * live heap the soak measures.
 */
final class SoakWave {

	private final int total;

	private final long[] firstChunkNanos;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger peakInFlight = new AtomicInteger();

	private final AtomicInteger receiving = new AtomicInteger();

	private final AtomicInteger peakReceiving = new AtomicInteger();

	private final AtomicLong ok = new AtomicLong();

	private final AtomicLong wrong = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final Map<String, Long> errorKinds = new ConcurrentHashMap<>();

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private final long start = System.nanoTime();

	private volatile long elapsed;

	private SoakWave(int total) {
		this.total = total;
		this.firstChunkNanos = new long[total];
		Arrays.fill(this.firstChunkNanos, -1);
	}

	/**
	 * Starts a wave.
	 * @param template the template
	 * @param request the streaming request
	 * @param expected the text of every chunk, in order ({@code ""} for none)
	 * @param usageTokens the completion tokens the last chunk reports
	 * @param total the number of streams
	 * @param concurrency the most streams at once
	 * @return the running wave
	 */
	static SoakWave start(ChatCompletionTemplate template, ChatCompletionRequest request, List<String> expected,
			int usageTokens, int total, int concurrency) {
		SoakWave wave = new SoakWave(total);
		String[] texts = expected.toArray(String[]::new);
		Flux.range(0, total).flatMap((i) -> {
			// called when the stream may start (flatMap asks for one more when one ended)
			StreamCheck check = new StreamCheck(wave, i, texts, usageTokens);
			wave.peakInFlight.accumulateAndGet(wave.inFlight.incrementAndGet(), Math::max);
			return template.stream(request)
				.doOnNext(check)
				.doFinally((signal) -> check.finished())
				.then(Mono.fromRunnable(check::completed))
				.onErrorResume((ex) -> {
					wave.errors.incrementAndGet();
					wave.errorKinds.merge(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 1L, Long::sum);
					return Mono.empty();
				});
		}, concurrency, 1).subscribe(null, (ex) -> wave.done.completeExceptionally(ex), () -> {
			wave.elapsed = System.nanoTime() - wave.start;
			wave.done.complete(null);
		});
		return wave;
	}

	/**
	 * Waits until {@code streams} streams are receiving at once (each has had its first
	 * chunk and is still open).
	 * @param streams the number of streams
	 * @param timeout the longest wait
	 * @return the time from the wave's start
	 * @throws IllegalStateException when they are not receiving in time
	 */
	Duration awaitReceiving(int streams, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.receiving.get() < streams) {
			if (System.nanoTime() > deadline || this.done.isDone()) {
				throw new IllegalStateException(
						String.format(Locale.ROOT, "only %,d of %,d streams receiving after %s (%,d errors: %s)",
								this.receiving.get(), streams, timeout, this.errors.get(), this.errorKinds));
			}
			Thread.sleep(20);
		}
		return Duration.ofNanos(System.nanoTime() - this.start);
	}

	/**
	 * Waits for the wave's end.
	 * @param timeout the longest wait
	 * @throws Exception when it did not end in time
	 */
	void await(Duration timeout) throws Exception {
		this.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	int receiving() {
		return this.receiving.get();
	}

	int peakInFlight() {
		return this.peakInFlight.get();
	}

	int peakReceiving() {
		return this.peakReceiving.get();
	}

	long ok() {
		return this.ok.get();
	}

	long wrong() {
		return this.wrong.get();
	}

	long errors() {
		return this.errors.get();
	}

	/**
	 * Returns the streams that did not end with exactly the expected content: errors,
	 * wrong content, and streams that never ended.
	 * @return the count
	 */
	long failures() {
		return this.total - this.ok.get();
	}

	Map<String, Long> errorKinds() {
		return this.errorKinds;
	}

	Duration elapsed() {
		return Duration.ofNanos(this.elapsed);
	}

	/**
	 * Returns a percentile of the times to first chunk, of the streams that had one.
	 * @param percentile between 0 and 100
	 * @return the time in milliseconds
	 */
	double firstChunkMillis(double percentile) {
		long[] times = Arrays.stream(this.firstChunkNanos).filter((t) -> t >= 0).sorted().toArray();
		if (times.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100 * times.length) - 1;
		return times[Math.max(0, Math.min(times.length - 1, index))] / 1e6;
	}

	/**
	 * Checks one stream as its chunks arrive: a few fields, so that the driver's own
	 * per-stream state stays small.
	 */
	private static final class StreamCheck implements Consumer<ChatCompletionChunk> {

		private final SoakWave wave;

		private final int id;

		private final String[] texts;

		private final int usageTokens;

		private final long start = System.nanoTime();

		private int index;

		private boolean wrong;

		private boolean usage;

		StreamCheck(SoakWave wave, int id, String[] texts, int usageTokens) {
			this.wave = wave;
			this.id = id;
			this.texts = texts;
			this.usageTokens = usageTokens;
		}

		@Override
		public void accept(ChatCompletionChunk chunk) {
			if (this.index == 0) {
				this.wave.firstChunkNanos[this.id] = System.nanoTime() - this.start;
				this.wave.peakReceiving.accumulateAndGet(this.wave.receiving.incrementAndGet(), Math::max);
			}
			String text = chunk.text();
			if (this.index >= this.texts.length || !this.texts[this.index].equals((text != null) ? text : "")) {
				this.wrong = true;
			}
			Usage reported = chunk.usage();
			if (reported != null) {
				Integer tokens = reported.completionTokens();
				this.usage = tokens != null && tokens == this.usageTokens && this.index == this.texts.length - 1;
			}
			this.index++;
		}

		void finished() {
			if (this.index > 0) {
				this.wave.receiving.decrementAndGet();
			}
			this.wave.inFlight.decrementAndGet();
		}

		void completed() {
			if (!this.wrong && this.usage && this.index == this.texts.length) {
				this.wave.ok.incrementAndGet();
			}
			else {
				this.wave.wrong.incrementAndGet();
			}
		}

	}

}
