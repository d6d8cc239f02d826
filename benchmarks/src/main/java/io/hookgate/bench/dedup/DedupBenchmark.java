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
 * with {@code --keys}, each in a JVM of its own with the flags of a hookgate part (both store
 * their keys at the same time; that is not timed). Then {@code --events} new signed webhooks
 * are piped through verify, repartition, deduplicate, publish and fan-out in batches of 10,000,
 * after {@code --warmup-events} untimed ones (the JIT's warm-up), the two runs taking turns
 * batch by batch so that a change in the machine's load hits both alike. Figure: events per
 * second with the large store, against the small one. Goal: at least 0.8. This measures the
 * topology's own work on one thread (signature, RocksDB reads and writes, serialisation), not
 * Kafka's IO or commits: the pipeline benchmark measures those.
 *
 * <p>Options (defaults): {@code --keys 10000000} (the prefill takes a while; its time is
 * printed), {@code --small-keys 10000}, {@code --events 100000}, {@code --warmup-events 20000},
 * {@code --body-bytes 1024}.
 */
@Command(name = "dedup", mixinStandardHelpOptions = true,
    description = "The processor topology with 10M stored dedup keys vs 10k (TopologyTestDriver, real RocksDB).")
public final class DedupBenchmark implements Callable<Integer> {

    private static final Pattern REPORT = Pattern.compile("^REPORT (\\{.*\\})$");
    private static final Pattern PROGRESS = Pattern.compile("^stored \\d+ keys");
    private static final Pattern READY = Pattern.compile("^READY$");
    private static final int BATCH = 10_000;

    @Option(names = "--keys", defaultValue = "10000000", description = "Dedup keys stored in the measured run. Default: ${DEFAULT-VALUE}.")
    private long keys;

    @Option(names = "--small-keys", defaultValue = "10000", description = "Dedup keys stored in the baseline run. Default: ${DEFAULT-VALUE}.")
    private long smallKeys;

    @Option(names = "--events", defaultValue = "100000", description = "New signed events timed in each. Default: ${DEFAULT-VALUE}.")
    private long events;

    @Option(names = "--warmup-events", defaultValue = "20000", description = "New signed events piped first in each, untimed. Default: ${DEFAULT-VALUE}.")
    private long warmupEvents;

    @Option(names = "--body-bytes", defaultValue = "1024", description = "Body size. Default: ${DEFAULT-VALUE}.")
    private int bodyBytes;

    @Override
    public Integer call() throws Exception {
        try (BenchmarkRun run = BenchmarkRun.start("dedup")) {
            final Report report = run.report();
            report.line("dedup benchmark: processor topology in a TopologyTestDriver with RocksDB state, %d new %d B signed events after "
                + "%d and after %d stored keys, each in its own JVM (%s); no broker: the node's work, not Kafka IO", events, bodyBytes,
                smallKeys, keys, String.join(" ", run.jvm().partFlags()));
            final ChildProcess smallRun = start(run, smallKeys);
            final ChildProcess largeRun = start(run, keys);
            smallRun.awaitLine(READY, Duration.ofMinutes(10));
            largeRun.awaitLine(READY, prefillTimeout(keys));
            for (long warm = BATCH; warm <= warmupEvents; warm += BATCH) {
                for (ChildProcess side : List.of(smallRun, largeRun)) {
                    side.send("warmup");
                    side.awaitLine(Pattern.compile("^WARMUP " + warm + "$"), Duration.ofMinutes(10));
                }
            }
            // Batch by batch, in turns (which one goes first alternating), so a change in the machine's load hits both alike.
            final long batches = Math.max(1, (events + BATCH - 1) / BATCH);
            for (long batch = 0; batch < batches; batch++) {
                final List<ChildProcess> order = batch % 2 == 0 ? List.of(smallRun, largeRun) : List.of(largeRun, smallRun);
                for (ChildProcess side : order) {
                    side.send("batch");
                    side.awaitLine(Pattern.compile("^BATCH " + batch + " "), Duration.ofMinutes(10));
                }
            }
            final DedupReport small = finish(run, smallRun);
            print(report, small);
            final DedupReport large = finish(run, largeRun);
            print(report, large);
            final double ratio = large.rate() / small.rate();
            report.result("dedup: %.0f events/s with %d keys stored, %.0f events/s with %d, ratio %.2f (goal >= 0.80); storing the %d keys "
                + "took %.0f s", large.rate(), keys, small.rate(), smallKeys, ratio, keys, large.prefillSeconds());
            report.finish(chart(small, large, ratio));
        }
        return 0;
    }

    /** Starts a {@link DedupRun} that stores {@code stored} keys, then waits for batches. */
    private ChildProcess start(final BenchmarkRun run, final long stored) {
        final ChildProcess process = run.children().start("dedup-" + stored, run.jvm().baseline(DedupRun.class, "--keys",
            Long.toString(stored), "--batch-events", Integer.toString(BATCH), "--body-bytes", Integer.toString(bodyBytes), "--state-dir",
            run.tempDir("dedup-" + stored).toString()));
        process.onLine(PROGRESS, line -> run.report().line("  %s", line));
        return process;
    }

    /** Storing ten million keys takes minutes; allow for a slow machine. */
    private static Duration prefillTimeout(final long stored) {
        return Duration.ofMinutes(30).plusSeconds(stored / 1000);
    }

    private static DedupReport finish(final BenchmarkRun run, final ChildProcess process) throws InterruptedException {
        try {
            process.send("report");
            final String json = process.awaitLine(REPORT, Duration.ofMinutes(5)).group(1);
            return Json.read(json.getBytes(StandardCharsets.UTF_8), DedupReport.class);
        } finally {
            run.children().stop(process);
        }
    }

    private static void print(final Report report, final DedupReport run) {
        report.line("  %,d keys stored in %.1f s (%.0f/s); %d events in %.2f s after %d untimed: %.0f events/s; published %d, rejected %d; "
                + "dedup-seen ~%,d keys, state %.0f MiB", run.keys(), run.prefillSeconds(), run.keys() / Math.max(1e-9, run.prefillSeconds()),
            run.events(), run.seconds(), run.warmupEvents(), run.rate(), run.verified(), run.rejected(), run.storeEntries(),
            run.stateBytes() / 1048576.0);
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
