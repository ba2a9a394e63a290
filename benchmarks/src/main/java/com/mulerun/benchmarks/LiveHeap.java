package com.mulerun.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The live heap of this JVM: the heap in use after full collections, and the class
 * histogram of the live objects ({@code jcmd PID GC.class_histogram}, through the
 * diagnostic command MBean, which runs a full collection first). Two snapshots give the
 * bytes and instances per class that one holds more than the other.
 */
final class LiveHeap {

	private LiveHeap() {
	}

	/**
	 * Fails unless {@code System.gc()} runs a full, stop-the-world collection here.
	 * @throws IllegalStateException when explicit GCs are concurrent or disabled
	 */
	static void requireFullExplicitGc() {
		HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		for (String option : List.of("ExplicitGCInvokesConcurrent", "DisableExplicitGC")) {
			if (Boolean.parseBoolean(hotspot.getVMOption(option).getValue())) {
				throw new IllegalStateException("-XX:+" + option + " is set: System.gc() would not measure live heap");
			}
		}
	}

	/**
	 * Takes a snapshot: three full collections (the smallest heap in use after them),
	 * then the class histogram.
	 * @return the snapshot
	 */
	static Snapshot take() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return new Snapshot(used, histogram());
	}

	private static Map<String, long[]> histogram() {
		String text;
		try {
			text = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
		}
		catch (Exception ex) {
			throw new IllegalStateException("no class histogram: " + ex, ex);
		}
		Map<String, long[]> classes = new HashMap<>();
		for (String line : text.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			// " 1: 12345 678901 java.lang.String (java.base@21)"
			if (fields.length < 4 || !fields[0].endsWith(":")) {
				continue;
			}
			classes.put(fields[3], new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) });
		}
		return classes;
	}

	/**
	 * The live heap at one moment.
	 *
	 * @param used the heap in use after full collections, in bytes
	 * @param classes instances and bytes per class name
	 */
	record Snapshot(long used, Map<String, long[]> classes) {

		long histogramBytes() {
			long bytes = 0;
			for (long[] counts : this.classes.values()) {
				bytes += counts[1];
			}
			return bytes;
		}

		/**
		 * Returns what this snapshot holds more than another, per class, largest first.
		 * @param base the other snapshot
		 * @return class, instances, bytes of the differences
		 */
		List<Difference> minus(Snapshot base) {
			List<Difference> differences = new ArrayList<>();
			this.classes.forEach((name, counts) -> {
				long[] before = base.classes.getOrDefault(name, new long[2]);
				differences.add(new Difference(name, counts[0] - before[0], counts[1] - before[1]));
			});
			differences.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
			return differences;
		}

	}

	/**
	 * What one snapshot holds more than another of one class.
	 *
	 * @param name the class
	 * @param instances the instances more
	 * @param bytes the bytes more
	 */
	record Difference(String name, long instances, long bytes) {

		String shortName() {
			return switch (this.name) {
				case "[B" -> "byte[]";
				case "[I" -> "int[]";
				case "[J" -> "long[]";
				case "[C" -> "char[]";
				case "[Ljava.lang.Object;" -> "Object[]";
				default ->
					this.name.startsWith("[L") ? this.name.substring(2, this.name.length() - 1) + "[]" : this.name;
			};
		}

	}

}
