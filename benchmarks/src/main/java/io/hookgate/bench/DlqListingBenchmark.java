package io.hookgate.bench;

import io.hookgate.admin.AdminOperations;
import io.hookgate.admin.AdminServer;
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
import io.hookgate.core.testing.KafkaTestCluster;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Listing the DLQ with filters at a million entries, through the admin API (HTTP, JSON, the RocksDB
 * index), beside the baseline of no index: reading the whole DLQ topic and filtering in memory.
 * Usage: {@code benchmarks/run dlq-listing [entries]} (default 1000000).
 */
public final class DlqListingBenchmark {

    private static final String TOKEN = "benchmark-token-0123456789";
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    private DlqListingBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final Path stateDir = Files.createTempDirectory("hookgate-dlq-bench");
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
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
            produce(kafka, topics, entries);
            System.out.printf("dlq listing benchmark: %d DLQ entries produced in %.1f s%n", entries, (System.nanoTime() - produceStart) / 1e9);

            final long indexStart = System.nanoTime();
            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (AdminOperations operations = new AdminOperations(config.withAdmin(config.admin().withStateDir(stateDir.toString())),
                     Providers.builtIn(), registry, Clock.systemUTC())) {
                operations.start();
                while (operations.readiness().notReadyReason() != null) {
                    Thread.sleep(100);
                }
                System.out.printf("  index built in %.1f s%n", (System.nanoTime() - indexStart) / 1e9);
                final AdminServer server = new AdminServer(config.admin(), registry, List.of(), operations.api());
                server.start();
                final String base = "http://127.0.0.1:" + server.port() + "/admin/dlq?";
                final HttpClient http = HttpClient.newHttpClient();
                query(http, base + "subscription=sub7&limit=100", "subscription (5% of entries), first 100");
                query(http, base + "subscription=sub7&reason=gone&limit=100", "subscription and reason, first 100");
                query(http, base + "since=2026-10-15T00:00:00Z&until=2026-10-15T01:00:00Z&limit=100", "one hour of 30 days, first 100");
                query(http, base + "source=src3&since=2026-10-20T00:00:00Z&limit=100", "source since a day, first 100");
                query(http, base + "reason=ssrf_blocked&limit=100", "rare reason (0.2%), first 100");
                query(http, base + "limit=1000", "no filter, first 1000");
                server.close();
            }
            baseline(kafka, topics);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static void produce(final KafkaTestCluster kafka, final Topics topics, final int entries) throws Exception {
        final Random random = new Random(42);
        final DlqReason[] reasons = {DlqReason.EXHAUSTED, DlqReason.EXHAUSTED, DlqReason.REJECTED, DlqReason.GONE, DlqReason.REDIRECT};
        final RawJson payload = RawJson.trusted("{\"amount\":100}".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 50, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
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

    private static void query(final HttpClient http, final String url, final String name) throws Exception {
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
        System.out.printf("  %-40s %4d entries  p50 %7.1f ms  p95 %7.1f ms%n", name, found, nanos[nanos.length / 2] / 1e6,
            nanos[(int) (nanos.length * 0.95)] / 1e6);
    }

    /** No index: read the whole DLQ topic and keep what matches one filter (subscription and reason). */
    private static void baseline(final KafkaTestCluster kafka, final Topics topics) {
        final long start = System.nanoTime();
        int matched = 0;
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(), ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
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
        System.out.printf("  baseline without index: scan of %d entries for subscription and reason: %d matched in %.1f s%n", read, matched,
            (System.nanoTime() - start) / 1e9);
    }

    private static void deleteQuietly(final Path directory) throws java.io.IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
