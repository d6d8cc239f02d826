package io.hookgate.bench.dedup;

import io.hookgate.bench.BenchmarkRun;
import io.hookgate.bench.chart.BarPanel;
import io.hookgate.bench.chart.Chart;
import io.hookgate.bench.chart.LinePanel;
import io.hookgate.bench.chart.Series;
import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.report.Report;
import io.hookgate.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code benchmarks/run dedup}: whether deduplication slows down as its store grows. The
 * processor's real topology runs in a {@code TopologyTestDriver} with its real RocksDB stores
 * ({@link DedupRun}), once with {@code --small-keys} dedup keys stored (the baseline) and once
 * with {@code --keys}, each in a JVM of its own with the flags of a hookgate part; then
 * {@code --events} new signed webhooks are piped through verify, repartition, deduplicate,
 * publish and fan-out, timed. Figure: events per second with the large store, against the
 * small one. Goal: at least 0.8. This measures the topology's own work on one thread (signature,
 * RocksDB reads and writes, serialisation), not Kafka's IO or commits: the pipeline benchmark
 * measures those.
 *
 * <p>Options (defaults): {@code --keys 10000000} (the prefill takes a while; its time is
 * printed), {@code --small-keys 10000}, {@code --events 100000}, {@code --body-bytes 1024}.
 */
@Command(name = "dedup", mixinStandardHelpOptions = true,
    description = "The processor topology with 10M stored dedup keys vs 10k (TopologyTestDriver, real RocksDB).")
public final class DedupBenchmark implements Callable<Integer> {

    private static final Pattern REPORT = Pattern.compile("^REPORT (\\{.*\\})$");
    private static final Pattern PROGRESS = Pattern.compile("^stored \\d+ keys");

    @Option(names = "--keys", defaultValue = "10000000", description = "Dedup keys stored in the measured run. Default: ${DEFAULT-VALUE}.")
    private long keys;

    @Option(names = "--small-keys", defaultValue = "10000", description = "Dedup keys stored in the baseline run. Default: ${DEFAULT-VALUE}.")
    private long smallKeys;

    @Option(names = "--events", defaultValue = "100000", description = "New signed events timed in each. Default: ${DEFAULT-VALUE}.")
    private long events;

    @Option(names = "--body-bytes", defaultValue = "1024", description = "Body size. Default: ${DEFAULT-VALUE}.")
    private int bodyBytes;

    @Override
    public Integer call() throws Exception {
        try (BenchmarkRun run = BenchmarkRun.start("dedup")) {
            final Report report = run.report();
            report.line("dedup benchmark: processor topology in a TopologyTestDriver with RocksDB state, %d new %d B signed events after "
                + "%d and after %d stored keys, each in its own JVM (%s); no broker: the node's work, not Kafka IO", events, bodyBytes,
                smallKeys, keys, String.join(" ", run.jvm().partFlags()));
            final DedupReport small = measure(run, smallKeys);
            print(report, small);
            final DedupReport large = measure(run, keys);
            print(report, large);
            final double ratio = large.rate() / small.rate();
            report.result("dedup: %.0f events/s with %d keys stored, %.0f events/s with %d, ratio %.2f (goal >= 0.80); storing the %d keys "
                + "took %.0f s", large.rate(), keys, small.rate(), smallKeys, ratio, keys, large.prefillSeconds());
            report.finish(chart(small, large, ratio));
        }
        return 0;
    }

    private DedupReport measure(final BenchmarkRun run, final long stored) throws InterruptedException {
        final ChildProcess process = run.children().start("dedup-" + stored, run.jvm().baseline(DedupRun.class, "--keys",
            Long.toString(stored), "--events", Long.toString(events), "--body-bytes", Integer.toString(bodyBytes), "--state-dir",
            run.tempDir("dedup-" + stored).toString()));
        process.onLine(PROGRESS, line -> run.report().line("  %s", line));
        try {
            // Storing ten million keys takes minutes; allow for a slow machine.
            final String json = process.awaitLine(REPORT, Duration.ofMinutes(30).plusSeconds(stored / 2000)).group(1);
            return Json.read(json.getBytes(StandardCharsets.UTF_8), DedupReport.class);
        } finally {
            run.children().stop(process);
        }
    }

    private static void print(final Report report, final DedupReport run) {
        report.line("  %,d keys stored in %.1f s (%.0f/s); %d events in %.2f s: %.0f events/s; published %d, rejected %d; "
                + "dedup-seen ~%,d keys, state %.0f MiB", run.keys(), run.prefillSeconds(), run.keys() / Math.max(1e-9, run.prefillSeconds()),
            run.events(), run.seconds(), run.rate(), run.verified(), run.rejected(), run.storeEntries(), run.stateBytes() / 1048576.0);
    }

    private Chart chart(final DedupReport small, final DedupReport large, final double ratio) {
        final Series.Builder smallBatches = Series.named(String.format("%,d keys stored", small.keys()));
        final Series.Builder largeBatches = Series.named(String.format("%,d keys stored", large.keys()));
        long piped = 0;
        for (double batchRate : small.batchRates()) {
            piped += events / small.batchRates().size();
            smallBatches.add(piped, batchRate);
        }
        piped = 0;
        for (double batchRate : large.batchRates()) {
            piped += events / large.batchRates().size();
            largeBatches.add(piped, batchRate);
        }
        return new Chart("Dedup: the processor topology with a large store vs a small one")
            .note(String.format("%d new signed events through verify, repartition, dedup, publish, fan-out; %.2f of the small store's rate "
                + "(goal 0.80)", events, ratio))
            .note(String.format("TopologyTestDriver with real RocksDB stores, one thread, no broker; storing %,d keys took %.0f s",
                large.keys(), large.prefillSeconds()))
            .add(new BarPanel("Events per second", "events/s", List.of(
                new BarPanel.Bar(String.format("%,d keys stored", small.keys()), small.rate(), 1, ""),
                new BarPanel.Bar(String.format("%,d keys stored", large.keys()), large.rate(), 0, String.format("(%.2fx)", ratio)))))
            .add(new LinePanel("Events per second, batch by batch", "events piped", "events/s", List.of(largeBatches.build(),
                smallBatches.build())));
    }
}
