package io.hookgate.bench.ingress;

import io.hookgate.bench.BenchmarkRun;
import io.hookgate.bench.baseline.Baselines;
import io.hookgate.bench.baseline.ThinIngress;
import io.hookgate.bench.broker.BrokerProcess;
import io.hookgate.bench.chart.BarPanel;
import io.hookgate.bench.chart.Chart;
import io.hookgate.bench.load.SignedWebhooks;
import io.hookgate.bench.measure.Wrk;
import io.hookgate.bench.proc.FreePorts;
import io.hookgate.bench.proc.HookgateProcess;
import io.hookgate.bench.report.Report;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code benchmarks/run ingress}: requests per second that {@code hookgate ingress} stores,
 * beside a {@link ThinIngress}, each in its own JVM against one broker process. wrk posts 1 KiB
 * signed Standard Webhooks bodies over {@code --connections} keep-alive connections; hookgate runs
 * with every edge check on (IP allow-list, per-source and per-client rate limits, trusted
 * proxies, body limit). Rounds alternate baseline and hookgate, after a warm-up of each; the
 * figure is the mean of the rounds and the ratio hookgate / baseline (goal: at least 0.90, with
 * no non-2xx answer). Needs wrk ({@code apt-get install wrk}).
 *
 * <p>Options (defaults): {@code --seconds 15} per round, {@code --rounds 3}, {@code --warmup 5}
 * seconds, {@code --threads 2} and {@code --connections 64} of wrk, {@code --body-bytes 1024},
 * {@code --partitions 6} of the raw topics.
 */
@Command(name = "ingress", mixinStandardHelpOptions = true,
    description = "hookgate ingress vs a thin durable ingress (Undertow + acks=all producer), wrk, same broker.")
