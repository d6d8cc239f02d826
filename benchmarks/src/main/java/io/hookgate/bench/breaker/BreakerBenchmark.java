package io.hookgate.bench.breaker;

import io.hookgate.bench.BenchmarkRun;
import io.hookgate.bench.broker.BrokerProcess;
import io.hookgate.bench.chart.Chart;
import io.hookgate.bench.dispatch.DispatcherYaml;
import io.hookgate.bench.dispatch.TaskPreload;
import io.hookgate.bench.measure.Sampler;
import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.proc.HookgateProcess;
import io.hookgate.bench.report.Report;
import io.hookgate.bench.sink.SinkProcess;
import io.hookgate.bench.sink.SinkStats;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code benchmarks/run breaker}: one of ten endpoints down while tasks arrive at {@code --rate} a
 * second round-robin over ten subscriptions (issue 13). The down subscription's sink path answers
 * {@code 503} for {@code --outage}, then {@code 200} for {@code --after}. Breakers at their defaults
 * (20 failures in 1 min open it, a probe every 30 s), {@code dispatch.parkFor} 30 s. Figures: the
 * attempts the down endpoint received during the outage (goal: about one per probe interval beyond
 * the ones that opened it), the nine healthy subscriptions' delivered rate over their offered rate
 * (goal at least 0.95), the down subscription's catch-up after it recovers (none lost), and the park
 * topic's peak size on disk and the records written to it. Broker, sink and dispatcher each in a
 * JVM of its own.
 */
@Command(name = "breaker", mixinStandardHelpOptions = true,
    description = "One of ten endpoints down for --outage at --rate tasks/s: breaker attempts, the nine's rate, catch-up, park topic size.")
public final class BreakerBenchmark implements Callable<Integer> {

    private static final int SUBSCRIPTIONS = 10;
    private static final long BUCKET_MS = 1000;
    private static final Duration PROBE_EVERY = Duration.ofSeconds(30);
    private static final Pattern ADMIN_PORT = Pattern.compile("admin port (\\d+)");

    @Option(names = "--rate", defaultValue = "500", description = "Tasks written per second, round-robin. Default: ${DEFAULT-VALUE}.")
    private double rate;

    @Option(names = "--outage", defaultValue = "10m", converter = DurationConverter.class,
        description = "How long the first subscription's endpoint answers 503. Default: ${DEFAULT-VALUE}.")
    private Duration outage;

    @Option(names = "--after", defaultValue = "2m", converter = DurationConverter.class,
        description = "Traffic after it recovered. Default: ${DEFAULT-VALUE}.")
    private Duration after;

