package com.mulerun.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the benchmark: the top allocation sites
 * ({@code jdk.ObjectAllocationSample}, by sampled weight) and the hot methods
 * ({@code jdk.ExecutionSample}), each by top frame and by the first frame in a chosen
 * package (by default {@code com.mulerun.chat}, with line numbers), leaving out the fake
 * endpoint's threads.
 */
final class JfrSummary {

	private JfrSummary() {
	}

	/**
	 * Summarises a recording.
	 * @param args the recording, then optionally {@code --package PREFIX} and
	 * {@code --top N}
	 * @return the summary as markdown
	 * @throws IOException when the recording cannot be read
	 */
	static String run(List<String> args) throws IOException {
		Path file = Path.of(args.get(0));
		String prefix = "com.mulerun.chat";
		int top = 25;
		for (int i = 1; i < args.size(); i++) {
			switch (args.get(i)) {
				case "--package" -> prefix = args.get(++i);
				case "--top" -> top = Integer.parseInt(args.get(++i));
				default -> throw new IllegalArgumentException("unknown option " + args.get(i));
			}
		}
		Map<String, Long> allocTop = new HashMap<>();
		Map<String, Long> allocClass = new HashMap<>();
		Map<String, Long> allocOurs = new HashMap<>();
		Map<String, Long> allocOursClass = new HashMap<>();
		Map<String, Long> allocClassCount = new HashMap<>();
		Map<String, Long> allocTopCount = new HashMap<>();
		Map<String, Long> allocOursCount = new HashMap<>();
		Map<String, Long> allocOursClassCount = new HashMap<>();
		long allocSamples = 0;
		Map<String, Long> cpuTop = new HashMap<>();
		Map<String, Long> cpuOurs = new HashMap<>();
		Map<String, Long> cpuOursInclusive = new HashMap<>();
		long allocTotal = 0;
		long cpuTotal = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			String type = event.getEventType().getName();
			boolean allocation = type.equals("jdk.ObjectAllocationSample");
			boolean execution = type.equals("jdk.ExecutionSample");
			if (!allocation && !execution) {
				continue;
			}
			RecordedThread thread = allocation ? event.getThread() : event.getThread("sampledThread");
			if (thread != null && thread.getJavaName() != null
					&& thread.getJavaName().startsWith(FakeOpenAiServer.THREAD_PREFIX)) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			List<RecordedFrame> frames = stack.getFrames();
			String topFrame = frame(frames.get(0), false);
			String ours = null;
			for (RecordedFrame frame : frames) {
				if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith(prefix)) {
					ours = frame(frame, true);
					break;
				}
			}
			if (allocation) {
				long weight = event.getLong("weight");
				String objectClass = event.getClass("objectClass").getName();
				allocTotal += weight;
				allocSamples++;
				allocTop.merge(topFrame + " → " + objectClass, weight, Long::sum);
				allocClass.merge(objectClass, weight, Long::sum);
				allocTopCount.merge(topFrame + " → " + objectClass, 1L, Long::sum);
				allocClassCount.merge(objectClass, 1L, Long::sum);
				if (ours != null) {
					allocOurs.merge(ours, weight, Long::sum);
					allocOursClass.merge(ours + " → " + objectClass, weight, Long::sum);
					allocOursCount.merge(ours, 1L, Long::sum);
					allocOursClassCount.merge(ours + " → " + objectClass, 1L, Long::sum);
				}
			}
			else {
				cpuTotal++;
				cpuTop.merge(topFrame, 1L, Long::sum);
				if (ours != null) {
					cpuOurs.merge(ours, 1L, Long::sum);
				}
				java.util.Set<String> seen = new java.util.HashSet<>();
				for (RecordedFrame frame : frames) {
					if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith(prefix)) {
						String method = frame(frame, false);
						if (seen.add(method)) {
							cpuOursInclusive.merge(method, 1L, Long::sum);
						}
					}
				}
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "Recording %s: %,d allocation samples (%,d MB of sampled weight), %,d "
				+ "execution samples (endpoint threads left out). Allocation shares are shares of the samples: JFR picks "
				+ "allocations with a probability that grows with their size, so the count estimates the bytes with far "
				+ "less noise than the per-sample weight (which lumps everything a thread allocated since its last sample "
				+ "onto one object).%n", file.getFileName(), allocSamples, allocTotal / 1048576, cpuTotal));
		table(out, "Allocation by allocated class", allocClassCount, allocSamples, top, "samples");
		table(out, "Allocation by top frame → class", allocTopCount, allocSamples, top, "samples");
		table(out, "Allocation by first " + prefix + " frame", allocOursCount, allocSamples, top, "samples");
		table(out, "Allocation by first " + prefix + " frame → class", allocOursClassCount, allocSamples, top,
				"samples");
		table(out, "Execution samples by top frame (self time)", cpuTop, cpuTotal, top, "samples");
		table(out, "Execution samples by first " + prefix + " frame", cpuOurs, cpuTotal, top, "samples");
		table(out, "Execution samples with a " + prefix + " method on the stack (inclusive)", cpuOursInclusive,
				cpuTotal, top, "samples");
		return out.toString();
	}

	private static String frame(RecordedFrame frame, boolean withLine) {
		String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
		if (withLine && frame.getLineNumber() > 0) {
			name += ":" + frame.getLineNumber();
		}
		return name;
	}

	private static void table(StringBuilder out, String title, Map<String, Long> values, long total, int top,
			String unit) {
		out.append("\n#### ").append(title).append("\n\n| share | ").append(unit).append(" | site |\n|--:|--:|---|\n");
		List<Map.Entry<String, Long>> entries = new ArrayList<>(values.entrySet());
		entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(top, entries.size()))) {
			String value = unit.equals("weight") ? String.format(Locale.ROOT, "%,d MB", entry.getValue() / 1048576)
					: String.format(Locale.ROOT, "%,d", entry.getValue());
			out.append(String.format(Locale.ROOT, "| %.1f%% | %s | `%s` |%n", 100.0 * entry.getValue() / total, value,
					entry.getKey()));
		}
	}

}
