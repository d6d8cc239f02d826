package io.hookgate.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A line saying what a run ran on, so figures from a busy or small machine read as such. */
public final class Machine {

    private Machine() {
    }

    /** Cores, load average, memory and Java version. */
    public static String describe() {
        return String.format("%d cores, load average %s, %s, Java %s", Runtime.getRuntime().availableProcessors(), loadAverage(),
            memory(), System.getProperty("java.version"));
    }

    private static String loadAverage() {
        try {
            final String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB memory";
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return "memory n/a";
    }
}
