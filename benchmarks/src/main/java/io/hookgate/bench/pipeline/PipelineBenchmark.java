package io.hookgate.bench.pipeline;

import io.hookgate.bench.BenchmarkRun;
import io.hookgate.bench.baseline.Baselines;
import io.hookgate.bench.broker.BrokerProcess;
import io.hookgate.bench.chart.Chart;
import io.hookgate.bench.chart.LinePanel;
import io.hookgate.bench.chart.Series;
import io.hookgate.bench.load.LoadProcess;
import io.hookgate.bench.load.LoadReport;
import io.hookgate.bench.load.SignedWebhooks;
import io.hookgate.bench.measure.Sampler;
import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.proc.FreePorts;
import io.hookgate.bench.proc.HookgateProcess;
import io.hookgate.bench.report.Report;
import io.hookgate.bench.sink.SinkProcess;
import io.hookgate.bench.sink.SinkStats;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code benchmarks/run pipeline}: the whole way from a provider's POST to a subscriber's
 * endpoint, through {@code hookgate dev} (its embedded broker, ingress, processor with
 * exactly-once and RocksDB dedup, dispatcher: one JVM, as a user runs it), configured with one
 * signed Standard Webhooks source and one subscription to a local sink. The load generator
 * ({@link io.hookgate.bench.load.LoadGenerator}) and the sink ({@link io.hookgate.bench.sink.Sink})
 * run in JVMs of their own.
 *
 * <ul>
 *   <li>Open loop: {@code --rate} signed webhooks per second for {@code --seconds} (after
 *       {@code --warmup} seconds at the same rate, not measured), each body carrying its
 *       scheduled send time; the sink records end-to-end latency (receive time minus send time).
 *       Prints p50/p95/p99/max, the achieved rate and the dev process's largest resident set
 *       ({@code VmRSS}, sampled every second over both phases). Goals: p50 at most 50 ms, p99 at most 300 ms, RSS at most 1 GiB.</li>
 *   <li>Fill and drain: {@code --fill-events} signed webhooks as fast as the ingress takes them
 *       ({@code --concurrency} in flight): the ingress's fill rate is the baseline, the rate
 *       delivered at the sink (first to last delivery) the figure. Goal: at least 0.95 of the fill
 *       rate. Also the machine's CPU busy share while draining. With {@code --thin-fill}, the same
 *       fill against a thin durable ingress on a broker process of its own, for context.</li>
 * </ul>
 *
 * <p>Options (defaults): {@code --rate 2000}, {@code --seconds 60}, {@code --warmup 10},
 * {@code --fill-events 200000}, {@code --concurrency 64}, {@code --body-bytes 1024},
 * {@code --partitions 3} (as {@code examples/dev.yaml}), {@code --max-in-flight 256} (the
 * subscription's), {@code --thin-fill} (on; {@code --no-thin-fill} skips it).
 * {@code BENCH_HOOKGATE_JAVA_OPTS} reaches the dev JVM (a JFR recording, say); the phases'
 * wall-clock windows are printed so a recording can be cut to them.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "hookgate dev end to end: open-loop latency and memory, then fill and drain.")
public final class PipelineBenchmark implements Callable<Integer> {

    private static final String PATH = "/pipeline";
    private static final Duration IDLE = Duration.ofSeconds(30);

