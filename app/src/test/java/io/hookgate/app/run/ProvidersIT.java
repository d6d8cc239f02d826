package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.json.Json;
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
 */
class ProvidersIT {

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    static Gateway gateway;
    static HookgateConfig config;
    static int port;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Map<String, String> SOURCES = new java.util.LinkedHashMap<>();

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
        yaml.append("subscriptions:\n  all:\n    url: \"").append(receiver.url("/all")).append("\"\n    allowInsecureUrl: true\n")
            .append("    secret: whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\n    sources: [")
            .append(String.join(", ", SOURCES.keySet())).append("]\n");
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
            .as("rejections other than the forged handshake of the other test")
            .allMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("endpoint.url_validation"));
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
