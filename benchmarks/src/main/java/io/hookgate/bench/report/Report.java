package io.hookgate.bench.report;

import io.hookgate.bench.chart.Chart;
import io.hookgate.bench.proc.BenchHome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark run prints: progress and figures on stdout, also kept in
 * {@code benchmarks/results/<run>.txt} beside the chart {@code <run>.svg}; the {@code RESULT}
 * lines are the figures a reader compares across runs.
 */
public final class Report {

    private final BenchHome home;
    private final List<String> lines = new ArrayList<>();

    public Report(final BenchHome home) {
        this.home = home;
    }

    /** Prints a formatted line. */
    public synchronized void line(final String format, final Object... args) {
        final String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }

    /** Prints a {@code RESULT} line. */
    public void result(final String format, final Object... args) {
        line("RESULT " + format, args);
    }

    /** Writes the chart and the summary of this run, and says where they are. */
    public void finish(final Chart chart) {
        final Path svg = chart.write(home.chart());
        line("chart:   %s", home.root().relativize(svg));
        line("logs:    %s", home.root().relativize(home.workDir()));
        try {
            Files.write(home.summary(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("summary: " + home.root().relativize(home.summary()));
    }
}