public final class IngressBenchmark implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "15", description = "Seconds per round. Default: ${DEFAULT-VALUE}.")
    private int seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds, each baseline then hookgate. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds of each before the rounds. Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--threads", defaultValue = "2", description = "wrk threads. Default: ${DEFAULT-VALUE}.")
    private int threads;

    @Option(names = "--connections", defaultValue = "64", description = "wrk connections. Default: ${DEFAULT-VALUE}.")
    private int connections;

    @Option(names = "--body-bytes", defaultValue = "1024", description = "Body size. Default: ${DEFAULT-VALUE}.")
    private int bodyBytes;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the raw topics. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Override
    public Integer call() throws Exception {
        try (BenchmarkRun run = BenchmarkRun.start("ingress")) {
            final Report report = run.report();
            final BrokerProcess broker = BrokerProcess.start(run.children(), run.jvm(), "broker", run.tempDir("broker"));
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("thin.raw", partitions, (short) 1))).all().get();
            }
            final int hookgatePort = FreePorts.next();
            final Path config = run.writeFile("ingress.yaml", config(broker.bootstrapServers(), hookgatePort));
            HookgateProcess.part(run.children(), run.jvm(), "hookgate-ingress", "ingress", config);
            final int thinPort = Baselines.thinIngress(run.children(), run.jvm(), "thin-ingress", broker.bootstrapServers(), "thin.raw");
            final String hookgateUrl = "http://127.0.0.1:" + hookgatePort;
            final String thinUrl = "http://127.0.0.1:" + thinPort;

            final Wrk wrk = new Wrk(threads, connections, run.writeFile("request.lua", script()));
            report.line("ingress benchmark: wrk -t%d -c%d, %d x %d s rounds after %d s warm-up, %d B signed Standard Webhooks bodies, "
                + "%d partitions; broker, hookgate ingress and thin ingress each in its own JVM", threads, connections, rounds, seconds,
                warmup, bodyBytes, partitions);
            wrk.run(thinUrl, warmup);
            wrk.run(hookgateUrl + "/webhooks/bench", warmup);
            final List<Wrk.Result> thin = new ArrayList<>();
            final List<Wrk.Result> hookgate = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                thin.add(wrk.run(thinUrl, seconds));
                print(report, round, "thin ingress", thin.get(round - 1));
                hookgate.add(wrk.run(hookgateUrl + "/webhooks/bench", seconds));
                print(report, round, "hookgate", hookgate.get(round - 1));
            }
            final Wrk.Result h = mean(hookgate);
            final Wrk.Result t = mean(thin);
            final double ratio = h.rate() / t.rate();
            report.result("ingress: hookgate %.0f req/s (p50 %.2f ms, p99 %.2f ms, non-2xx %d), thin ingress %.0f req/s "
                    + "(p50 %.2f ms, p99 %.2f ms, non-2xx %d), ratio %.2f (goal >= 0.90, 0 non-2xx)", h.rate(), h.p50Millis(),
                h.p99Millis(), h.non2xx(), t.rate(), t.p50Millis(), t.p99Millis(), t.non2xx(), ratio);
            report.finish(chart(hookgate, thin, ratio, String.join(" ", run.jvm().partFlags())));
        }
        return 0;
    }

    private String config(final String bootstrap, final int port) {
        return """
            kafka: {bootstrapServers: "%s", topicPrefix: "ib.", partitions: %d}
            ingress: {host: 127.0.0.1, port: %d, rateLimitPerClientIpPerSecond: 1000000, trustedProxies: ["10.0.0.0/8"]}
            admin: {host: 127.0.0.1, port: %d}
            sources:
              bench:
                provider: standard-webhooks
                secrets: ["%s"]
                maxBodyBytes: 65536
                allowedIps: ["127.0.0.0/8", "::1/128"]
                rateLimitPerSecond: 1000000
            """.formatted(bootstrap, partitions, port, FreePorts.next(), SignedWebhooks.SECRET);
    }

    /** wrk's request: one signed body (the ingress stores first and verifies downstream, so one id serves). */
    private String script() {
        final SignedWebhooks webhooks = new SignedWebhooks(bodyBytes);
        final byte[] body = webhooks.body(1, 0);
        final StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\nwrk.path = \"/webhooks/bench\"\n")
            .append("wrk.body = '").append(new String(body, StandardCharsets.UTF_8)).append("'\n")
            .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        for (Map.Entry<String, String> header : webhooks.headers("msg_bench", Instant.now().getEpochSecond(), body).entrySet()) {
            lua.append("wrk.headers[\"").append(header.getKey()).append("\"] = \"").append(header.getValue()).append("\"\n");
        }
        return lua.toString();
    }

    private static void print(final Report report, final int round, final String name, final Wrk.Result result) {
        report.line("  round %d %-13s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %d %s", round, name, result.rate(),
            result.p50Millis(), result.p99Millis(), result.non2xx(), result.socketErrors());
    }

    /** The mean rate and latencies of the rounds, and their non-2xx answers summed. */
    private static Wrk.Result mean(final List<Wrk.Result> results) {
        return new Wrk.Result(results.stream().mapToDouble(Wrk.Result::rate).average().orElse(0),
            results.stream().mapToDouble(Wrk.Result::p50Millis).average().orElse(0),
            results.stream().mapToDouble(Wrk.Result::p99Millis).average().orElse(0),
            results.stream().mapToLong(Wrk.Result::non2xx).sum(), "");
    }

    private Chart chart(final List<Wrk.Result> hookgate, final List<Wrk.Result> thin, final double ratio, final String flags) {
        final List<BarPanel.Bar> rates = new ArrayList<>();
        final List<BarPanel.Bar> p99 = new ArrayList<>();
        for (int i = 0; i < hookgate.size(); i++) {
            rates.add(new BarPanel.Bar("round " + (i + 1) + " thin ingress", thin.get(i).rate(), 1, ""));
            rates.add(new BarPanel.Bar("round " + (i + 1) + " hookgate", hookgate.get(i).rate(), 0,
                String.format("(%.2fx)", hookgate.get(i).rate() / thin.get(i).rate())));
            p99.add(new BarPanel.Bar("round " + (i + 1) + " thin ingress", thin.get(i).p99Millis(), 1, ""));
            p99.add(new BarPanel.Bar("round " + (i + 1) + " hookgate", hookgate.get(i).p99Millis(), 0, ""));
        }
        return new Chart("Ingress: hookgate vs a thin durable ingress")
            .note(String.format("wrk -t%d -c%d, %d B signed bodies, %d s rounds; hookgate / thin = %.2f (goal 0.90)", threads,
                connections, bodyBytes, seconds, ratio))
            .note("each in its own JVM (" + flags + ") on one broker process; producers acks=all, idempotent, linger 0, lz4")
            .add(new BarPanel("Requests stored per second", "requests/s", rates))
            .add(new BarPanel("p99 latency", "ms", p99));
    }
}
