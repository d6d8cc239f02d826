package io.hookgate.bench.dispatch;

import io.hookgate.bench.BenchmarkRun;
import io.hookgate.bench.baseline.Baselines;
import io.hookgate.bench.baseline.ThinDispatcher;
import io.hookgate.bench.broker.BrokerProcess;
import io.hookgate.bench.chart.BarPanel;
import io.hookgate.bench.chart.Chart;
import io.hookgate.bench.chart.LinePanel;
import io.hookgate.bench.chart.Series;
import io.hookgate.bench.measure.Metrics;
import io.hookgate.bench.measure.Sampler;
import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.proc.HookgateProcess;
import io.hookgate.bench.report.Report;
import io.hookgate.bench.sink.SinkProcess;
import io.hookgate.bench.sink.SinkStats;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.TopicSpec;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * {@code benchmarks/run dispatch}: how fast {@code hookgate dispatcher} drains preloaded delivery
 * tasks to one local sink, beside a {@link ThinDispatcher} draining an identical copy of the
 * topic; and whether one hanging endpoint slows the others. The broker, the sink, the
 * dispatcher and the baseline each run in a JVM of their own; tasks are written exactly as the
 * processor writes them ({@link TaskPreload}), and rates are counted at the sink ({@link Drain}:
 * after a warm-up, until 99 % of the timed deliveries arrived), so start-up, group joins and a
 * few stragglers are left out for both.
 *
 * <ul>
 *   <li>Throughput: {@code --tasks} tasks for one subscription (hence one partition, as the
 *       processor keys tasks by subscription), drained by hookgate then by the baseline, for
 *       {@code --rounds} rounds; both may have {@code --in-flight} posts in flight (the
 *       subscription's {@code maxInFlight}). Goal: hookgate at least 0.8 of the baseline, and at
 *       least 15,000 deliveries/s.</li>
 *   <li>Isolation: {@code --isolation-tasks} tasks round-robin over ten subscriptions (each with
 *       the default {@code maxInFlight} and a 5 s timeout), once all healthy and once with one
 *       endpoint hanging past its timeout: the healthy subscriptions' deliveries/s in both.
 *       Goal: the nine at least 0.90 of the ten.</li>
 * </ul>
 *
 * <p>Each drain's first {@code --warmup-tasks} deliveries (and in isolation, the first fifth)
 * warm the JIT of a fresh JVM and are not timed.
 *
 * <p>Options (defaults): {@code --tasks 100000}, {@code --warmup-tasks 20000}, {@code --rounds 1}, {@code --in-flight 256},
 * {@code --isolation-tasks 20000}, {@code --payload-bytes 1024}, {@code --partitions 6}.
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
    description = "hookgate dispatcher vs a thin dispatcher (one consumer, async HttpClient 5), same broker; and isolation.")
public final class DispatchBenchmark implements Callable<Integer> {

    private static final int SUBSCRIPTIONS = 10;
    private static final long BUCKET_MS = 100;
    private static final Pattern ADMIN_PORT = Pattern.compile("admin port (\\d+)");
    /** The isolation phases' subscription timeout: how long the hanging endpoint holds each attempt. */
    private static final String HANG_TIMEOUT = "5s";
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    @Option(names = "--tasks", defaultValue = "100000", description = "Tasks per drain. Default: ${DEFAULT-VALUE}.")
    private long tasks;

    @Option(names = "--warmup-tasks", defaultValue = "20000", description = "Tasks before the timed ones in each drain. Default: ${DEFAULT-VALUE}.")
    private long warmupTasks;

    @Option(names = "--rounds", defaultValue = "1", description = "Rounds, each hookgate then baseline. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--in-flight", defaultValue = "256", description = "Posts in flight at most, for both. Default: ${DEFAULT-VALUE}.")
    private int inFlight;

    @Option(names = "--isolation-tasks", defaultValue = "20000", description = "Tasks per isolation phase; 0 skips it. Default: ${DEFAULT-VALUE}.")
    private long isolationTasks;

