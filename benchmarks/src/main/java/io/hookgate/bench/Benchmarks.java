package io.hookgate.bench;

import io.hookgate.bench.dedup.DedupBenchmark;
import io.hookgate.bench.dispatch.DispatchBenchmark;
import io.hookgate.bench.dlq.DlqListingBenchmark;
import io.hookgate.bench.ingress.IngressBenchmark;
import io.hookgate.bench.jfr.JfrTopFrames;
import io.hookgate.bench.pipeline.PipelineBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code benchmarks/run <benchmark> [options]}: each benchmark starts a broker and what it
 * measures in processes of their own, prints its figures and a {@code RESULT} line with the
 * ratio to its baseline, and draws a chart under {@code benchmarks/results/}. {@code --help} on
 * a benchmark lists its options and their defaults.
 */
@Command(name = "benchmarks/run", mixinStandardHelpOptions = true,
    description = "hookgate benchmarks, each beside a baseline in a process of its own.",
    subcommands = {PipelineBenchmark.class, IngressBenchmark.class, DispatchBenchmark.class, DedupBenchmark.class, DlqListingBenchmark.class, io.hookgate.bench.breaker.BreakerBenchmark.class,
        JfrTopFrames.class})
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new Benchmarks()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
