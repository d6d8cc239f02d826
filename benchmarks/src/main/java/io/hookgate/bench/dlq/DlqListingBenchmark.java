package io.hookgate.bench.dlq;

import io.hookgate.admin.AdminOperations;
import io.hookgate.admin.AdminServer;
import io.hookgate.bench.BenchmarkRun;
import io.hookgate.bench.broker.BrokerProcess;
import io.hookgate.bench.chart.BarPanel;
import io.hookgate.bench.chart.Chart;
import io.hookgate.bench.report.Report;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code benchmarks/run dlq-listing}: listing the DLQ with filters at a million entries, through
 * the admin API (HTTP, JSON, the RocksDB index), beside the baseline of no index: reading the
 * whole DLQ topic and filtering in memory. The broker runs in a process of its own; the admin
 * index and server, then the baseline's consumer, in this one. Figure: the median time of the
 * listing by subscription and reason, against the scan for the same filter.
 *
 * <p>Options (defaults): {@code --entries 1000000}.
 */
@Command(name = "dlq-listing", mixinStandardHelpOptions = true,
    description = "Admin API listing of the DLQ (RocksDB index) vs a scan of the DLQ topic, same broker.")
public final class DlqListingBenchmark implements Callable<Integer> {

    private static final String TOKEN = "benchmark-token-0123456789";
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final String COMPARED = "subscription and reason, first 100";

    @Option(names = "--entries", defaultValue = "1000000", description = "DLQ entries. Default: ${DEFAULT-VALUE}.")
    private int entries;

    /** The median and 95th percentile of one query, and how many entries it answered. */
    private record Timing(String name, int found, double p50Millis, double p95Millis) {
    }