    @Option(names = "--payload-bytes", defaultValue = "1024", description = "Provider payload in each envelope. Default: ${DEFAULT-VALUE}.")
    private int payloadBytes;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the topics. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Override
    public Integer call() throws Exception {
        try (BenchmarkRun run = BenchmarkRun.start("breaker")) {
            final Report report = run.report();
            final BrokerProcess broker = BrokerProcess.start(run.children(), run.jvm(), "broker", run.tempDir("broker"));
            final SinkProcess sink = SinkProcess.start(run.children(), run.jvm(), BUCKET_MS);
            report.line("breaker benchmark: %.0f tasks/s round-robin over %d subscriptions (%.0f/s each) for %d s with sub0's endpoint "
                + "answering 503, then %d s with it healthy; breaker {failures: 20, window: 1m, probeEvery: 30s} (the defaults), "
                + "dispatch.parkFor 30s (the default); broker, sink and dispatcher each in its own JVM", rate, SUBSCRIPTIONS,
                rate / SUBSCRIPTIONS, outage.toSeconds(), after.toSeconds());
            final String prefix = "br.";
            final Topics topics = new Topics(prefix);
            final List<String> subscriptions = IntStream.range(0, SUBSCRIPTIONS).mapToObj(i -> "sub" + i).toList();
            final String yaml = yaml(broker, prefix, sink);
            final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(yaml);
            try (Admin admin = broker.admin()) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(topics.all(config));
            }
            final ChildProcess dispatcher = HookgateProcess.part(run.children(), run.jvm(), "hookgate-dispatcher", "dispatcher",
                run.writeFile("dispatcher.yaml", yaml));
            dispatcher.awaitLine(ADMIN_PORT, Duration.ofMinutes(2));

            final long total = (long) (rate * (outage.toSeconds() + after.toSeconds()));
            final TaskPreload preload = new TaskPreload(broker.bootstrapServers(), payloadBytes);
            final Thread writer = new Thread(() -> preload.write(0, total, subscriptions, List.of(topics.dispatch()), rate), "writer");
            final AtomicLong peakParkedBytes = new AtomicLong();
            final Thread parkSampler = new Thread(() -> sampleParked(broker, topics.parked(), peakParkedBytes), "park-sampler");
            parkSampler.setDaemon(true);
            try (Sampler sampler = new Sampler(dispatcher.pid())) {
                final long startMs = System.currentTimeMillis();
                writer.start();
                parkSampler.start();
                Thread.sleep(outage.toMillis());
                final SinkStats atHeal = sink.stats();
                sink.heal();
                final long healMs = System.currentTimeMillis();
                writer.join();
                final long downTasks = (total + SUBSCRIPTIONS - 1) / SUBSCRIPTIONS;
                final SinkStats end = sink.await(s -> s.under("/down").count(), downTasks, Duration.ofSeconds(90), outage.plus(after));
                final long endMs = System.currentTimeMillis();
                parkSampler.interrupt();
                Thread.sleep(1100);

                // (a) attempts on the down endpoint during the outage.
                final SinkStats.PathStats failed = atHeal.under("/failed");
                final long sentDownDuringOutage = (long) Math.min(downTasks, (healMs - startMs) / 1000.0 * rate / SUBSCRIPTIONS);
                final double intervals = outage.toSeconds() / (double) PROBE_EVERY.toSeconds();
                report.line("  (a) down endpoint: %d attempts received during the outage for ~%d tasks sent to it (%.4f attempts/task); "
                    + "%.1f probe intervals, so %.1f attempts per interval counting all, %.1f beyond the first 20 that open the breaker",
                    failed.count(), sentDownDuringOutage, failed.count() / (double) Math.max(1, sentDownDuringOutage), intervals,
                    failed.count() / intervals, (failed.count() - 20) / Math.max(1, intervals - 1));
                report.line("      attempts per 30 s from the first: %s", perInterval(failed));
                report.result("breaker: down endpoint %d attempts in %d s (%.1f per probe interval after the 20 that open it; goal <= 1 "
                    + "per interval, not one per task: %d tasks)", failed.count(), outage.toSeconds(), (failed.count() - 20)
                    / Math.max(1, intervals - 1), sentDownDuringOutage);

                // (b) the nine healthy ones during the outage, the first 30 s (JIT warm-up, the breaker opening) left out.
                final long fromSec = startMs / 1000 + 30;
                final long toSec = healMs / 1000;
                double min = Double.MAX_VALUE;
                double sum = 0;
                final StringBuilder each = new StringBuilder();
                for (int i = 1; i < SUBSCRIPTIONS; i++) {
                    final SinkStats.PathStats ok = end.under("/ok/" + i);
                    final long n = ok.buckets().entrySet().stream().filter(e -> e.getKey() >= fromSec && e.getKey() < toSec)
                        .mapToLong(Map.Entry::getValue).sum();
                    final double ratio = n / (double) (toSec - fromSec) / (rate / SUBSCRIPTIONS);
                    min = Math.min(min, ratio);
                    sum += ratio;
                    each.append(String.format(" %.3f", ratio));
                }
                report.line("  (b) healthy subscriptions' delivered/offered during the outage (from 30 s in):%s", each);
                report.result("breaker: nine healthy subscriptions keep min %.3f, mean %.3f of their offered %.0f/s during the outage "
                    + "(goal >= 0.95)", min, sum / (SUBSCRIPTIONS - 1), rate / SUBSCRIPTIONS);

                // (c) catch-up.
                final SinkStats.PathStats down = end.under("/down");
                final long lastMs = down.lastMicros() / 1000;
                final double catchUpSeconds = (lastMs - healMs) / 1000.0;
                long healthyDelivered = 0;
                for (int i = 1; i < SUBSCRIPTIONS; i++) {
                    healthyDelivered += end.under("/ok/" + i).count();
                }
                report.line("  (c) after recovery: %d of %d tasks of the down subscription delivered (%d more than sent: duplicates "
                    + "at least that many if none is lost), the last %.1f s after it recovered; backlog at recovery ~%d tasks, "
                    + "catch-up %.0f events/s (its backlog plus its new 50/s); the nine: %d delivered of %d sent", down.count(), downTasks,
                    Math.max(0, down.count() - downTasks), catchUpSeconds, sentDownDuringOutage,
                    sentDownDuringOutage / Math.max(0.001, catchUpSeconds), healthyDelivered, total - downTasks);
                report.result("breaker: after recovery all %d of the down subscription's tasks delivered: %s, in %.1f s, catch-up %.0f "
                    + "events/s", downTasks, down.count() >= downTasks ? "yes" : "NO (" + down.count() + ")", catchUpSeconds,
                    sentDownDuringOutage / Math.max(0.001, catchUpSeconds));

                // (d) the park topic.
                final long parkedRecords = endOffsets(broker, topics.parked());
                report.line("  (d) %s: peak size on disk %.1f MiB (describeLogDirs every 5 s); %d records written to it in all "
                    + "(%.1f per task of the down subscription: its write amplification)", topics.parked(),
                    peakParkedBytes.get() / 1048576.0, parkedRecords, parkedRecords / (double) Math.max(1, sentDownDuringOutage));
                report.result("breaker: parked backlog peak %.1f MiB on disk, %d records written to the park topic", peakParkedBytes.get()
                    / 1048576.0, parkedRecords);
                report.line("  CPU: machine %.0f%% busy, the dispatcher %.2f cores (over the run)", sampler.busyPercent(startMs, endMs),
                    sampler.processCores(startMs, endMs));
            }
            report.finish(new Chart("Breaker: one of ten endpoints down").note("see the report"));
        }
        return 0;
    }

    private String yaml(final BrokerProcess broker, final String prefix, final SinkProcess sink) {
        final List<String> subscriptions = IntStream.range(0, SUBSCRIPTIONS).mapToObj(i -> DispatcherYaml.subscription("sub" + i,
            sink.url(i == 0 ? "/down/0" : "/ok/" + i), "breaker: {failures: 20, window: 1m, probeEvery: 30s}")).toList();
        return DispatcherYaml.config(broker.bootstrapServers(), prefix, partitions, subscriptions, "parkFor: 30s");
    }

    /** Attempts in each 30 s from the first one. */
    private static String perInterval(final SinkStats.PathStats attempts) {
        if (attempts.buckets().isEmpty()) {
            return "none";
        }
        final long first = attempts.buckets().keySet().stream().mapToLong(Long::longValue).min().orElse(0);
        return attempts.buckets().entrySet().stream()
            .collect(Collectors.groupingBy(e -> (e.getKey() - first) / PROBE_EVERY.toSeconds(), java.util.TreeMap::new,
                Collectors.summingLong(Map.Entry::getValue)))
            .values().stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** Keeps the largest total size on disk of {@code topic}'s partitions, sampled every 5 s until interrupted. */
    private static void sampleParked(final BrokerProcess broker, final String topic, final AtomicLong peak) {
        try (Admin admin = broker.admin()) {
            final List<Integer> ids = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            while (!Thread.currentThread().isInterrupted()) {
                final long bytes = admin.describeLogDirs(ids).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream()).flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().size()).sum();
                peak.accumulateAndGet(bytes, Math::max);
                Thread.sleep(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("park sampler: " + e);
        }
    }

    /** The records ever written to {@code topic}: its partitions' end offsets summed. */
    private static long endOffsets(final BrokerProcess broker, final String topic) throws Exception {
        try (Admin admin = broker.admin()) {
            final int n = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            final Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, n).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /** Reads {@code 10m}, {@code 90s} as a {@link Duration}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            return Duration.parse("PT" + value.toUpperCase());
        }
    }
}
