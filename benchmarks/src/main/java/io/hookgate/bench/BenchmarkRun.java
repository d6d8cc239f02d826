package io.hookgate.bench;

import io.hookgate.bench.measure.Machine;
import io.hookgate.bench.proc.BenchHome;
import io.hookgate.bench.proc.Children;
import io.hookgate.bench.proc.JvmCommand;
import io.hookgate.bench.report.Report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a benchmark holds: where it writes, the processes it started (all stopped when
 * the run closes), how it starts JVMs, and what it prints.
 */
public final class BenchmarkRun implements AutoCloseable {

    private final BenchHome home;
    private final Children children;
    private final JvmCommand jvm;
    private final Report report;
    private final List<Path> tempDirs = new ArrayList<>();

    private BenchmarkRun(final BenchHome home) {
        this.home = home;
        this.children = new Children(home);
        this.jvm = new JvmCommand(home, System.getenv());
        this.report = new Report(home);
    }

    /** A run of {@code benchmark} starting now; prints what machine it runs on. */
    public static BenchmarkRun start(final String benchmark) {
        final BenchmarkRun run = new BenchmarkRun(BenchHome.of(benchmark));
        run.report.line("machine: %s", Machine.describe());
        return run;
    }

    public BenchHome home() {
        return home;
    }

    public Children children() {
        return children;
    }

    public JvmCommand jvm() {
        return jvm;
    }

    public Report report() {
        return report;
    }

    /** Writes {@code text} as {@code name} in this run's work directory (a generated configuration, say). */
    public Path writeFile(final String name, final String text) {
        try {
            return Files.writeString(home.workDir().resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh directory for data (a broker's log, a state store) under the system's temporary
     * directory, deleted when the run closes.
     */
    public Path tempDir(final String name) {
        try {
            final Path directory = Files.createTempDirectory("hookgate-bench-" + name + "-");
            tempDirs.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every process of the run, then deletes its temporary directories. */
    @Override
    public void close() {
        children.close();
        for (Path directory : tempDirs) {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + directory + ": " + e.getMessage());
            }
        }
    }
}
