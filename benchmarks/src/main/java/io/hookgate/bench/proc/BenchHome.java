package io.hookgate.bench.proc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a benchmark run finds what it starts and puts what it writes: the repository root
 * ({@code -Dhookgate.home}, set by {@code benchmarks/run}), the app jar the hookgate parts run
 * from, this JVM's class path for the harness's own child processes, and the results directory.
 *
 * @param root  the repository root
 * @param runId {@code <benchmark>-<timestamp>}: the name of this run's chart, summary and logs
 */
public record BenchHome(Path root, String runId) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** The home of a run of {@code benchmark} starting now. */
    public static BenchHome of(final String benchmark) {
        final String home = System.getProperty("hookgate.home", ".");
        return new BenchHome(Path.of(home).toAbsolutePath().normalize(), benchmark + "-" + LocalDateTime.now().format(STAMP));
    }

    /** The runnable jar of the {@code hookgate} command. */
    public Path appJar() {
        final Path jar = root.resolve("app/target/hookgate.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -DskipTests -pl benchmarks,app -am package");
        }
        return jar;
    }

    /** {@code benchmarks/results}, created if missing. */
    public Path results() {
        return created(root.resolve("benchmarks/results"));
    }

    /** This run's chart. */
    public Path chart() {
        return results().resolve(runId + ".svg");
    }

    /** This run's printed figures. */
    public Path summary() {
        return results().resolve(runId + ".txt");
    }

    /** The directory of this run's child process logs and generated configuration files. */
    public Path workDir() {
        return created(results().resolve(runId));
    }

    /** The java binary of this JVM, for the children. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** This JVM's class path: the benchmark jar and its libraries. */
    public static String classPath() {
        return System.getProperty("java.class.path");
    }

    private static Path created(final Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
