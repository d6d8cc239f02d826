package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every provider through the real ingress, processor and dispatcher on a real broker: a request
 * signed as the provider signs it is acknowledged (with the provider's required body), verified,
 * and delivered once with its event id; handshakes are answered by the ingress and never stored.
 * The application's own events ({@code publisher}) go the same way, refused with their reason
 * where they break their source's catalogue.
 */
class ProvidersIT {

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    static Gateway gateway;
    static HookgateConfig config;
    static int port;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Map<String, String> SOURCES = new java.util.LinkedHashMap<>();
    static final String APP_TOKEN = "hgp_3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e";

    @BeforeAll
    static void start(@TempDir final Path state) throws Exception {
        kafka = KafkaTestCluster.start();
        receiver = new RecordingReceiver();
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final String base = "http://127.0.0.1:" + port + "/webhooks/";
        SOURCES.put("stripe", "{provider: stripe, secrets: [whsec_test_secret]}");
        SOURCES.put("github", "{provider: github, secrets: [gh-secret]}");
        SOURCES.put("slack", "{provider: slack, secrets: [8f742231b10e8888abcd99yyyzzz85a5]}");
        SOURCES.put("zoom", "{provider: zoom, secrets: [zoom_secret_token]}");
        SOURCES.put("docusign", "{provider: docusign, secrets: [\"docusign_hmac_key_example=\"]}");
        SOURCES.put("dropbox", "{provider: dropbox-sign, secrets: [324e3b0840f065eb51f3fd63231d0d33]}");
        SOURCES.put("square", "{provider: square, publicUrl: \"" + base + "square\", secrets: [sq-key]}");
        SOURCES.put("twilio", "{provider: twilio, publicUrl: \"" + base + "twilio\", secrets: [\"12345\"]}");
        SOURCES.put("shopify", "{provider: shopify, secrets: [test_secret_key]}");
        SOURCES.put("checkr", "{provider: checkr, secrets: [checkr_test_api_key]}");
        SOURCES.put("svix", "{provider: standard-webhooks, secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]}");
        SOURCES.put("generic", "{provider: hmac, header: X-Signature, timestampHeader: X-Timestamp, idHeader: X-Event-Id,"
            + " signedContent: \"{id}.{timestamp}.{body}\", secrets: [generic-secret]}");
        SOURCES.put("basic", "{provider: basic-auth, secrets: [\"hook:pass-word\"]}");
        SOURCES.put("sterling", "{provider: token, queryParam: key, secrets: [tok_9f8e7d6c5b4a39281706]}");
        final StringBuilder yaml = new StringBuilder("""
            kafka: {bootstrapServers: "%s", topicPrefix: "prov.", partitions: 2}
            ingress: {host: 127.0.0.1, port: %d}
            admin: {host: 127.0.0.1, port: 0}
            processor: {stateDir: "%s"}
            dispatch: {retryDelays: [1s]}
            sources:
            """.formatted(kafka.bootstrapServers(), port, state));
        SOURCES.forEach((id, source) -> yaml.append("  ").append(id).append(": ").append(source).append('\n'));
        // The application's own events: a source and a subscription apart, so that the tests of the other providers do not see them.
        final Path schema = java.nio.file.Files.writeString(state.resolve("order-created.json"),
            "{\"type\": \"object\", \"required\": [\"orderId\"], \"properties\": {\"total\": {\"type\": \"number\", \"minimum\": 0}}}");
        yaml.append("  app: {provider: publisher, secrets: [").append(APP_TOKEN).append("], eventTypes: [{name: order.created, schema: \"")
            .append(schema).append("\"}, order.cancelled]}\n");
        yaml.append("subscriptions:\n  all:\n    url: \"").append(receiver.url("/all")).append("\"\n    allowInsecureUrl: true\n")
            .append("    secret: whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\n    sources: [")
            .append(String.join(", ", SOURCES.keySet())).append("]\n");
        yaml.append("  orders: {url: \"").append(receiver.url("/orders")).append("\", allowInsecureUrl: true, sources: [app], ")
            .append("eventTypes: [\"order.*\"], secret: whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD}\n");
        config = Gateways.config(yaml.toString());
        gateway = Gateways.running(config);
    }

    @AfterAll
    static void stop() throws Exception {
        Gateways.closeAll(gateway, receiver, kafka);
    }

    static HttpResponse<String> post(final String source, final SignedRequest signed) throws Exception {
        final String url = "http://127.0.0.1:" + port + "/webhooks/" + source + (signed.query().isEmpty() ? "" : "?" + signed.query());
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().asList().forEach(h -> request.header(h.name(), h.value()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static SourceScheme scheme(final String source) {
        return Providers.builtIn().bind(config).forSource(source).orElseThrow();
    }

    @Test
    void everyProviderIsVerifiedAndDeliveredOnce() throws Exception {
        final Map<String, String> sentEventIds = new HashMap<>();
        for (String source : SOURCES.keySet()) {
            final SourceScheme scheme = scheme(source);
            final Instant now = Instant.now();
            final SignedRequest signed = scheme.sign(scheme.sampleBody(now), now);
            final HttpResponse<String> response = post(source, signed);
            assertThat(response.statusCode()).as(source).isEqualTo(200);
            if ("dropbox".equals(source)) {
                assertThat(response.body()).isEqualTo("Hello API Event Received");
            } else {
                assertThat(Json.mapper().readTree(response.body()).get("ingressId").asText()).as(source).isNotBlank();
            }
            // The same request again: deduplicated.
            assertThat(post(source, signed).statusCode()).isEqualTo(200);
            sentEventIds.put(source, null);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.receivedAt("/all").size() >= SOURCES.size());
        Thread.sleep(1500);
        final List<JsonNode> envelopes = receiver.receivedAt("/all").stream()
            .map(r -> Json.read(r.body(), JsonNode.class)).toList();
        assertThat(envelopes).extracting(e -> e.get("source").asText()).containsExactlyInAnyOrderElementsOf(SOURCES.keySet());
        assertThat(envelopes).allSatisfy(e -> assertThat(e.get("eventId").asText()).isNotBlank());
        assertThat(envelopes).filteredOn(e -> e.get("source").asText().equals("svix"))
            .allSatisfy(e -> assertThat(e.get("eventIdOrigin").asText()).isEqualTo("provider"));
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), new Topics("prov.").rejected()))
            .as("rejections other than the forged handshake and the application's refused events of the other tests")
            .filteredOn(r -> !"app".equals(r.key()))
            .allMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("endpoint.url_validation"));
    }

    static HttpResponse<String> publish(final String type, final String idempotencyKey, final String body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/app"))
            .header("Authorization", "Bearer " + APP_TOKEN).header("Event-Type", type).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApplicationsOwnEventsAreDeliveredOncePerKeyAndRefusedWithTheirReasons() throws Exception {
        final String body = "{\"orderId\": 1042, \"total\": 12.50}";
        assertThat(publish("order.created", "order-1042-created", body).statusCode()).isEqualTo(200);
        assertThat(publish("order.created", "order-1042-created", body).statusCode()).as("stored, then deduplicated").isEqualTo(200);
        assertThat(publish("order.shipped", "order-1042-shipped", body).statusCode()).as("stored, then refused").isEqualTo(200);
        assertThat(publish("order.created", "order-1043-created", "{\"orderId\": 1043, \"total\": -1}").statusCode()).isEqualTo(200);

        final Topics topics = new Topics("prov.");
        await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), topics.rejected()).stream()
            .filter(r -> "app".equals(r.key())).count() >= 2);
        final Map<RejectReason, String> refused = new HashMap<>();
        TopicReader.readAll(kafka.bootstrapServers(), topics.rejected()).stream().filter(r -> "app".equals(r.key()))
            .forEach(r -> refused.put(RejectionHeaders.reason(r.headers()).orElseThrow(), RejectionHeaders.detail(r.headers())));
        assertThat(refused).containsOnlyKeys(RejectReason.UNKNOWN_EVENT_TYPE, RejectReason.SCHEMA_VIOLATION);
        assertThat(refused.get(RejectReason.UNKNOWN_EVENT_TYPE)).contains("'order.shipped' is not declared by source app");
        assertThat(refused.get(RejectReason.SCHEMA_VIOLATION)).contains("at \"/total\": must have a minimum value of 0");

        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedAt("/orders").isEmpty());
        Thread.sleep(1500);
        final List<JsonNode> delivered = receiver.receivedAt("/orders").stream().map(r -> Json.read(r.body(), JsonNode.class)).toList();
        assertThat(delivered).as("the same Idempotency-Key twice is one delivery").hasSize(1);
        assertThat(delivered.get(0).get("eventId").asText()).isEqualTo("order-1042-created");
        assertThat(delivered.get(0).get("type").asText()).isEqualTo("order.created");
        assertThat(new String(receiver.receivedAt("/orders").get(0).body(), StandardCharsets.UTF_8)).as("the payload byte for byte")
            .contains("\"payload\":" + body);
    }

    @Test
    void handshakesAreAnsweredAtTheIngressAndNeverStored() throws Exception {
        final Instant now = Instant.now();
        final String slackBody = "{\"token\":\"t\",\"challenge\":\"chal-123\",\"type\":\"url_verification\"}";
        final HttpResponse<String> slack = post("slack", scheme("slack").sign(slackBody.getBytes(StandardCharsets.UTF_8), now));
        assertThat(slack.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(slack.body()).get("challenge").asText()).isEqualTo("chal-123");

        final String zoomBody = "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1,\"event\":\"endpoint.url_validation\"}";
        final HttpResponse<String> zoom = post("zoom", scheme("zoom").sign(zoomBody.getBytes(StandardCharsets.UTF_8), now));
        assertThat(zoom.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(zoom.body()).get("encryptedToken").asText())
            .isEqualTo("bd48235863f4a6323ccc4963c594908b7c97f88b4a6a95278f4f093690b12726");

        final HttpResponse<String> sslCheck = post("slack", new SignedRequest(HttpHeaders.empty()
            .with("Content-Type", "application/x-www-form-urlencoded"), "ssl_check=1&token=x".getBytes(StandardCharsets.UTF_8), ""));
        assertThat(sslCheck.statusCode()).isEqualTo(200);

        // A forged challenge gets no answer: it is stored like any request and rejected downstream.
        final HttpResponse<String> forged = post("zoom", io.hookgate.providers.Providers.builtIn().find("zoom").orElseThrow()
            .bind(new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get)
                .parse("sources:\n  zoom: {provider: zoom, secrets: [attacker]}\n").sources().get("zoom"))
            .sign(zoomBody.getBytes(StandardCharsets.UTF_8), now));
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(forged.body()).has("encryptedToken")).isFalse();

        final Topics topics = new Topics("prov.");
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), topics.rejected()).stream()
            .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("endpoint.url_validation")));
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), topics.raw()))
            .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("chal-123"))
            .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("ssl_check"));
    }
}
