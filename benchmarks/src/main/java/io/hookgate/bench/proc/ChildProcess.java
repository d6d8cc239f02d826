package io.hookgate.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process a benchmark started: its output (stdout and stderr together) goes to a log file
 * and is kept so the benchmark can wait for a line; it stops by closing its stdin (the broker),
 * then SIGTERM (a hookgate part stops gracefully on it), then SIGKILL.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ChildProcess(final String name, final Process process, final Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pump = new Thread(this::pump, "output-of-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code command}, its output logged to {@code log}. */
    public static ChildProcess start(final String name, final List<String> command, final Path log) {
        try {
            Files.writeString(log, "# " + String.join(" ", command) + "\n");
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                 java.nio.file.StandardOpenOption.APPEND), true)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.println(line);
                for (Listener listener : listeners) {
                    if (listener.pattern().matcher(line).find()) {
                        listener.consumer().accept(line);
                    }
                }
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process is gone; what it said is in the log.
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** A line of output and who wants to see it. */
    private record Listener(Pattern pattern, Consumer<String> consumer) {
    }

    /** From now on, hands every line of output that {@code pattern} finds something in to {@code consumer} (progress, say). */
    public void onLine(final Pattern pattern, final Consumer<String> consumer) {
        listeners.add(new Listener(pattern, consumer));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for a line of output that {@code pattern} finds something in.
     *
     * @return the match
     * @throws IllegalStateException when the process exits or {@code timeout} passes first, with its last lines
     */
    public Matcher awaitLine(final Pattern pattern, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int next = 0;
        synchronized (this) {
            while (true) {
                for (; next < lines.size(); next++) {
                    final Matcher matcher = pattern.matcher(lines.get(next));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !pump.isAlive())) {
                    throw new IllegalStateException(name + (process.isAlive() ? " did not print /" + pattern + "/ within "
                        + timeout.toSeconds() + " s" : " exited (" + process.exitValue() + ")") + "; its last lines ("
                        + log + "):\n" + tail(30));
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
        }
    }

    /** Writes {@code line} to the process's stdin. */
    public void send(final String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to " + name + ": " + e.getMessage(), e);
        }
    }

    /** The last {@code count} lines of output. */
    public synchronized String tail(final int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Stops the process: stdin closed, then SIGTERM, then SIGKILL, each after a grace period. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            pump.join(2000);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
