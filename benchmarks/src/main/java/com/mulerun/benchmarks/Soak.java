package com.mulerun.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.http.PoolSettings;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The concurrency soak and the live heap per stream. The endpoint runs in a JVM of its
 * own ({@link SoakEndpoint}), so that this JVM holds only the client: a template built by
 * the builder with a pool as large as the soak needs ({@link PoolSettings}).
 *
 * <ol>
 * <li>Warm-up: a template of its own streams a few hundred times and is closed.</li>
 * <li>Idle baseline: the measured template is built and streams once; then the live heap
 * after full collections and the class histogram.</li>
 * <li>For each of {@code --sizes}: the endpoint holds its streams after their first
 * burst, that many streams start at once and, when every one of them has received its
 * first chunk, the live heap and the histogram are taken again; (live - baseline) / N is
 * the heap per receiving stream. Then the endpoint lets them finish and every stream is
 * checked.</li>
 * <li>The soak proper: {@code --streams} streams, {@code --concurrency} at once, paced
 * but not held, with time to first chunk, peaks and errors.</li>
 * </ol>
 * Meant for {@code -Xmx512m}; {@code all} runs it in a child JVM with that setting. Any
 * error or wrong stream fails the command.
 */
final class Soak {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private Soak() {
	}

	/**
	 * Runs the soak.
	 * @param args {@code --sizes N,N} (held waves), {@code --streams N} (total of the
	 * soak, 0 for none), {@code --concurrency N}, {@code --warmup N}, {@code --chunks N},
	 * {@code --bursts N}, {@code --gap-ms N}, {@code --top N}
	 * @return the markdown report
	 * @throws SoakFailure when a stream failed or came out wrong
	 * @throws Exception when the endpoint fails
	 */
	static String run(List<String> args) throws Exception {
		List<Integer> sizes = List.of(1000, 10000);
		int streams = 0;
		int concurrency = 10000;
		int warmup = 500;
		int chunks = 100;
		int bursts = 20;
		long gapMillis = 100;
		int top = 12;
		for (int i = 0; i < args.size(); i++) {
			switch (args.get(i)) {
				case "--sizes" -> sizes = Arrays.stream(args.get(++i).split(",")).map(Integer::valueOf).toList();
				case "--streams" -> streams = Integer.parseInt(args.get(++i));
				case "--concurrency" -> concurrency = Integer.parseInt(args.get(++i));
				case "--warmup" -> warmup = Integer.parseInt(args.get(++i));
				case "--chunks" -> chunks = Integer.parseInt(args.get(++i));
				case "--bursts" -> bursts = Integer.parseInt(args.get(++i));
				case "--gap-ms" -> gapMillis = Long.parseLong(args.get(++i));
				case "--top" -> top = Integer.parseInt(args.get(++i));
				default -> throw new IllegalArgumentException("unknown option " + args.get(i));
			}
		}
		LiveHeap.requireFullExplicitGc();
		int connections = Math.max(concurrency, sizes.stream().mapToInt(Integer::intValue).max().orElse(1));
		PoolSettings pool = new PoolSettings(connections, WAIT, -1, Duration.ofSeconds(60), false);
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model(Payloads.MODEL)
			.systemMessage(Payloads.SYSTEM_PROMPT)
			.userMessage(Payloads.USER_PROMPT)
			.build();
		List<String> texts = Payloads.streamTexts(chunks);
		int usageTokens = chunks - 3;
		StringBuilder out = new StringBuilder();
		long failures = 0;
		long started = System.nanoTime();
		try (SoakEndpoint endpoint = SoakEndpoint.start(chunks, bursts, gapMillis)) {
			try (ChatCompletionTemplate warm = template(endpoint, pool)) {
				SoakWave wave = SoakWave.start(warm, request, texts, usageTokens, warmup, warmup);
				wave.await(WAIT);
				failures += wave.failures();
			}
			ChatCompletionTemplate template = template(endpoint, pool);
			SoakWave first = SoakWave.start(template, request, texts, usageTokens, 1, 1);
			first.await(WAIT);
			failures += first.failures();
			HeapWatch heap = new HeapWatch();
			LiveHeap.Snapshot baseline = LiveHeap.take();
			heap.start();
			out.append(String.format(Locale.ROOT,
					"Client JVM: max heap %d MB, one template (builder defaults but a pool of %,d connections: "
							+ "`PoolSettings(%d, 90 s, -1, 60 s, false)`); the endpoint in a JVM of its own, %d chunks "
							+ "per stream in %d bursts %d ms apart. Idle baseline (template built, warmed, no stream "
							+ "open; live heap after full GCs): **%.1f MB** (histogram %.1f MB).%n%n",
					Runtime.getRuntime().maxMemory() / (1024 * 1024), connections, connections, chunks, bursts,
					gapMillis, baseline.used() / 1048576.0, baseline.histogramBytes() / 1048576.0));
			out.append("#### Live heap per receiving stream\n\n");
			out.append("Every stream open and receiving (each has its first chunk, the endpoint holds the rest) "
					+ "while the live heap is taken; then all are let go and checked.\n\n");
			out.append("| Streams receiving | Live heap | Above baseline | **Per stream** | Histogram per stream | "
					+ "All receiving after | TTFC p50 | TTFC p99 | TTFC max | Ok | Errors | Wrong |\n"
					+ "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
			List<List<LiveHeap.Difference>> attributions = new ArrayList<>();
			for (int size : sizes) {
				endpoint.hold();
				SoakWave wave = SoakWave.start(template, request, texts, usageTokens, size, size);
				Duration allReceiving = wave.awaitReceiving(size, WAIT);
				LiveHeap.Snapshot live = LiveHeap.take();
				int open = wave.receiving();
				endpoint.release();
				wave.await(WAIT);
				failures += wave.failures();
				attributions.add(live.minus(baseline));
				out.append(String.format(Locale.ROOT,
						"| %,d | %.1f MB | %.1f MB | **%.1f KB** | %.1f KB | %.1f s | %.0f ms | %.0f ms | %.0f ms | "
								+ "%,d | %d | %d |%n",
						open, live.used() / 1048576.0, (live.used() - baseline.used()) / 1048576.0,
						(live.used() - baseline.used()) / 1024.0 / open,
						(live.histogramBytes() - baseline.histogramBytes()) / 1024.0 / open,
						allReceiving.toMillis() / 1000.0, wave.firstChunkMillis(50), wave.firstChunkMillis(99),
						wave.firstChunkMillis(100), wave.ok(), wave.errors(), wave.wrong()));
				errors(out, wave);
			}
			attribution(out, sizes, attributions, top);
			if (streams > 0) {
				endpoint.stats();
				SoakWave wave = SoakWave.start(template, request, texts, usageTokens, streams, concurrency);
				wave.await(Duration.ofMinutes(5));
				heap.stop();
				failures += wave.failures();
				long[] served = endpoint.stats();
				out.append(String.format(Locale.ROOT,
						"%n#### Soak: %,d streams, %,d at once%n%nPaced, not held: each stream lasts about %.1f s.%n%n",
						streams, concurrency, (bursts - 1) * gapMillis / 1000.0));
				out.append("| Streams ok | Errors | Wrong content | Peak in flight | Peak receiving | "
						+ "Peak served at once | Time | TTFC p50 | TTFC p99 | TTFC max | "
						+ "Peak heap before GC (whole run) | GCs |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
				out.append(String.format(Locale.ROOT,
						"| %,d | %d | %d | %,d | %,d | %,d | %.1f s | %.0f ms | %.0f ms | %.0f ms | %.0f MB | %d |%n",
						wave.ok(), wave.errors(), wave.wrong(), wave.peakInFlight(), wave.peakReceiving(), served[2],
						wave.elapsed().toMillis() / 1000.0, wave.firstChunkMillis(50), wave.firstChunkMillis(99),
						wave.firstChunkMillis(100), heap.peakBeforeGc() / 1048576.0, heap.collections()));
				errors(out, wave);
			}
			else {
				heap.stop();
			}
			template.close();
			long rejected = endpoint.stats()[3];
			out.append(String.format(Locale.ROOT, "%nWhole part: %.0f s; endpoint rejected %d requests.%n",
					(System.nanoTime() - started) / 1e9, rejected));
			if (failures != 0 || rejected != 0) {
				throw new SoakFailure(out.toString());
			}
		}
		return out.toString();
	}

	private static ChatCompletionTemplate template(SoakEndpoint endpoint, PoolSettings pool) {
		return ChatCompletionTemplate.builder()
			.baseUrl(endpoint.baseUrl())
			.apiKey(FakeOpenAiServer.API_KEY)
			.poolSettings(pool)
			.build();
	}

	private static void errors(StringBuilder out, SoakWave wave) {
		if (!wave.errorKinds().isEmpty()) {
			out.append("\nErrors:\n\n");
			wave.errorKinds()
				.forEach((kind, count) -> out.append("- ").append(count).append(" × ").append(kind).append('\n'));
			out.append('\n');
		}
	}

	private static void attribution(StringBuilder out, List<Integer> sizes,
			List<List<LiveHeap.Difference>> attributions, int top) {
		if (attributions.isEmpty()) {
			return;
		}
		int last = attributions.size() - 1;
		int size = sizes.get(last);
		owners(out, attributions.get(last), size);
		out.append(String.format(Locale.ROOT,
				"%nWhat a receiving stream holds: the classes that grew most from the idle baseline to %,d streams "
						+ "(class histogram of live objects), instances × bytes per stream",
				size));
		for (int i = 0; i < last; i++) {
			out.append(String.format(Locale.ROOT, ", and the same classes at %,d", sizes.get(i)));
		}
		out.append(".\n\n| Class | per stream at ").append(String.format(Locale.ROOT, "%,d", size)).append(" |");
		for (int i = 0; i < last; i++) {
			out.append(String.format(Locale.ROOT, " at %,d |", sizes.get(i)));
		}
		out.append("\n|---|--:|").append("--:|".repeat(last)).append('\n');
		List<LiveHeap.Difference> largest = attributions.get(last);
		for (LiveHeap.Difference difference : largest.subList(0, Math.min(top, largest.size()))) {
			out.append("| `").append(difference.shortName()).append("` | ");
			out.append(perStream(difference, size)).append(" |");
			for (int i = 0; i < last; i++) {
				LiveHeap.Difference same = attributions.get(i)
					.stream()
					.filter((d) -> d.name().equals(difference.name()))
					.findFirst()
					.orElse(new LiveHeap.Difference(difference.name(), 0, 0));
				out.append(' ').append(perStream(same, sizes.get(i))).append(" |");
			}
			out.append('\n');
		}
	}

	/**
	 * Sums the per-stream bytes of the largest wave by who owns the classes: the JDK's
	 * arrays, strings and collections cannot be told apart by class, so they are a group
	 * of their own.
	 */
	private static void owners(StringBuilder out, List<LiveHeap.Difference> differences, int streams) {
		Map<String, Long> bytes = new java.util.LinkedHashMap<>();
		for (String owner : OWNERS) {
			bytes.put(owner, 0L);
		}
		for (LiveHeap.Difference difference : differences) {
			String name = difference.shortName();
			String owner = "other";
			for (String prefix : OWNERS) {
				if (name.startsWith(prefix)) {
					owner = prefix;
					break;
				}
			}
			bytes.merge(owner, difference.bytes(), Long::sum);
		}
		out.append(String.format(Locale.ROOT, "%nBytes per stream at %,d by the owner of the class: ", streams));
		StringBuilder list = new StringBuilder();
		bytes.forEach((owner, total) -> {
			if (total != 0) {
				list.append((list.length() == 0) ? "" : ", ")
					.append(String.format(Locale.ROOT, "`%s…` %,.0f B", owner, total / (double) streams));
			}
		});
		out.append(list).append(".\n");
	}

	private static final List<String> OWNERS = List.of("com.mulerun.chat", "com.mulerun.benchmarks", "io.netty",
			"reactor.netty", "reactor.core", "reactor.util", "org.springframework", "java.", "byte[]", "Object[]",
			"other");

	private static String perStream(LiveHeap.Difference difference, int streams) {
		return String.format(Locale.ROOT, "%.2f × %,.0f B", difference.instances() / (double) streams,
				difference.bytes() / (double) streams);
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
