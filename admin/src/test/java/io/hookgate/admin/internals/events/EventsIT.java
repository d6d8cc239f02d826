package io.hookgate.admin.internals.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.AdminOperations;
import io.hookgate.admin.AdminServer;
import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.internals.view.Fixtures;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.AttemptEntryJson;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real broker, the admin part as {@code hookgate admin} assembles it: a verified envelope
 * published the way the processor publishes it (in a transaction, headers and all) is indexed by its
 * coordinates alone, and its page reads the envelope back from {@code verified.{source}}, finds the
 * raw request among others in {@code ingress.raw} (credentials redacted) and says where it went; an
 * aborted envelope is never indexed, and an event nobody verified is {@code event_not_found}.
 */
class EventsIT {

    static final String TOKEN = "operator-token-000000000001";
    static final Topics TOPICS = new Topics("ev.");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anEventsPageReadsItsEnvelopeAndRequestBackFromKafka(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            final HookgateConfig config = TestConfigs.parse("""
                kafka: {bootstrapServers: "%s", topicPrefix: "ev.", partitions: 3}
                admin: {port: 0, token: %s, stateDir: "%s"}
                sources: {shop: {provider: standard-webhooks}}
                """.formatted(kafka.bootstrapServers(), TOKEN, dir));
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, Duration.ofSeconds(60)).createMissing(TOPICS.all(config));
            }
            final Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            final VerifiedEvent event = EventRecords.event("shop", "evt_1", "ing_1", received);
            try (KafkaProducer<byte[], byte[]> ingress = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
                 KafkaProducer<byte[], byte[]> processor = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ev-processor-test"), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
                // Other requests around it, at the same and nearby times, in every partition.
                for (int i = 0; i < 30; i++) {
                    final RawRequest other = EventRecords.request(EventRecords.event("shop", "evt_o" + i, "ing_o" + i,
                        received.plusMillis(i % 3 - 1)));
                    ingress.send(EventRecords.raw(TOPICS.raw(), other)).get();
                }
                ingress.send(EventRecords.raw(TOPICS.raw(), EventRecords.request(event))).get();
                processor.initTransactions();
                processor.beginTransaction();
                processor.send(EventRecords.verified(TOPICS.verified("shop"), event)).get();
                processor.commitTransaction();
                processor.beginTransaction();
                processor.send(EventRecords.verified(TOPICS.verified("shop"), EventRecords.event("shop", "evt_aborted", "ing_a", received)))
                    .get();
                processor.abortTransaction();
                ingress.send(new ProducerRecord<>(TOPICS.attempts(), "billing".getBytes(StandardCharsets.UTF_8),
                    AttemptEntryJson.write(Fixtures.attempt("msg_1", "billing", "shop", "evt_1", 1, Instant.now(), 204, 12)))).get();
            }

            final SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (AdminOperations operations = new AdminOperations(config, TestConfigs.PROVIDERS, Subscriptions.of(config), registry,
                Clock.systemUTC())) {
                operations.start();
                final AdminServer server = new AdminServer(config.admin(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    List.of(operations), operations.api());
                server.start();
                try {
                    final String base = "http://127.0.0.1:" + server.port();
                    await().atMost(Duration.ofSeconds(90)).until(() -> operations.notReadyReason() == null
                        && get(base, "/admin/events/shop/evt_1").statusCode() == 200);
                    final HttpResponse<String> answer = get(base, "/admin/events/shop/evt_1");
                    final JsonNode page = Json.mapper().readTree(answer.body());
                    assertThat(page.path("envelope").path("id").asText()).isEqualTo(event.id());
                    assertThat(page.path("envelope").path("verifiedAt").asText()).isEqualTo(event.verifiedAt().toString());
                    assertThat(answer.body()).as("the provider's bytes").contains("\"amount\": 1.50");
                    final JsonNode request = page.path("request");
                    assertThat(request.path("unavailable").isMissingNode()).as(request.toString()).isTrue();
                    assertThat(request.path("ingressId").asText()).isEqualTo("ing_1");
                    assertThat(request.path("clientAddress").asText()).isEqualTo("203.0.113.9");
                    final List<String> headers = new ArrayList<>();
                    request.path("headers").forEach(header -> headers.add(header.path("name").asText() + "=" + header.path("value").asText()));
                    assertThat(headers).contains("webhook-signature=[redacted]", "authorization=[redacted]", "user-agent=Acme-Hooks/2.1");
                    assertThat(answer.body()).doesNotContain(EventRecords.SIGNATURE).doesNotContain("s3cr3t-bearer");
                    assertThat(page.path("deliveries")).extracting(d -> d.path("deliveryId").asText()).containsExactly("msg_1");
                    assertThat(page.path("dlq")).isEmpty();

                    assertThat(get(base, "/admin/events/shop/evt_aborted").statusCode()).as("read committed").isEqualTo(404);
                    assertThat(Json.mapper().readTree(get(base, "/admin/events/shop/evt_o1").body()).path("error").asText())
                        .as("a request that never became an event").isEqualTo(EventsApi.NOT_FOUND);
                } finally {
                    server.close();
                }
            }
        }
    }

    static HttpResponse<String> get(final String base, final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