    @Option(names = "--payload-bytes", defaultValue = "1024", description = "Provider payload in each envelope. Default: ${DEFAULT-VALUE}.")
    private int payloadBytes;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the task topics. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    private BenchmarkRun run;
    private BrokerProcess broker;
    private SinkProcess sink;

    @Override
    public Integer call() throws Exception {
        try (BenchmarkRun started = BenchmarkRun.start("dispatch")) {
            run = started;
            final Report report = run.report();
            broker = BrokerProcess.start(run.children(), run.jvm(), "broker", run.tempDir("broker"));
            sink = SinkProcess.start(run.children(), run.jvm(), BUCKET_MS);
            report.line("dispatch benchmark: %d tasks of %d B payloads per drain, %d round(s), in flight <= %d; broker, sink, "
                + "hookgate dispatcher and thin dispatcher each in its own JVM", tasks, payloadBytes, rounds, inFlight);

            final HookgateConfig throughput = config("hd.", List.of(subscription("sink", sink.url("/hookgate"), inFlight, "10s")));
            provision(throughput, "thin.dispatch");
            final long preloadStart = System.nanoTime();
            new TaskPreload(broker.bootstrapServers(), payloadBytes).write(warmupTasks + tasks, List.of("sink"),
                List.of(new Topics("hd.").dispatch(), "thin.dispatch"));
            report.line("  preloaded %d tasks into hd.dispatch and its copy thin.dispatch in %.1f s; the first %d of each drain "
                + "warm up and are not timed", warmupTasks + tasks, (System.nanoTime() - preloadStart) / 1e9, warmupTasks);
            final List<Drain> hookgate = new ArrayList<>();
            final List<Drain> thin = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                hookgate.add(hookgateDrain(round));
                print(report, round, hookgate.get(round - 1));
                thin.add(thinDrain(round));
                print(report, round, thin.get(round - 1));
            }
            final double h = hookgate.stream().mapToDouble(Drain::rate).average().orElse(0);
            final double t = thin.stream().mapToDouble(Drain::rate).average().orElse(0);
            report.result("dispatch: hookgate %.0f deliveries/s, thin dispatcher %.0f deliveries/s, ratio %.2f "
                + "(goal >= 0.80, and hookgate >= 15,000/s)", h, t, h / t);

            Drain healthy = null;
            Drain hanging = null;
            if (isolationTasks > 0) {
                healthy = isolation("ten-healthy", false);
                print(report, 0, healthy);
                hanging = isolation("one-hanging", true);
                print(report, 0, hanging);
                report.result("dispatch isolation: nine healthy subscriptions beside one hanging %.0f deliveries/s, ten healthy %.0f "
                    + "deliveries/s, ratio %.2f (goal >= 0.90)", hanging.rate(), healthy.rate(), hanging.rate() / healthy.rate());
            }
            report.finish(chart(hookgate, thin, healthy, hanging));
        }
        return 0;
    }

    private Drain hookgateDrain(final int round) throws Exception {
        final String path = "/hookgate/" + round;
        final Path config = run.writeFile("dispatcher-" + round + ".yaml",
            yaml("hd.", List.of(subscription("sink", sink.url(path), inFlight, "10s"))));
        final ChildProcess dispatcher = HookgateProcess.part(run.children(), run.jvm(), "hookgate-dispatcher-" + round, "dispatcher", config);
        final Drain drain = drain("hookgate dispatcher", dispatcher, path, warmupTasks, tasks);
        run.children().stop(dispatcher);
        if (round < rounds) {
            forgetOffsets(new Topics("hd.").dispatcherGroup());
        }
        return drain;
    }

    /** Deletes {@code group}, so the next round reads the topic again from the start; waits while its member is still leaving. */
    private void forgetOffsets(final String group) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = broker.admin()) {
            while (true) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(1000);
                }
            }
        }
    }

    private Drain thinDrain(final int round) throws Exception {
        final String path = "/thin/" + round;
        final ChildProcess thin = Baselines.thinDispatcher(run.children(), run.jvm(), "thin-dispatcher-" + round, broker.bootstrapServers(),
            "thin.dispatch", "thin-" + round, sink.url(path), inFlight);
        final Drain drain = drain("thin dispatcher", thin, path, warmupTasks, tasks);
        run.children().stop(thin);
        return drain;
    }

    /** Ten subscriptions, round-robin; with {@code oneHanging}, the first one's endpoint never answers in time. */
    private Drain isolation(final String name, final boolean oneHanging) throws Exception {
        final String prefix = "iso-" + name + ".";
        final List<String> subscriptions = IntStream.range(0, SUBSCRIPTIONS).mapToObj(i -> "sub" + i).toList();
        final List<String> entries = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            final String url = oneHanging && i == 0 ? sink.url("/hang/" + name) : sink.url("/iso/" + name + "/" + i);
            entries.add(subscription(subscriptions.get(i), url, 16, HANG_TIMEOUT));
        }
        final HookgateConfig config = config(prefix, entries);
        provision(config, null);
        new TaskPreload(broker.bootstrapServers(), payloadBytes).write(isolationTasks, subscriptions, List.of(new Topics(prefix).dispatch()));
        final long healthyTasks = oneHanging ? isolationTasks - (isolationTasks + SUBSCRIPTIONS - 1) / SUBSCRIPTIONS : isolationTasks;
        final long warmup = healthyTasks / 5;
        final ChildProcess dispatcher = HookgateProcess.part(run.children(), run.jvm(), "hookgate-dispatcher-" + name, "dispatcher",
            run.writeFile("dispatcher-" + name + ".yaml", yaml(prefix, entries)));
        final Drain drain = drain(oneHanging ? "isolation: 9 healthy + 1 hanging" : "isolation: 10 healthy", dispatcher,
            "/iso/" + name + "/", warmup, healthyTasks - warmup);
        run.children().stop(dispatcher);
        return drain;
    }

    /**
     * Waits for {@code warmup + timed} deliveries under {@code path} while sampling the machine and
     * {@code process}; the drain is timed from the {@code warmup}th.
     */
    private Drain drain(final String name, final ChildProcess process, final String path, final long warmup, final long timed)
        throws Exception {
        try (Sampler sampler = new Sampler(process.pid())) {
            final SinkStats stats = sink.await(s -> s.under(path).count(), warmup + timed, IDLE, TIMEOUT);
            // One more sample after the end, so the window is covered on both sides.
            Thread.sleep(1100);
            final SinkStats.PathStats deliveries = stats.under(path);
            final long from = deliveries.firstMicros() / 1000 + (long) (deliveries.secondsBetween(0, warmup, BUCKET_MS) * 1000);
            final long to = from + (long) (deliveries.secondsBetween(warmup, warmup + (long) Math.ceil(timed * 0.99), BUCKET_MS) * 1000);
            return new Drain(name, deliveries, warmup, timed, BUCKET_MS, sampler.busyPercent(from, to), sampler.processCores(from, to),
                attempts(process));
        }
    }

    /** What a hookgate dispatcher says it did, from its metrics; empty for a process without them. */
    private static String attempts(final ChildProcess process) throws InterruptedException {
        if (!process.name().startsWith("hookgate-")) {
            return "";
        }
        final Metrics metrics = Metrics.scrape(Integer.parseInt(process.awaitLine(ADMIN_PORT, Duration.ofSeconds(1)).group(1)));
        return String.format("; attempts delivered %d, retried %d, deferred %d", metrics.sum("hookgate_deliveries_total", "outcome=\"delivered\""),
            metrics.sum("hookgate_retries_total", ""), metrics.sum("hookgate_deliveries_deferred_total", ""));
    }

    private static void print(final Report report, final int round, final Drain drain) {
        report.line("  %s%-34s %7d deliveries; 99%% of the timed in %6.2f s: %8.0f/s, the last 1%% %.1f s later; machine CPU %3.0f%%, "
                + "its process %.2f cores%s%s", round > 0 ? "round " + round + " " : "", drain.name(), drain.deliveries().count(),
            drain.seconds(), drain.rate(), drain.tailSeconds(), drain.cpuBusyPercent(), drain.processCores(), drain.attempts(),
            drain.complete() ? "" : "  INCOMPLETE: expected " + (drain.warmup() + drain.timed()));
    }

    private static String subscription(final String id, final String url, final int maxInFlight, final String timeout) {
        return DispatcherYaml.subscription(id, url, "timeout: " + timeout + ", maxInFlight: " + maxInFlight);
    }

    private String yaml(final String prefix, final List<String> subscriptions) {
        return DispatcherYaml.config(broker.bootstrapServers(), prefix, partitions, subscriptions, "retryDelays: [30s]");
    }

    private HookgateConfig config(final String prefix, final List<String> subscriptions) {
        return new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(yaml(prefix, subscriptions));
    }

    /** Creates the topics of {@code config} as hookgate would, and {@code copy} (if any) like its dispatch topic. */
    private void provision(final HookgateConfig config, final String copy) throws Exception {
        final List<TopicSpec> specs = new ArrayList<>(new Topics(config.kafka().topicPrefix()).all(config));
        if (copy != null) {
            specs.add(new TopicSpec(copy, partitions, (short) 1, config.kafka().retention(), false));
        }
        try (Admin admin = broker.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(specs);
        }
    }

    private Chart chart(final List<Drain> hookgate, final List<Drain> thin, final Drain healthy, final Drain hanging) {
        final double h = hookgate.stream().mapToDouble(Drain::rate).average().orElse(0);
        final double t = thin.stream().mapToDouble(Drain::rate).average().orElse(0);
        final Chart chart = new Chart("Dispatch: hookgate dispatcher vs a thin dispatcher")
            .note(String.format("%d preloaded tasks (after %d untimed) to one local sink, in flight <= %d; hookgate / thin = %.2f (goal "
                + "0.80; hookgate goal 15,000/s)", tasks, warmupTasks, inFlight, h / t))
            .note("broker, sink, hookgate dispatcher and thin dispatcher each in its own JVM; rates counted at the sink")
            .add(new LinePanel("Deliveries per second during round 1", "seconds since the first delivery", "deliveries/s",
                List.of(series("hookgate dispatcher", hookgate.get(0)), series("thin dispatcher", thin.get(0)))));
        final List<BarPanel.Bar> bars = new ArrayList<>();
        for (int i = 0; i < hookgate.size(); i++) {
            bars.add(new BarPanel.Bar("round " + (i + 1) + " hookgate dispatcher", hookgate.get(i).rate(), 0,
                String.format("(%.2fx)", hookgate.get(i).rate() / thin.get(i).rate())));
            bars.add(new BarPanel.Bar("round " + (i + 1) + " thin dispatcher", thin.get(i).rate(), 1, ""));
        }
        if (healthy != null) {
            bars.add(new BarPanel.Bar("isolation: 10 healthy", healthy.rate(), 2, ""));
            bars.add(new BarPanel.Bar("isolation: 9 healthy + 1 hanging", hanging.rate(), 3,
                String.format("(%.2fx, goal 0.90)", hanging.rate() / healthy.rate())));
        }
        chart.add(new BarPanel("Deliveries per second (timed part of each drain)", "deliveries/s", bars));
        if (healthy != null) {
            chart.add(new LinePanel("Isolation: healthy subscriptions' deliveries per second", "seconds since the first delivery",
                "deliveries/s", List.of(series("10 healthy", healthy), series("9 healthy + 1 hanging", hanging))));
        }
        return chart;
    }

    /** Deliveries per second, second by second from the first delivery (the sink's buckets summed by second). */
    private static Series series(final String name, final Drain drain) {
        final Series.Builder series = Series.named(name);
        final Map<Long, Long> buckets = drain.deliveries().buckets();
        if (buckets.isEmpty()) {
            return series.build();
        }
        final long perSecond = 1000 / BUCKET_MS;
        final long first = buckets.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
        final long last = buckets.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        for (long second = first; second <= last; second += perSecond) {
            long count = 0;
            for (long bucket = second; bucket < second + perSecond; bucket++) {
                count += buckets.getOrDefault(bucket, 0L);
            }
            series.add((second - first) / (double) perSecond, count);
        }
        return series.build();
    }
}
