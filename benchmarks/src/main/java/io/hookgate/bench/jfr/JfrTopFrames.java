package io.hookgate.bench.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code benchmarks/run jfr-top FILE}: the hottest frames of a JFR recording's execution samples
 * ({@code jdk.ExecutionSample}), overall and per thread (thread names with their numbers
 * dropped, so a pool reads as one), optionally cut to a wall-clock window such as a pipeline
 * phase. A frame is a sample's top frame (where the CPU was); {@code --hookgate} counts instead
 * each sample's innermost {@code io.hookgate} frame (which of hookgate's code led there).
 *
 * <p>Options (defaults): {@code --top 10}, {@code --threads 8}, {@code --since}/{@code --until}
 * (HH:mm:ss, today, local time; default the whole recording), {@code --hookgate} (off).
 */
@Command(name = "jfr-top", mixinStandardHelpOptions = true, description = "Top frames of a JFR recording, overall and per thread.")
public final class JfrTopFrames implements Callable<Integer> {

    @Parameters(index = "0", description = "The .jfr file.")
    private Path file;

    @Option(names = "--top", defaultValue = "10", description = "Frames listed. Default: ${DEFAULT-VALUE}.")
    private int top;

    @Option(names = "--threads", defaultValue = "8", description = "Threads listed, busiest first. Default: ${DEFAULT-VALUE}.")
    private int threads;

    @Option(names = "--since", description = "Only samples at or after this local time (HH:mm:ss).")
    private LocalTime since;

    @Option(names = "--until", description = "Only samples before this local time (HH:mm:ss).")
    private LocalTime until;

    @Option(names = "--hookgate", description = "Count each sample's innermost io.hookgate frame instead of its top frame.")
    private boolean hookgate;

    @Override
    public Integer call() throws Exception {
        final Instant from = since == null ? Instant.MIN : LocalDate.now().atTime(since).atZone(ZoneId.systemDefault()).toInstant();
        final Instant to = until == null ? Instant.MAX : LocalDate.now().atTime(until).atZone(ZoneId.systemDefault()).toInstant();
        final Map<String, Long> frames = new HashMap<>();
        final Map<String, Long> byThread = new HashMap<>();
        final Map<String, Map<String, Long>> framesByThread = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
                || event.getStartTime().isBefore(from) || !event.getStartTime().isBefore(to)) {
                continue;
            }
            final String frame = frame(event.getStackTrace());
            if (frame == null) {
                continue;
            }
            final RecordedThread thread = event.getThread("sampledThread");
            final String threadName = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName().replaceAll("\\d+", "N");
            samples++;
            frames.merge(frame, 1L, Long::sum);
            byThread.merge(threadName, 1L, Long::sum);
            framesByThread.computeIfAbsent(threadName, name -> new HashMap<>()).merge(frame, 1L, Long::sum);
        }
        System.out.printf("%d execution samples%s%n", samples, hookgate ? " (innermost io.hookgate frame)" : " (top frame)");
        print("overall", frames, samples, top);
        for (Map.Entry<String, Long> thread : sorted(byThread).subList(0, Math.min(threads, byThread.size()))) {
            print(String.format("thread %s: %d samples, %.1f%%", thread.getKey(), thread.getValue(), 100.0 * thread.getValue() / samples),
                framesByThread.get(thread.getKey()), thread.getValue(), Math.min(top, 5));
        }
        return 0;
    }

    /** The frame a sample is counted under, or null when it has none (no hookgate frame, with --hookgate). */
    private String frame(final RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return null;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            final String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            if (!hookgate || name.startsWith("io.hookgate.")) {
                return name;
            }
        }
        return null;
    }

    private static void print(final String title, final Map<String, Long> counts, final long total, final int limit) {
        System.out.println(title);
        for (Map.Entry<String, Long> entry : sorted(counts).subList(0, Math.min(limit, counts.size()))) {
            System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * entry.getValue() / total, entry.getValue(), entry.getKey());
        }
    }

    private static List<Map.Entry<String, Long>> sorted(final Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).toList();
    }
}
