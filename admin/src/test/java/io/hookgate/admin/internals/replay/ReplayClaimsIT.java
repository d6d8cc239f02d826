package io.hookgate.admin.internals.replay;

import io.hookgate.admin.AdminOperations;
import io.hookgate.admin.AdminServer;
import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.internals.view.Fixtures;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.SubscriptionTable;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two admin parts (each its own index, in its own directory) on one real broker, asked to replay the
 * same DLQ entry at the same moment: exactly one sends it, the other answers 409; forced, both may;
 * and a replay another instance made is a 409 here at once, before this index has read it.
 */
class ReplayClaimsIT {

    static final Logger LOG = LoggerFactory.getLogger(ReplayClaimsIT.class);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String TOKEN = "operator-token-000000000001";
    static final Topics TOPICS = new Topics("claims.");
    static final int ENTRIES = 6;

    /** One admin part with the admin port in front of it. */
    private record Instance(SubscriptionTable table, AdminOperations operations, AdminServer server) implements AutoCloseable {

        static Instance start(final HookgateConfig config, final String name) {
            final SimpleMeterRegistry registry = new SimpleMeterRegistry();
            final SubscriptionTable table = new SubscriptionTable(config, name, registry, Clock.systemUTC(), Duration.ofSeconds(60));
            table.start();
            final AdminOperations operations = new AdminOperations(config, TestConfigs.PROVIDERS, table, registry, Clock.systemUTC());
            operations.start();
            final AdminServer server = new AdminServer(config.admin(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                List.of(operations), operations.api());
            server.start();
            return new Instance(table, operations, server);
        }

        HttpResponse<String> post(final String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        }

        boolean has(final String id) {
            return operations.notReadyReason() == null && operations.api() != null && getStatus("/admin/dlq/" + id) == 200;
        }

        int getStatus(final String path) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.close();
            operations.close();
            table.close();
        }
    }

    static HookgateConfig config(final KafkaTestCluster kafka, final Path state) {
        return TestConfigs.parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "claims.", partitions: 2}
            admin: {port: 0, token: %s, stateDir: "%s"}
            sources:
              shop: {provider: standard-webhooks}
            subscriptions:
              billing: {url: "https://billing.example.com/hook", sources: [shop], secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}
            """.formatted(kafka.bootstrapServers(), TOKEN, state));
    }

    /** How many tasks of DLQ entry {@code id} were sent back to dispatch. */
    static long sent(final KafkaTestCluster kafka, final String id) {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.dispatch()).stream()
            .filter(record -> record.headers().lastHeader(DeliveryTaskRecord.DELIVERY_ID) != null && ("msg_" + id).equals(
                new String(record.headers().lastHeader(DeliveryTaskRecord.DELIVERY_ID).value(), StandardCharsets.UTF_8))).count();
    }

    /** Both instances replay {@code path} at once: their answers' statuses, sorted. */
    static List<Integer> together(final ExecutorService pool, final Instance a, final Instance b, final String path) throws Exception {
        final CountDownLatch go = new CountDownLatch(1);
        final List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (Instance instance : List.of(a, b)) {
            answers.add(pool.submit(() -> {
                go.await();
                return instance.post(path);
            }));
        }
        go.countDown();
        final List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            final HttpResponse<String> response = answer.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 409) {
                assertThat(Json.mapper().readTree(response.body()).path("error").asText()).isEqualTo("already_replayed");
            }
        }
        return statuses.stream().sorted().toList();
    }

    @Test
    void oneEntryIsReplayedOnceAcrossInstancesUnlessForced(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            final HookgateConfig first = config(kafka, dir.resolve("first"));
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, Duration.ofSeconds(60)).createMissing(TOPICS.all(first));
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < ENTRIES; i++) {
                    producer.send(new ProducerRecord<>(TOPICS.dlq(), "billing",
                        Fixtures.dlqJson("dlq_" + i, "billing", "shop", "evt_" + i, "exhausted", Instant.now()))).get();
                }
            }
            final ExecutorService pool = Executors.newFixedThreadPool(2);
            try (Instance a = Instance.start(first, "admin-a"); Instance b = Instance.start(config(kafka, dir.resolve("second")), "admin-b")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> a.has("dlq_" + (ENTRIES - 1)) && b.has("dlq_" + (ENTRIES - 1)));
                for (int i = 0; i < ENTRIES - 1; i++) {
                    final String id = "dlq_" + i;
                    assertThat(together(pool, a, b, "/admin/dlq/" + id + "/replay")).as(id).containsExactly(200, 409);
                    assertThat(sent(kafka, id)).as(id + " sent once").isEqualTo(1);
                }
                // Forced, both may: two more sends.
                assertThat(together(pool, a, b, "/admin/dlq/dlq_0/replay?force=true")).containsExactly(200, 200);
                assertThat(sent(kafka, "dlq_0")).isEqualTo(3);

                // One after the other: the second instance knows of the first one's replay from its claim, not its index.
                final long started = System.nanoTime();
                assertThat(a.post("/admin/dlq/dlq_" + (ENTRIES - 1) + "/replay").statusCode()).isEqualTo(200);
                final long won = System.nanoTime();
                assertThat(b.post("/admin/dlq/dlq_" + (ENTRIES - 1) + "/replay").statusCode()).isEqualTo(409);
                LOG.info("A replay won took {} ms (claim, read back, send, state), one lost {} ms", (won - started) / 1_000_000,
                    (System.nanoTime() - won) / 1_000_000);
                assertThat(sent(kafka, "dlq_" + (ENTRIES - 1))).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            // A fresh instance's index has the states the claims' winners wrote.
            try (Instance again = Instance.start(config(kafka, dir.resolve("third")), "admin-c")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> again.has("dlq_0"));
                assertThat(again.post("/admin/dlq/dlq_1/replay").statusCode()).as("replayed before this instance started").isEqualTo(409);
                assertThat(again.post("/admin/dlq/dlq_1/replay?force=true").statusCode()).isEqualTo(200);
                assertThat(sent(kafka, "dlq_1")).isEqualTo(2);
            }
        }
    }
}
