package io.hookgate.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code hookgate} command in a child JVM, for tests that must kill a process for real:
 * {@link #kill()} is SIGKILL, with no shutdown hook, no flush and no commit.
 */
public final class ChildHookgate implements AutoCloseable {

    private static final int OUTPUT_LINES_ON_FAILURE = 150;

    private final Process process;
    private final Path log;

    private ChildHookgate(final Process process, final Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code hookgate args...} with this JVM's classpath, its output in {@code log}. */
    public static ChildHookgate start(final Path log, final String... args) throws IOException {
        return start(log, java.util.Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code environment} added to the child's. */
    public static ChildHookgate start(final Path log, final java.util.Map<String, String> environment, final String... args)
        throws IOException {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-XX:+UseSerialGC", "-Dorg.jboss.logging.provider=slf4j",
            "-cp", System.getProperty("java.class.path"), "io.hookgate.app.Hookgate"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        final Process process = builder.start();
        return new ChildHookgate(process, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit code. */
    public int waitFor() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the hookgate command did not end within 120 s");
        }
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to close anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the graceful stop. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    /**
     * Waits up to {@code timeout} until the child printed {@code text}; fails with the last lines of its
     * output if it exits first or the time runs out, so a failure says where the child stood.
     */
    public void awaitOutput(final String text, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the hookgate command exited (" + process.exitValue() + ") before printing '" + text
                    + "'; its last output:\n" + lastLines(OUTPUT_LINES_ON_FAILURE));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the hookgate command did not print '" + text + "' within " + timeout.toSeconds()
                    + " s; its last output:\n" + lastLines(OUTPUT_LINES_ON_FAILURE));
            }
            Thread.sleep(200);
        }
    }

    /** The last {@code count} lines the child printed. */
    private String lastLines(final int count) throws IOException {
        final List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

}