    @Override
    public Integer call() throws Exception {
        try (BenchmarkRun run = BenchmarkRun.start("dlq-listing")) {
            final Report report = run.report();
            final BrokerProcess kafka = BrokerProcess.start(run.children(), run.jvm(), "broker", run.tempDir("broker"));
            final StringBuilder yaml = new StringBuilder("kafka: {bootstrapServers: \"" + kafka.bootstrapServers()
                + "\", topicPrefix: \"dl.\", partitions: 6}\nadmin: {host: 127.0.0.1, port: 0, token: \"" + TOKEN + "\"}\nsources:\n");
            for (int s = 0; s < 5; s++) {
                yaml.append("  src").append(s).append(": {provider: standard-webhooks}\n");
            }
            final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(yaml.toString());
            final Topics topics = new Topics("dl.");
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(topics.all(config));
            }
            final long produceStart = System.nanoTime();
            produce(kafka.bootstrapServers(), topics, entries);
            report.line("dlq listing benchmark: %d DLQ entries produced in %.1f s; broker in its own JVM", entries,
                (System.nanoTime() - produceStart) / 1e9);
            final List<Timing> timings = indexed(run, kafka.bootstrapServers(), config, topics);
            final double scanMillis = scan(report, kafka.bootstrapServers(), topics);
            final Timing compared = timings.stream().filter(t -> t.name().equals(COMPARED)).findFirst().orElseThrow();
            report.result("dlq listing: by subscription and reason p50 %.1f ms through the admin index, %.0f ms scanning the topic, "
                + "%.0fx faster", compared.p50Millis(), scanMillis, scanMillis / compared.p50Millis());
            report.finish(chart(timings, scanMillis));
        }
        return 0;
    }

    private List<Timing> indexed(final BenchmarkRun run, final String bootstrap, final HookgateConfig config, final Topics topics)
        throws Exception {
        final Report report = run.report();
        final long indexStart = System.nanoTime();
        final List<Timing> timings = new ArrayList<>();
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (AdminOperations operations = new AdminOperations(config.withAdmin(config.admin().withStateDir(run.tempDir("dlq-index").toString())),
                 Providers.builtIn(), io.hookgate.core.subscription.Subscriptions.of(config), registry, Clock.systemUTC())) {
            operations.start();
            while (operations.readiness().notReadyReason() != null) {
                Thread.sleep(100);
            }
            report.line("  index built in %.1f s", (System.nanoTime() - indexStart) / 1e9);
            final AdminServer server = new AdminServer(config.admin(), registry, List.of(), operations.api());
            server.start();
            final String base = "http://127.0.0.1:" + server.port() + "/admin/dlq?";
            final HttpClient http = HttpClient.newHttpClient();
            timings.add(query(http, base + "subscription=sub7&limit=100", "subscription (5% of entries), first 100"));
            timings.add(query(http, base + "subscription=sub7&reason=gone&limit=100", COMPARED));
            timings.add(query(http, base + "since=2026-10-15T00:00:00Z&until=2026-10-15T01:00:00Z&limit=100", "one hour of 30 days, first 100"));
            timings.add(query(http, base + "source=src3&since=2026-10-20T00:00:00Z&limit=100", "source since a day, first 100"));
            timings.add(query(http, base + "reason=ssrf_blocked&limit=100", "rare reason (0.2%), first 100"));
            timings.add(query(http, base + "limit=1000", "no filter, first 1000"));
            server.close();
        }
        timings.forEach(t -> report.line("  %-40s %4d entries  p50 %7.1f ms  p95 %7.1f ms", t.name(), t.found(), t.p50Millis(), t.p95Millis()));
        return timings;
    }

    private static void produce(final String bootstrap, final Topics topics, final int entries) {
        final Random random = new Random(42);
        final DlqReason[] reasons = {DlqReason.EXHAUSTED, DlqReason.EXHAUSTED, DlqReason.REJECTED, DlqReason.GONE, DlqReason.REDIRECT};
        final RawJson payload = RawJson.trusted("{\"amount\":100}".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.LINGER_MS_CONFIG, 50, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < entries; i++) {
                final String subscription = "sub" + random.nextInt(20);
                final String source = "src" + random.nextInt(5);
                final Instant at = START.plusMillis((long) (random.nextDouble() * Duration.ofDays(30).toMillis()));
                final DlqReason reason = random.nextInt(500) == 0 ? DlqReason.SSRF_BLOCKED : reasons[random.nextInt(reasons.length)];
                final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId(source, "e" + i), source, "standard-webhooks", null,
                    "e" + i, EventIdOrigin.PROVIDER, "bench", at, at, "ing-" + i, List.of("body"), payload);
                final DeliveryTask task = DeliveryTask.first(event, subscription, at)
                    .after(DeliveryAttempt.answered(1, at, 503, 12), at);
                final DlqEntry entry = new DlqEntry("dlq_" + i, reason, "bench", at, task);
                producer.send(new ProducerRecord<>(topics.dlq(), subscription.getBytes(StandardCharsets.UTF_8), Json.write(entry)));
            }
        }
    }

    private static Timing query(final HttpClient http, final String url, final String name) throws Exception {
        final long[] nanos = new long[30];
        int found = 0;
        for (int i = -5; i < nanos.length; i++) {
            final long start = System.nanoTime();
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
            found = Json.mapper().readTree(response.body()).get("entries").size();
        }
        Arrays.sort(nanos);
        return new Timing(name, found, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6);
    }

    /** No index: reads the whole DLQ topic and keeps what matches one filter (subscription and reason); answers its milliseconds. */
    private static double scan(final Report report, final String bootstrap, final Topics topics) {
        final long start = System.nanoTime();
        int matched = 0;
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topics.dlq()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    final DlqEntry entry = Json.read(record.value(), DlqEntry.class);
                    if (entry.subscription().equals("sub7") && entry.reason() == DlqReason.GONE) {
                        matched++;
                    }
                }
            }
        }
        final double millis = (System.nanoTime() - start) / 1e6;
        report.line("  baseline without index: scan of %d entries for subscription and reason: %d matched in %.1f s", read, matched,
            millis / 1000);
        return millis;
    }

    private Chart chart(final List<Timing> timings, final double scanMillis) {
        final List<BarPanel.Bar> bars = new ArrayList<>();
        timings.forEach(t -> bars.add(new BarPanel.Bar(t.name(), t.p50Millis(), 0, "")));
        final Timing compared = timings.stream().filter(t -> t.name().equals(COMPARED)).findFirst().orElseThrow();
        return new Chart("DLQ listing: the admin index vs a scan of the topic")
            .note(String.format("%,d DLQ entries; by subscription and reason: p50 %.1f ms through the index, %.0f ms scanning, %.0fx", entries,
                compared.p50Millis(), scanMillis, scanMillis / compared.p50Millis()))
            .add(new BarPanel("Admin API, median of 30 requests", "ms", bars))
            .add(new BarPanel("Baseline: scan of the whole topic for subscription and reason", "ms",
                List.of(new BarPanel.Bar("scan, " + String.format("%,d", entries) + " entries", scanMillis, 1, ""))));
    }
}
