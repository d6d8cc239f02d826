package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The spine on a real KRaft broker: ingress, processor and dispatcher in one process, a local receiver. */
class GatewayIT {

    static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SUBSCRIPTION_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    static Gateway gateway;
    static HookgateConfig config;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(@TempDir final Path state) throws Exception {
        kafka = KafkaTestCluster.start();
        receiver = new RecordingReceiver();
        config = Gateways.config("""
            kafka: {bootstrapServers: "%s", topicPrefix: "it.", partitions: 2}
            ingress: {host: 127.0.0.1, port: 0}
            admin: {host: 127.0.0.1, port: 0}
            processor: {stateDir: "%s"}
            sources:
              demo: {provider: standard-webhooks, secrets: ["%s"]}
            subscriptions:
              local:
                url: "%s"
                allowInsecureUrl: true
                sources: [demo]
                secret: "%s"
            dispatch: {retryDelays: [1s]}
            """.formatted(kafka.bootstrapServers(), state, SOURCE_SECRET, receiver.url("/hooks"), SUBSCRIPTION_SECRET));
        gateway = Gateways.running(config);
    }

    @AfterAll
    static void stop() throws Exception {
        Gateways.closeAll(gateway, receiver, kafka);
    }

    static HttpResponse<String> post(final String msgId, final String body, final String secret) throws Exception {
        final long now = Instant.now().getEpochSecond();
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.ingressPort() + "/webhooks/demo"))
            .header("content-type", "application/json")
            .header("webhook-id", msgId)
            .header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(secret), msgId, now, bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedWebhookIsDeliveredOnceSignedAsStandardWebhooks() throws Exception {
        final HttpResponse<String> first = post("msg_spine_1", "{\"type\":\"invoice.paid\",\"amount\":12}", SOURCE_SECRET);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(first.body()).get("ingressId").asText()).isNotBlank();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/hooks").size() == 1);
        final RecordingReceiver.Received delivery = receiver.receivedAt("/hooks").get(0);
        // An independent verifier (the official Standard Webhooks SDK) accepts the delivery.
        new Webhook(SUBSCRIPTION_SECRET).verify(new String(delivery.body(), StandardCharsets.UTF_8), delivery.headers());
        assertThat(delivery.header("content-type")).startsWith("application/json");
        final JsonNode envelope = Json.mapper().readTree(delivery.body());
        assertThat(envelope.get("eventId").asText()).isEqualTo("msg_spine_1");
        assertThat(envelope.get("type").asText()).isEqualTo("invoice.paid");
        assertThat(envelope.get("payload").get("amount").asInt()).isEqualTo(12);

        // The same webhook again is acknowledged, and still yields one event and one delivery.
        assertThat(post("msg_spine_1", "{\"type\":\"invoice.paid\",\"amount\":12}", SOURCE_SECRET).statusCode()).isEqualTo(200);
        final Topics topics = new Topics("it.");
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), topics.raw()).stream()
            .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"amount\":12")).count() == 2);
        Thread.sleep(2000);
        assertThat(receiver.receivedAt("/hooks")).hasSize(1);
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), topics.verified("demo")))
            .filteredOn(r -> r.key().equals("demo:msg_spine_1")).hasSize(1);
    }

    @Test
    void fiftyCopiesAtTheSameInstantYieldOneEvent() throws Exception {
        final long now = Instant.now().getEpochSecond();
        final byte[] body = "{\"type\":\"burst\"}".getBytes(StandardCharsets.UTF_8);
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.ingressPort() + "/webhooks/demo"))
            .header("content-type", "application/json").header("webhook-id", "msg_burst").header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(SOURCE_SECRET), "msg_burst", now, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        final List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> responses = new java.util.ArrayList<>();
        final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(50);
        for (int i = 0; i < 50; i++) {
            responses.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, senders));
        }
        go.countDown();
        for (var response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        senders.shutdown();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
            .anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("msg_burst")));
        Thread.sleep(2000);
        final Topics topics = new Topics("it.");
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), topics.raw()).stream()
            .filter(r -> "msg_burst".equals(headerValue(r, "http.webhook-id"))).count()).isEqualTo(50);
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), topics.verified("demo")))
            .filteredOn(r -> r.key().equals("demo:msg_burst")).hasSize(1);
        assertThat(receiver.received()).filteredOn(r -> new String(r.body(), StandardCharsets.UTF_8).contains("msg_burst")).hasSize(1);
    }

    @Test
    void forgeryIsAcknowledgedThenRejectedAndNeverDelivered() throws Exception {
        final HttpResponse<String> response = post("msg_forged", "{\"type\":\"invoice.paid\",\"forged\":true}", SUBSCRIPTION_SECRET);
        assertThat(response.statusCode()).isEqualTo(200);
        final Topics topics = new Topics("it.");
        await().atMost(Duration.ofSeconds(30)).until(() -> !rejectedFor("msg_forged", topics).isEmpty());
        final ConsumerRecord<String, byte[]> rejected = rejectedFor("msg_forged", topics).get(0);
        assertThat(RejectionHeaders.reason(rejected.headers())).contains(RejectReason.BAD_SIGNATURE);
        assertThat(rejected.key()).isEqualTo("demo");
        Thread.sleep(1500);
        assertThat(receiver.received()).noneMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("forged"));
    }

    @Test
    void unknownSourceAndWrongMethodAreJsonErrors() throws Exception {
        final HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.ingressPort() + "/webhooks/nope"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(unknown.body()).get("error").asText()).isEqualTo("unknown_source");

        final HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.ingressPort() + "/webhooks/demo")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(Json.mapper().readTree(get.body()).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void readinessReportsEveryPart() throws Exception {
        final HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.adminPort() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(ready.body()).get("checks").fieldNames()).toIterable()
            .containsExactlyInAnyOrder("kafka", "sources", "subscriptions", "processor", "dispatcher", "ingress");
        final HttpResponse<String> healthy = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.adminPort() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(healthy.statusCode()).isEqualTo(200);
    }

    private static List<ConsumerRecord<String, byte[]>> rejectedFor(final String msgId, final Topics topics) {
        return TopicReader.readAll(kafka.bootstrapServers(), topics.rejected()).stream()
            .filter(r -> msgId.equals(headerValue(r, "http.webhook-id"))).toList();
    }

    private static String headerValue(final ConsumerRecord<String, byte[]> record, final String key) {
        final var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
