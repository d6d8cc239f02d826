package io.hookgate.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, every second, the machine's CPU time ({@code /proc/stat}), and the CPU time
 * ({@code /proc/<pid>/stat}) and resident memory ({@code VmRSS} in {@code /proc/<pid>/status}) of
 * one process: the machine's busy share, the cores the process used and its largest footprint
 * over any window of a run.
 */
public final class Sampler implements AutoCloseable {

    /**
     * One sample.
     *
     * @param busy  jiffies spent not idle (nor waiting for IO), summed over every CPU, since boot
     * @param total every jiffy since boot, summed over every CPU
     * @param process jiffies the process spent on CPU (user and system), or 0 when it is gone
     * @param rssKib the process's resident set in KiB, or 0 when it is gone
     */
    public record Sample(long epochMillis, long busy, long total, long process, long rssKib) {
    }

    private final long pid;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** A sampler of the machine and of process {@code pid} (or of the machine alone when it is negative). */
    public Sampler(final long pid) {
        this.pid = pid;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            final String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already in user.
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            final long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            final Sample sample = new Sample(System.currentTimeMillis(), total - idle, total, processJiffies(), rssKib());
            synchronized (this) {
                samples.add(sample);
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux): no samples, and the figures say n/a.
        }
    }

    private long processJiffies() {
        if (pid < 0) {
            return 0;
        }
        try {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private long rssKib() {
        if (pid < 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // The process is gone.
        }
        return 0;
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The share of CPU time the machine was busy between the samples nearest {@code from} and {@code to}, in percent; NaN without samples. */
    public double busyPercent(final long fromMillis, final long toMillis) {
        final List<Sample> within = within(fromMillis, toMillis);
        if (within.size() < 2) {
            return Double.NaN;
        }
        final Sample first = within.get(0);
        final Sample last = within.get(within.size() - 1);
        return 100.0 * (last.busy() - first.busy()) / Math.max(1, last.total() - first.total());
    }

    /** The cores the process kept busy on average between {@code from} and {@code to}; NaN without samples. */
    public double processCores(final long fromMillis, final long toMillis) {
        final List<Sample> within = within(fromMillis, toMillis);
        if (within.size() < 2) {
            return Double.NaN;
        }
        final Sample first = within.get(0);
        final Sample last = within.get(within.size() - 1);
        final double elapsedPerCpu = (double) (last.total() - first.total()) / Runtime.getRuntime().availableProcessors();
        return (last.process() - first.process()) / Math.max(1, elapsedPerCpu);
    }

    /** The largest resident set of the process between {@code from} and {@code to}, in KiB. */
    public long maxRssKib(final long fromMillis, final long toMillis) {
        return within(fromMillis, toMillis).stream().mapToLong(Sample::rssKib).max().orElse(0);
    }

    /** The samples from the last one at or before {@code from} to the first at or after {@code to}. */
    private List<Sample> within(final long fromMillis, final long toMillis) {
        final List<Sample> all = samples();
        int start = 0;
        int end = all.size() - 1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).epochMillis() <= fromMillis) {
                start = i;
            }
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).epochMillis() >= toMillis) {
                end = i;
            }
        }
        return end < start ? List.of() : all.subList(start, end + 1);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
