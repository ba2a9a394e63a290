package com.mulerun.benchmarks;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The concurrency soak: many template streams held open at once against the fake
 * endpoint, which streams in paced bursts so that every stream stays open for a while.
 * Reports errors (must be 0), the peak number of streams open at once (seen by the
 * endpoint), peak heap (from GC notifications: the heap in use before each collection,
 * and the pools' peak usage) and the time taken. Meant for a small heap
 * ({@code -Xmx256m}); {@code all} runs it in a child JVM with that setting.
 */
final class Soak {

	private Soak() {
	}

	/**
	 * Runs the soak.
	 * @param args {@code --streams N} (total), {@code --concurrency N},
	 * {@code --chunks N}
	 * @return the markdown report
	 * @throws SoakFailure when a stream failed or came out wrong
	 */
	static String run(List<String> args) {
		int streams = 3000;
		int concurrency = 1000;
		int chunks = 100;
		int bursts = 20;
		long gapMillis = 100;
		for (int i = 0; i < args.size(); i++) {
			switch (args.get(i)) {
				case "--streams" -> streams = Integer.parseInt(args.get(++i));
				case "--concurrency" -> concurrency = Integer.parseInt(args.get(++i));
				case "--chunks" -> chunks = Integer.parseInt(args.get(++i));
				case "--bursts" -> bursts = Integer.parseInt(args.get(++i));
				case "--gap-ms" -> gapMillis = Long.parseLong(args.get(++i));
				default -> throw new IllegalArgumentException("unknown option " + args.get(i));
			}
		}
		HeapWatch heap = new HeapWatch();
		// bursts 100 ms apart: each stream stays open about two seconds, so all of a
		// wave's streams overlap
		try (FakeOpenAiServer server = FakeOpenAiServer.startPaced(chunks, 2, Math.max(1, chunks / bursts),
				Duration.ofMillis(gapMillis))) {
			// the default connector allows 500 connections; the soak needs one per
			// concurrent stream
			ConnectionProvider connections = ConnectionProvider.builder("soak")
				.maxConnections(concurrency)
				.pendingAcquireMaxCount(-1)
				.pendingAcquireTimeout(Duration.ofSeconds(60))
				.build();
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(server.baseUrl())
				.apiKey(FakeOpenAiServer.API_KEY)
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections).compress(true)))
				.build();
			ChatCompletionRequest request = ChatCompletionRequest.builder()
				.model(Payloads.MODEL)
				.systemMessage(Payloads.SYSTEM_PROMPT)
				.userMessage(Payloads.USER_PROMPT)
				.build();
			int expectedChars = server.stream().chars();
			AtomicLong errors = new AtomicLong();
			AtomicLong wrong = new AtomicLong();
			AtomicLong ok = new AtomicLong();
			Map<String, Long> errorKinds = new ConcurrentHashMap<>();
			java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.atomic.AtomicInteger peakInFlight = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.atomic.AtomicInteger receiving = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.atomic.AtomicInteger peakReceiving = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.atomic.AtomicBoolean liveMeasured = new java.util.concurrent.atomic.AtomicBoolean();
			long[] live = { -1, 0 };
			int liveThreshold = concurrency * 7 / 10;
			heap.start();
			long start = System.nanoTime();
			Flux.range(0, streams).flatMap((i) -> Flux.defer(() -> {
				peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				boolean[] first = new boolean[1];
				return template.stream(request).doOnNext((chunk) -> {
					if (!first[0]) {
						first[0] = true;
						int now = receiving.incrementAndGet();
						peakReceiving.accumulateAndGet(now, Math::max);
						if (now >= liveThreshold && liveMeasured.compareAndSet(false, true)) {
							Thread measure = new Thread(() -> {
								System.gc();
								live[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
								live[1] = receiving.get();
							}, "soak-live-heap");
							measure.setDaemon(true);
							measure.start();
						}
					}
				})
					.doOnTerminate(() -> finished(inFlight, receiving, first[0]))
					.doOnCancel(() -> finished(inFlight, receiving, first[0]));
			}).map((chunk) -> {
				String text = chunk.text();
				return (text != null) ? text.length() : 0;
			}).reduce(0L, Long::sum).doOnNext((chars) -> {
				if (chars == expectedChars) {
					ok.incrementAndGet();
				}
				else {
					wrong.incrementAndGet();
				}
			}).onErrorResume((ex) -> {
				errors.incrementAndGet();
				errorKinds.merge(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 1L, Long::sum);
				return Mono.empty();
			}), concurrency).blockLast(Duration.ofMinutes(5));
			long elapsed = System.nanoTime() - start;
			heap.stop();
			connections.disposeLater().block(Duration.ofSeconds(10));
			long failures = errors.get() + wrong.get() + (streams - ok.get() - errors.get() - wrong.get());
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"%,d template streams of %d chunks, %,d at once (template with a %d-connection pool), JVM max heap "
							+ "%d MB, paced endpoint in the same JVM (%d bursts %d ms apart per stream, so each stream lasts "
							+ "about %.1f s).%n%n",
					streams, chunks, concurrency, concurrency, Runtime.getRuntime().maxMemory() / (1024 * 1024), bursts,
					gapMillis, (bursts - 1) * gapMillis / 1000.0));
			out.append("| Streams ok | Errors | Wrong content | Peak streams in flight | Peak streams receiving | "
					+ "Peak streams served at once | Time | Peak heap before GC | Σ heap pool peaks (upper bound) | "
					+ "Live heap (full GC) with streams receiving | GCs |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
			out.append(String.format(Locale.ROOT,
					"| %,d | %d | %d | %,d | %,d | %,d | %.1f s | %.0f MB | %.0f MB | %s | %d |%n", ok.get(),
					errors.get(), wrong.get(), peakInFlight.get(), peakReceiving.get(), server.peakActiveStreams(),
					elapsed / 1e9, heap.peakBeforeGc() / 1048576.0, heap.peakPools() / 1048576.0,
					(live[0] < 0) ? "–" : String.format(Locale.ROOT, "%.0f MB with %,d", live[0] / 1048576.0, live[1]),
					heap.collections()));
			if (!errorKinds.isEmpty()) {
				out.append("\nErrors:\n\n");
				errorKinds
					.forEach((kind, count) -> out.append("- ").append(count).append(" × ").append(kind).append('\n'));
			}
			if (failures != 0 || server.rejected() != 0) {
				throw new SoakFailure(out.toString());
			}
			return out.toString();
		}
	}

	private static void finished(java.util.concurrent.atomic.AtomicInteger inFlight,
			java.util.concurrent.atomic.AtomicInteger receiving, boolean received) {
		inFlight.decrementAndGet();
		if (received) {
			receiving.decrementAndGet();
		}
	}

	/**
	 * Thrown when the soak saw an error.
	 */
	static final class SoakFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SoakFailure(String report) {
			super(report);
		}

	}

	/**
	 * Watches the heap through GC notifications and the heap pools' peak usage.
	 */
	private static final class HeapWatch {

		private final List<MemoryPoolMXBean> pools = new ArrayList<>();

		private final AtomicLong peakBeforeGc = new AtomicLong();

		private final AtomicLong lastAfterGc = new AtomicLong();

		private final AtomicLong collections = new AtomicLong();

		private final List<NotificationEmitter> emitters = new ArrayList<>();

		private final NotificationListener listener = (notification, handback) -> {
			if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
				return;
			}
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			long before = sum(info.getGcInfo().getMemoryUsageBeforeGc());
			long after = sum(info.getGcInfo().getMemoryUsageAfterGc());
			this.peakBeforeGc.accumulateAndGet(before, Math::max);
			this.lastAfterGc.set(after);
			this.collections.incrementAndGet();
		};

		HeapWatch() {
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					this.pools.add(pool);
				}
			}
		}

		void start() {
			System.gc();
			this.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
			for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (collector instanceof NotificationEmitter emitter) {
					emitter.addNotificationListener(this.listener, null, null);
					this.emitters.add(emitter);
				}
			}
		}

		void stop() {
			for (NotificationEmitter emitter : this.emitters) {
				try {
					emitter.removeNotificationListener(this.listener);
				}
				catch (javax.management.ListenerNotFoundException ex) {
					// already gone
				}
			}
		}

		long peakBeforeGc() {
			return Math.max(this.peakBeforeGc.get(), currentUsed());
		}

		long peakPools() {
			long peak = 0;
			for (MemoryPoolMXBean pool : this.pools) {
				peak += pool.getPeakUsage().getUsed();
			}
			return peak;
		}

		long lastAfterGc() {
			return this.lastAfterGc.get();
		}

		long collections() {
			return this.collections.get();
		}

		private long currentUsed() {
			long used = 0;
			for (MemoryPoolMXBean pool : this.pools) {
				used += pool.getUsage().getUsed();
			}
			return used;
		}

		private long sum(Map<String, MemoryUsage> usage) {
			long used = 0;
			for (MemoryPoolMXBean pool : this.pools) {
				MemoryUsage poolUsage = usage.get(pool.getName());
				if (poolUsage != null) {
					used += poolUsage.getUsed();
				}
			}
			return used;
		}

	}

}
