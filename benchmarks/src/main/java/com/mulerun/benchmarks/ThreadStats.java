package com.mulerun.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes allocated and CPU time used by the JVM's threads, summed over every live thread
 * except the fake endpoint's (named {@value FakeOpenAiServer#THREAD_PREFIX}...): the
 * Netty event loops, OkHttp's threads and the driver's workers all count. Uses
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} and
 * {@link com.sun.management.ThreadMXBean#getThreadCpuTime(long[])}.
 *
 * <p>
 * A thread that ends between two snapshots takes its counts with it; the clients' pools
 * keep their threads alive for far longer than a measurement, so nothing is lost in
 * practice.
 */
final class ThreadStats {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

	private static final java.lang.management.CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

	private final Map<Long, Boolean> counted = new HashMap<>();

	private final Map<Long, String> groups = new HashMap<>();

	ThreadStats() {
		if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadCpuTimeSupported()) {
			throw new IllegalStateException("this JVM cannot measure per-thread allocation and CPU time");
		}
		THREADS.setThreadAllocatedMemoryEnabled(true);
		THREADS.setThreadCpuTimeEnabled(true);
	}

	/**
	 * Takes a snapshot of the counted threads.
	 * @return the snapshot
	 */
	Snapshot snapshot() {
		long[] ids = THREADS.getAllThreadIds();
		int kept = 0;
		int server = 0;
		long[] serverIds = new long[ids.length];
		for (long id : ids) {
			Boolean count = this.counted.get(id);
			if (count == null) {
				ThreadInfo info = THREADS.getThreadInfo(id);
				count = (info != null) && !info.getThreadName().startsWith(FakeOpenAiServer.THREAD_PREFIX);
				this.counted.put(id, count);
				this.groups.put(id, (info != null) ? group(info.getThreadName()) : "?");
			}
			if (count) {
				ids[kept++] = id;
			}
			else {
				serverIds[server++] = id;
			}
		}
		long[] counted = java.util.Arrays.copyOf(ids, kept);
		long[] allocated = THREADS.getThreadAllocatedBytes(counted);
		long[] cpu = THREADS.getThreadCpuTime(counted);
		long serverCpu = 0;
		for (long value : THREADS.getThreadCpuTime(java.util.Arrays.copyOf(serverIds, server))) {
			serverCpu += Math.max(0, value);
		}
		long gcCount = 0;
		long gcMillis = 0;
		for (GarbageCollectorMXBean collector : COLLECTORS) {
			gcCount += Math.max(0, collector.getCollectionCount());
			gcMillis += Math.max(0, collector.getCollectionTime());
		}
		String[] groupNames = new String[counted.length];
		for (int i = 0; i < counted.length; i++) {
			groupNames[i] = this.groups.get(counted[i]);
		}
		return new Snapshot(counted, allocated, cpu, gcCount, gcMillis, serverCpu,
				JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0, groupNames);
	}

	private static String group(String name) {
		return name.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-");
	}

	/**
	 * The counters of the counted threads at one moment.
	 *
	 * @param ids the thread ids
	 * @param allocated the bytes each has allocated, -1 when it ended
	 * @param cpu the CPU nanoseconds each has used, -1 when it ended
	 * @param gcCount the number of collections so far
	 * @param gcMillis the time spent collecting so far
	 * @param serverCpu the CPU nanoseconds the endpoint's live threads have used
	 * @param jitMillis the time the JIT compilers have spent so far
	 * @param groups the group (name without its number) of each thread
	 */
	record Snapshot(long[] ids, long[] allocated, long[] cpu, long gcCount, long gcMillis, long serverCpu,
			long jitMillis, String[] groups) {

		/**
		 * Returns what happened between this earlier snapshot and a later one: threads
		 * that started in between count from zero.
		 * @param later the later snapshot
		 * @return the bytes allocated and CPU nanoseconds used in between
		 */
		Delta until(Snapshot later) {
			Map<Long, Integer> before = new HashMap<>();
			for (int i = 0; i < this.ids.length; i++) {
				before.put(this.ids[i], i);
			}
			long bytes = 0;
			long cpuNanos = 0;
			Map<String, long[]> byGroup = new java.util.TreeMap<>();
			for (int i = 0; i < later.ids.length; i++) {
				Integer index = before.get(later.ids[i]);
				long allocatedBefore = (index != null) ? Math.max(0, this.allocated[index]) : 0;
				long cpuBefore = (index != null) ? Math.max(0, this.cpu[index]) : 0;
				long[] group = byGroup.computeIfAbsent(later.groups[i], (name) -> new long[2]);
				if (later.allocated[i] >= 0) {
					bytes += later.allocated[i] - allocatedBefore;
					group[0] += later.allocated[i] - allocatedBefore;
				}
				if (later.cpu[i] >= 0) {
					cpuNanos += later.cpu[i] - cpuBefore;
					group[1] += later.cpu[i] - cpuBefore;
				}
			}
			StringBuilder split = new StringBuilder();
			for (Map.Entry<String, long[]> entry : byGroup.entrySet()) {
				long[] group = entry.getValue();
				if (bytes > 0 && cpuNanos > 0 && (group[0] * 50 >= bytes || group[1] * 50 >= cpuNanos)) {
					split.append(String.format(java.util.Locale.ROOT, " %s %d%%/%d%%", entry.getKey(),
							Math.round(100.0 * group[0] / bytes), Math.round(100.0 * group[1] / cpuNanos)));
				}
			}
			return new Delta(bytes, cpuNanos, later.gcCount - this.gcCount, later.gcMillis - this.gcMillis,
					later.serverCpu - this.serverCpu, later.jitMillis - this.jitMillis, split.toString().trim());
		}

	}

	/**
	 * Allocation and CPU between two snapshots.
	 *
	 * @param bytes the bytes allocated
	 * @param cpuNanos the CPU nanoseconds used
	 * @param gcCount the number of collections
	 * @param gcMillis the milliseconds spent collecting
	 * @param serverCpuNanos the CPU nanoseconds the endpoint used
	 * @param jitMillis the milliseconds the JIT compilers spent
	 * @param threadGroups the share of the bytes and CPU of each group of threads (named
	 * without their number)
	 */
	record Delta(long bytes, long cpuNanos, long gcCount, long gcMillis, long serverCpuNanos, long jitMillis,
			String threadGroups) {
	}

}