    @Option(names = "--rate", defaultValue = "2000", description = "Open loop: webhooks per second. Default: ${DEFAULT-VALUE}.")
    private int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "Open loop: seconds measured. Default: ${DEFAULT-VALUE}.")
    private int seconds;

    @Option(names = "--warmup", defaultValue = "60", description = "Open loop: seconds at the same rate before, not measured (the JIT compilers take a minute or more of load to settle on 2 cores). Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--fill-events", defaultValue = "200000", description = "Fill and drain: webhooks; 0 skips it. Default: ${DEFAULT-VALUE}.")
    private long fillEvents;

    @Option(names = "--concurrency", defaultValue = "64", description = "Fill and drain: requests in flight. Default: ${DEFAULT-VALUE}.")
    private int concurrency;

    @Option(names = "--body-bytes", defaultValue = "1024", description = "Body size. Default: ${DEFAULT-VALUE}.")
    private int bodyBytes;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of every topic. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--max-in-flight", defaultValue = "256", description = "The subscription's maxInFlight. Default: ${DEFAULT-VALUE}.")
    private int maxInFlight;

    @Option(names = "--thin-fill", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Also fill a thin durable ingress on its own broker, for context. Default: ${DEFAULT-VALUE}.")
    private boolean thinFill;

    @Option(names = "--extra-config", description = "A top-level YAML line added to hookgate dev's config, such as "
        + "'processor: {threads: 2}'; repeatable.")
    private List<String> extraConfig = List.of();

    @Option(names = "--live", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "hookgate dev prints its live lines (--no-live: dev --quiet). Default: ${DEFAULT-VALUE}.")
    private boolean live;

    /** What the sink and the samplers saw of one phase. */
    private record Phase(LoadReport load, SinkStats sink, long fromMillis, long toMillis) {
    }

    @Override
    public Integer call() throws Exception {
        try (BenchmarkRun run = BenchmarkRun.start("pipeline")) {
            final Report report = run.report();
            final SinkProcess sink = SinkProcess.start(run.children(), run.jvm(), 1000);
            final int ingressPort = FreePorts.next();
            final Path config = run.writeFile("dev.yaml", config(run.tempDir("dev"), ingressPort, sink.url(PATH)));
            final ChildProcess dev = HookgateProcess.dev(run.children(), run.jvm(), "hookgate-dev", config, live);
            final String url = "http://127.0.0.1:" + ingressPort + "/webhooks/bench";
            report.line("pipeline benchmark: hookgate dev (pid %d; broker, ingress, processor, dispatcher in one JVM: %s), %d partitions, "
                + "%d B signed bodies, subscription maxInFlight %d; load generator and sink each in its own JVM", dev.pid(),
                String.join(" ", run.jvm().partFlags()), partitions, bodyBytes, maxInFlight);
            report.line("  live lines %s%s", live ? "on" : "off (--quiet)", extraConfig.isEmpty() ? "" : "; config added: " + String.join("; ", extraConfig));
            try (Sampler sampler = new Sampler(dev.pid())) {
                if (warmup > 0) {
                    final LoadReport warm = LoadProcess.open(run.children(), run.jvm(), "load-warmup", url, rate, warmup, "msg_warm_");
                    sink.await(s -> s.under(PATH).count(), warm.ok(), IDLE, Duration.ofMinutes(5));
                    sink.reset();
                }
                final Phase open = open(run, sink, url, report);
                final SinkStats.Latency latency = open.sink().latency();
                report.line("  open loop %s-%s: offered %d/s for %d s, sent %.0f/s, stored %d (non-2xx %d, errors %d), delivered %d; "
                        + "generator lag at worst %.1f ms; ingress answered p50 %.1f ms, p99 %.1f ms after the scheduled send",
                    clock(open.fromMillis()), clock(open.toMillis()), rate, seconds, open.load().sendRate(), open.load().ok(), open.load().non2xx(),
                    open.load().errors(), open.sink().under(PATH).count(), open.load().maxLagMillis(), ms(open.load().ackP50Micros()),
                    ms(open.load().ackP99Micros()));
                stages(report, latency);
                report.line("  machine CPU busy %.0f%%, hookgate dev %.2f cores, its RSS at most %.0f MiB",
                    sampler.busyPercent(open.fromMillis(), open.toMillis()), sampler.processCores(open.fromMillis(), open.toMillis()),
                    sampler.maxRssKib(open.fromMillis(), open.toMillis()) / 1024.0);

                Phase fill = null;
                double busy = Double.NaN;
                if (fillEvents > 0) {
                    sink.reset();
                    fill = fill(run, sink, url);
                    final SinkStats.PathStats delivered = fill.sink().under(PATH);
                    final long drainFrom = delivered.firstMicros() / 1000;
                    final long drainTo = delivered.lastMicros() / 1000;
                    busy = sampler.busyPercent(drainFrom, drainTo);
                    report.line("  fill and drain %s-%s: %d sent, %d stored (non-2xx %d, errors %d) in %.1f s; %d delivered in %.1f s "
                            + "(first to last delivery)", clock(fill.fromMillis()), clock(fill.toMillis()), fill.load().sent(), fill.load().ok(),
                        fill.load().non2xx(), fill.load().errors(), (fill.load().lastDoneMicros() - fill.load().firstSendMicros()) / 1e6,
                        delivered.count(), delivered.seconds());
                    report.line("  while draining: machine CPU busy %.0f%%, hookgate dev %.2f cores, its RSS at most %.0f MiB", busy,
                        sampler.processCores(drainFrom, drainTo), sampler.maxRssKib(drainFrom, drainTo) / 1024.0);
                    stages(report, fill.sink().latency());
                }
                final double rss = sampler.maxRssKib(open.fromMillis(), fill == null ? open.toMillis() : fill.toMillis()) / 1024.0;
                run.children().stop(dev);
                double thinRate = Double.NaN;
                if (fill != null && thinFill) {
                    thinRate = thinFill(run);
                    report.line("  context: a thin durable ingress on a broker process of its own stored %.0f/s with the same load", thinRate);
                }
                report.result("pipeline open loop: %.0f events/s achieved (offered %d/s; delivered %.0f/s), end-to-end p50 %.1f ms, "
                        + "p95 %.1f ms, p99 %.1f ms, max %.1f ms (goals p50 <= 50, p99 <= 300); hookgate dev RSS at most %.0f MiB over the run "
                        + "(goal <= 1024)", open.load().okSendRate(), rate, open.sink().under(PATH).rate(), ms(latency.p50()), ms(latency.p95()),
                    ms(latency.p99()), ms(latency.max()), rss);
                if (fill != null) {
                    final SinkStats.PathStats delivered = fill.sink().under(PATH);
                    report.result("pipeline fill and drain: ingress fill %.0f events/s, delivered %.0f events/s, ratio %.2f (goal >= 0.95); "
                            + "CPU busy %.0f%% while draining%s", fill.load().okRate(), delivered.rate(), delivered.rate() / fill.load().okRate(),
                        busy, Double.isNaN(thinRate) ? "" : String.format("; thin durable ingress fill %.0f events/s (context)", thinRate));
                }
                report.finish(chart(open, fill, sampler, thinRate, run));
            }
        }
        return 0;
    }

    private Phase open(final BenchmarkRun run, final SinkProcess sink, final String url, final Report report) throws Exception {
        final long from = System.currentTimeMillis();
        final LoadReport load = LoadProcess.open(run.children(), run.jvm(), "load-open", url, rate, seconds, "msg_open_");
        final SinkStats stats = sink.await(s -> s.under(PATH).count(), load.ok(), IDLE, Duration.ofMinutes(5));
        final long to = System.currentTimeMillis();
        if (stats.under(PATH).count() < load.ok()) {
            report.line("  WARNING: %d of %d stored events were delivered", stats.under(PATH).count(), load.ok());
        }
        return new Phase(load, stats, from, to);
    }

    private Phase fill(final BenchmarkRun run, final SinkProcess sink, final String url) throws Exception {
        final long from = System.currentTimeMillis();
        final LoadReport load = LoadProcess.closed(run.children(), run.jvm(), "load-fill", url, fillEvents, concurrency, "msg_fill_",
            Duration.ofMinutes(30));
        final SinkStats stats = sink.await(s -> s.under(PATH).count(), load.ok(), IDLE, Duration.ofMinutes(30));
        return new Phase(load, stats, from, System.currentTimeMillis());
    }

    /** The same fill against a thin durable ingress on a broker of its own: what storing alone costs on this machine. */
    private double thinFill(final BenchmarkRun run) throws Exception {
        final BrokerProcess broker = BrokerProcess.start(run.children(), run.jvm(), "thin-broker", run.tempDir("thin-broker"));
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("thin.raw", partitions, (short) 1))).all().get();
        }
        final int port = Baselines.thinIngress(run.children(), run.jvm(), "thin-ingress", broker.bootstrapServers(), "thin.raw");
        final LoadReport load = LoadProcess.closed(run.children(), run.jvm(), "load-thin", "http://127.0.0.1:" + port + "/", fillEvents,
            concurrency, "msg_thin_", Duration.ofMinutes(30));
        return load.okRate();
    }

    private String config(final Path dataDir, final int ingressPort, final String sinkUrl) {
        return """
            # Generated by benchmarks/run pipeline: one signed source, one subscription to the sink.
            kafka: {bootstrapServers: "127.0.0.1:%d", topicPrefix: "hookgate.", partitions: %d}
            ingress: {host: 127.0.0.1, port: %d}
            admin: {host: 127.0.0.1, port: %d}
            sources:
              bench: {provider: standard-webhooks, secrets: ["%s"]}
            subscriptions:
              sink: {url: "%s", allowInsecureUrl: true, sources: [bench], secret: "%s", timeout: 10s, maxInFlight: %d}
            dispatch: {retryDelays: [5s, 30s]}
            dev: {dataDir: "%s", controllerPort: %d, receiverPort: 0}
            """.formatted(FreePorts.next(), partitions, ingressPort, FreePorts.next(), SignedWebhooks.SECRET, sinkUrl, SignedWebhooks.SECRET,
            maxInFlight, dataDir, FreePorts.next()) + String.join("\n", extraConfig) + (extraConfig.isEmpty() ? "" : "\n");
    }

    private Chart chart(final Phase open, final Phase fill, final Sampler sampler, final double thinRate, final BenchmarkRun run) {
        final long openSecond = open.fromMillis() / 1000;
        final Series.Builder p50 = Series.named("p50");
        final Series.Builder p99 = Series.named("p99");
        final Series.Builder max = Series.named("max");
        for (SinkStats.Second second : open.sink().latency().perSecond()) {
            p50.add(second.epochSecond() - openSecond, ms(second.p50()));
            p99.add(second.epochSecond() - openSecond, ms(second.p99()));
            max.add(second.epochSecond() - openSecond, ms(second.max()));
        }
        final SinkStats.Latency latency = open.sink().latency();
        final Chart chart = new Chart("Pipeline: hookgate dev end to end")
            .note(String.format("open loop %d/s for %d s: end-to-end p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (goals p50 50, p99 300)",
                rate, seconds, ms(latency.p50()), ms(latency.p95()), ms(latency.p99()), ms(latency.max())))
            .note(String.format("hookgate dev (%s) RSS at most %.0f MiB over the run (goal 1024); load generator and sink each in its own JVM",
                String.join(" ", run.jvm().partFlags()), sampler.maxRssKib(open.fromMillis(), fill == null ? open.toMillis() : fill.toMillis())
                    / 1024.0));
        if (fill != null) {
            final SinkStats.PathStats delivered = fill.sink().under(PATH);
            chart.note(String.format("fill and drain %d events: ingress fill %.0f/s, delivered %.0f/s, ratio %.2f (goal 0.95)%s", fillEvents,
                fill.load().okRate(), delivered.rate(), delivered.rate() / fill.load().okRate(),
                Double.isNaN(thinRate) ? "" : String.format("; thin durable ingress fill %.0f/s", thinRate)));
        }
        chart.add(new LinePanel("Open loop: end-to-end latency per second", "seconds since the open loop started", "ms", List.of(p50.build(), p99.build(), max.build())));
        if (fill != null) {
            final long fillSecond = fill.fromMillis() / 1000;
            chart.add(new LinePanel("Fill and drain: events per second", "seconds since the fill started", "events/s", List.of(
                perSecond("stored by the ingress", fill.load().okPerSecond(), fillSecond),
                perSecond("delivered to the sink", fill.sink().under(PATH).buckets(), fillSecond))));
        }
        final long end = fill == null ? open.toMillis() : fill.toMillis();
        final Series.Builder busy = Series.named("machine CPU busy %");
        final Series.Builder rss = Series.named("hookgate dev RSS (MiB)");
        final List<Sampler.Sample> samples = sampler.samples();
        for (int i = 1; i < samples.size(); i++) {
            final Sampler.Sample previous = samples.get(i - 1);
            final Sampler.Sample sample = samples.get(i);
            if (sample.epochMillis() < open.fromMillis() || sample.epochMillis() > end) {
                continue;
            }
            final double x = (sample.epochMillis() - open.fromMillis()) / 1000.0;
            busy.add(x, 100.0 * (sample.busy() - previous.busy()) / Math.max(1, sample.total() - previous.total()));
            if (sample.rssKib() > 0) {
                rss.add(x, sample.rssKib() / 1024.0);
            }
        }
        chart.add(new LinePanel("Machine CPU busy (%)", "seconds since the open loop started (the fill follows it)", "%",
            List.of(busy.build())));
        return chart.add(new LinePanel("hookgate dev resident memory (MiB)", "seconds since the open loop started (the fill follows it)",
            "MiB", List.of(rss.build())));
    }

    /** Counts by epoch second as a series from {@code origin}, seconds without any drawn as zero. */
    private static Series perSecond(final String name, final Map<Long, Long> counts, final long origin) {
        final Series.Builder series = Series.named(name);
        if (!counts.isEmpty()) {
            final long first = counts.keySet().stream().mapToLong(Long::longValue).min().orElse(origin);
            final long last = counts.keySet().stream().mapToLong(Long::longValue).max().orElse(origin);
            for (long second = first; second <= last; second++) {
                series.add(second - origin, counts.getOrDefault(second, 0L));
            }
        }
        return series.build();
    }

    /** The stage lines of {@code latency}, if the sink saw envelopes. */
    private static void stages(final Report report, final SinkStats.Latency latency) {
        if (latency != null) {
            latency.stages().forEach((stage, times) -> report.line("  stage %-20s p50 %9.1f ms, p99 %9.1f ms, max %9.1f ms", stage,
                ms(times.p50()), ms(times.p99()), ms(times.max())));
        }
    }

    private static double ms(final long micros) {
        return micros / 1000.0;
    }

    private static String clock(final long epochMillis) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
