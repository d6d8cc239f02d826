package io.hookgate.ingress;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRecordCodec;
import io.hookgate.core.request.RawRequest;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.thread.DaemonThreads;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quiet spell longer than the producer's {@code metadata.max.idle.ms} (5 s here, its minimum)
 * makes the producer drop the raw topic's metadata; with {@code max.block.ms=0} the next send would
 * fail at once, a 503 that providers such as GitHub never retry. Both defences, on a real broker.
 */
class IngressMetadataIT {

    /** Longer than metadata.max.idle.ms plus one metadata.max.age.ms, when the idle topic is dropped. */
    private static final Duration QUIET_SPELL = Duration.ofSeconds(9);
    private static final Topics TOPICS = new Topics("idle.");

    static KafkaTestCluster kafka;
    static HookgateConfig config;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka:
              bootstrapServers: "%s"
              topicPrefix: "idle."
              partitions: 1
              properties: {metadata.max.idle.ms: "5000", metadata.max.age.ms: "1000"}
            ingress: {host: "127.0.0.1", port: 0, kafkaTimeout: 5s}
            sources:
              open: {provider: standard-webhooks}
            """.formatted(kafka.bootstrapServers()));
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TOPICS.all(config));
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theFirstRequestAfterAQuietSpellIsStoredBecauseTheIngressKeepsTheMetadataFresh() throws Exception {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final IngressServer ingress = new IngressServer(config, Providers.builtIn().bind(config), registry, Clock.systemUTC());
        ingress.start();
        try {
            assertThat(post(ingress, "{\"n\":1}").statusCode()).isEqualTo(200);
            Thread.sleep(QUIET_SPELL.toMillis());
            final String marker = UUID.randomUUID().toString();
            final HttpResponse<String> afterTheGap = post(ingress, "{\"m\":\"" + marker + "\"}");
            assertThat(afterTheGap.statusCode()).as(afterTheGap.body()).isEqualTo(200);
            final String ingressId = Json.mapper().readTree(afterTheGap.body()).get("ingressId").asText();
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), TOPICS.raw()).stream()
                .map(record -> RawRecordCodec.decode(record.headers(), record.value())))
                .anyMatch(stored -> stored.ingressId().equals(ingressId) && stored.bodyText().contains(marker));
            // Kept fresh: no request had to wait for metadata.
            assertThat(registry.get("hookgate.ingress.metadata.waits").functionCounter().count()).isZero();
        } finally {
            ingress.close();
        }
    }

    @Test
    void aWriteThatFindsTheMetadataDroppedWaitsForItAndIsStoredInsteadOfFailing() throws Exception {
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("test-metadata"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(IngressProducerConfig.of(config), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            // The ingress's writer and producer settings, without the refresh timer.
            final TopicMetadata metadata = new TopicMetadata(producer, TOPICS.raw(), timer);
            final RawRequestWriter writer = new RawRequestWriter(producer, TOPICS.rawRequests(), metadata, Duration.ofSeconds(5));
            metadata.whenPresent(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
            writer.write(request("first"), java.util.Optional.empty()).get(10, TimeUnit.SECONDS);
            assertThat(writer.metadataWaits()).isZero();

            Thread.sleep(QUIET_SPELL.toMillis());
            final RawRequest afterTheGap = request("after-the-gap");
            writer.write(afterTheGap, java.util.Optional.empty()).get(10, TimeUnit.SECONDS);
            assertThat(writer.metadataWaits()).as("the metadata was dropped, and the write waited for it once").isEqualTo(1);
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), TOPICS.raw()).stream()
                .map(record -> RawRecordCodec.decode(record.headers(), record.value())))
                .anyMatch(stored -> stored.ingressId().equals(afterTheGap.ingressId()));
        } finally {
            timer.shutdownNow();
        }
    }

    private static RawRequest request(final String text) {
        return new RawRequest(UUID.randomUUID().toString(), "open", Instant.now(), "127.0.0.1", "POST", "",
            HttpHeaders.of(List.of()), ("{\"t\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(final IngressServer ingress, final String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/webhooks/open"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
