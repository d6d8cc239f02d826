package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.testing.AdminCalls;
import io.hookgate.app.testing.CapturedLogs;
import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.hookgate.app.testing.AdminCalls.error;
import static io.hookgate.app.testing.AdminCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operators' tools on a real broker: the admin API's token, DLQ and rejected replays (409 on a
 * second try, force, bulk counts, durable across a restart, deduplicated), the CLI against the
 * running gateway, every metric family, and logs free of secrets.
 */
class OperationsIT {

    static final String TOKEN = "operator-token-7d1f0c2b9a";
    static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String WRONG_SECRET = "whsec_ZGVtby1zb3VyY2Utc2VjcmV0LWZvci1ob29rZ2F0ZQ==";
    static final String SUBSCRIPTION_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    /** The token a Sterling-like sender puts in ?key=, and a configured one that is wrong at first. */
    static final String QUERY_TOKEN = "sterling-query-token-5e1d9c";
    static final String WRONG_QUERY_TOKEN = "sterling-wrong-token-00000";
    /** A credential the sender also sends, in a header hookgate does not verify: it must be hidden too. */
    static final String BEARER = "bearer-credential-9f8e7d6c5b";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void operatorsInspectReplayAndWatch(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); RecordingReceiver receiver = new RecordingReceiver();
             CapturedLogs logs = new CapturedLogs()) {
            final AtomicBoolean fixed = new AtomicBoolean();
            final AtomicBoolean flakyOnce = new AtomicBoolean();
            receiver.answer(request -> switch (request.path()) {
                case "/broken" -> RecordingReceiver.Answer.status(fixed.get() ? 204 : 400);
                case "/flaky" -> RecordingReceiver.Answer.status(flakyOnce.getAndSet(true) ? 204 : 503);
                default -> RecordingReceiver.Answer.status(204);
            });
            final String yaml = """
                kafka: {bootstrapServers: "%s", topicPrefix: "ops.", partitions: 2}
                ingress: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0, token: "%s", stateDir: "%s"}
                processor: {stateDir: "%s"}
                sources:
                  demo: {provider: standard-webhooks, secrets: ["%s"]}
                  fixme: {provider: standard-webhooks, secrets: ["%s"]}
                  sterling: {provider: token, queryParam: key, secrets: ["%s"]}
                subscriptions:
                  broken: {url: "%s", allowInsecureUrl: true, sources: [demo], eventTypes: ["broken.*"], secret: "%s"}
                  flaky: {url: "%s", allowInsecureUrl: true, sources: [demo], eventTypes: ["flaky.*"], secret: "%9$s"}
                  fixed: {url: "%s", allowInsecureUrl: true, sources: [fixme], secret: "%9$s"}
                  orders: {url: "%s", allowInsecureUrl: true, sources: [sterling], secret: "%9$s"}
                dispatch: {retryDelays: [1s]}
                """;
            final String wrongConfig = yaml.formatted(kafka.bootstrapServers(), TOKEN, dir.resolve("admin"), dir.resolve("streams"),
                SOURCE_SECRET, WRONG_SECRET, WRONG_QUERY_TOKEN, receiver.url("/broken"), SUBSCRIPTION_SECRET, receiver.url("/flaky"),
                receiver.url("/fixed"), receiver.url("/orders"));
            Gateway gateway = start(wrongConfig);
            try {
                final String admin = "http://127.0.0.1:" + gateway.adminPort();
                // The admin API refuses without a token and with a wrong one; health stays open.
                assertThat(call("GET", admin + "/admin/dlq", null, null).statusCode()).isEqualTo(401);
                assertThat(call("GET", admin + "/admin/dlq", "wrong-token-000000", null).statusCode()).isEqualTo(401);
                assertThat(error(call("GET", admin + "/admin/dlq", "wrong-token-000000", null))).isEqualTo("unauthorized");
                assertThat(call("GET", admin + "/healthz", null, null).statusCode()).isEqualTo(200);

                // Three deliveries to an endpoint answering 400: three DLQ entries.
                for (int i = 1; i <= 3; i++) {
                    send(gateway, "demo", "msg_broken_" + i, "{\"type\":\"broken.thing\"}", SOURCE_SECRET);
                }
                send(gateway, "demo", "msg_flaky", "{\"type\":\"flaky.thing\"}", SOURCE_SECRET);
                send(gateway, "demo", "msg_flaky", "{\"type\":\"flaky.thing\"}", SOURCE_SECRET);
                await().atMost(Duration.ofSeconds(60)).until(() -> entries(admin, "/admin/dlq?subscription=broken").size() == 3);
                final List<JsonNode> dead = entries(admin, "/admin/dlq?subscription=broken");
                assertThat(dead).allSatisfy(entry -> {
                    assertThat(entry.get("reason").asText()).isEqualTo("rejected");
                    assertThat(entry.get("source").asText()).isEqualTo("demo");
                    assertThat(entry.get("eventId").asText()).startsWith("msg_broken_");
                    assertThat(entry.get("attempts").get(0).get("status").asInt()).isEqualTo(400);
                    assertThat(entry.get("attempts").get(0).get("at").asText()).isNotBlank();
                    assertThat(entry.get("replay").get("count").asInt()).isZero();
                });
                final String firstId = dead.get(0).get("id").asText();
                assertThat(call("GET", admin + "/admin/dlq/" + firstId, TOKEN, null).statusCode()).isEqualTo(200);
                assertThat(error(call("GET", admin + "/admin/dlq/nope", TOKEN, null))).isEqualTo("not_found");

                // The endpoint is fixed: replay one, refuse a second replay, allow a forced one.
                fixed.set(true);
                assertThat(call("POST", admin + "/admin/dlq/" + firstId + "/replay", TOKEN, "").statusCode()).isEqualTo(200);
                assertThat(error(call("POST", admin + "/admin/dlq/" + firstId + "/replay", TOKEN, ""))).isEqualTo("already_replayed");
                assertThat(call("POST", admin + "/admin/dlq/" + firstId + "/replay?force=true", TOKEN, "").statusCode()).isEqualTo(200);
                final String replayedEvent = dead.get(0).get("eventId").asText();
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/broken").stream()
                    .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(replayedEvent)).count() == 3);
                // Bulk: three match, one already replayed is skipped; a dry run replays nothing.
                final JsonNode dry = json(call("POST", admin + "/admin/dlq/replay", TOKEN, "{\"subscription\":\"broken\",\"dryRun\":true}"));
                assertThat(dry.get("matched").asLong()).isEqualTo(3);
                assertThat(dry.get("replayed").asLong()).isEqualTo(2);
                assertThat(dry.get("skipped").asLong()).isEqualTo(1);
                final JsonNode bulk = json(call("POST", admin + "/admin/dlq/replay", TOKEN, "{\"subscription\":\"broken\"}"));
                assertThat(bulk.get("matched").asLong()).isEqualTo(3);
                assertThat(bulk.get("replayed").asLong()).isEqualTo(2);
                assertThat(bulk.get("skipped").asLong()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/broken").stream()
                    .filter(r -> r.headers().containsKey("webhook-id")).count() >= 3 + 4);
                // Replays keep the webhook-id of the first delivery of the same event.
                assertThat(receiver.receivedAt("/broken")).filteredOn(r -> new String(r.body(), StandardCharsets.UTF_8).contains("msg_broken_1"))
                    .extracting(r -> r.header("webhook-id")).containsOnly(webhookIdOf(receiver, "msg_broken_1"));

                // A webhook rejected because the source's secret is wrong.
                send(gateway, "fixme", "msg_fixme", "{\"type\":\"fixme.thing\"}", SOURCE_SECRET);
                await().atMost(Duration.ofSeconds(30)).until(() -> entries(admin, "/admin/rejected?source=fixme").size() == 1);
                assertThat(entries(admin, "/admin/rejected?source=fixme").get(0).get("reason").asText()).isEqualTo("bad_signature");

                // A token in the query and a bearer credential, refused: shown with their values redacted, names kept.
                sendWithQueryToken(gateway);
                await().atMost(Duration.ofSeconds(30)).until(() -> entries(admin, "/admin/rejected?source=sterling").size() == 1);
                final JsonNode refused = entries(admin, "/admin/rejected?source=sterling").get(0);
                assertThat(refused.get("reason").asText()).isEqualTo("bad_credentials");
                assertThat(refused.get("request").get("query").asText()).isEqualTo("key=[redacted]&order=42");
                assertThat(refused.get("request").get("headers")).anySatisfy(header -> {
                    assertThat(header.get("name").asText()).isEqualTo("authorization");
                    assertThat(header.get("value").asText()).isEqualTo("[redacted]");
                });
                final String shown = call("GET", admin + "/admin/rejected/" + refused.get("id").asText(), TOKEN, null).body()
                    + call("GET", admin + "/admin/rejected?source=sterling", TOKEN, null).body();
                assertThat(shown).contains("[redacted]").doesNotContain(QUERY_TOKEN).doesNotContain(BEARER);
                assertThat(error(call("GET", admin + "/admin/quarantine", null, null))).isEqualTo("unauthorized");
                assertThat(json(call("GET", admin + "/admin/quarantine", TOKEN, null)).get("total").asLong()).isZero();

                // Every metric family operators rely on.
                final String metrics = call("GET", "http://127.0.0.1:" + gateway.adminPort() + "/metrics", null, null).body();
                assertThat(metrics).contains("hookgate_ingress_requests_total{", "hookgate_ingress_latency_seconds_bucket{",
                    "hookgate_verification_failures_total{", "hookgate_verify_latency_seconds_bucket{", "hookgate_events_duplicates_total{",
                    "hookgate_events_published_total{", "hookgate_deliveries_total{", "hookgate_retries_total{", "hookgate_dlq_total{",
                    "hookgate_delivery_end_to_end_seconds_bucket{", "hookgate_delivery_latency_seconds_bucket{", "kafka_producer_",
                    "kafka_consumer_", "kafka_stream_", "jvm_memory_used_bytes{", "process_uptime_seconds", "hookgate_admin_index_quarantined_total{");
                Files.writeString(dir.resolve("metrics.txt"), metrics);
            } finally {
                gateway.close();
            }

            // Restart with the secret fixed: the replay state and the rejected entry are still there.
            gateway = start(wrongConfig.replace(WRONG_SECRET, SOURCE_SECRET).replace(WRONG_QUERY_TOKEN, QUERY_TOKEN));
            try {
                final String admin = "http://127.0.0.1:" + gateway.adminPort();
                await().atMost(Duration.ofSeconds(60)).until(() -> entries(admin, "/admin/rejected?source=fixme").size() == 1);
                final String rejectedId = entries(admin, "/admin/rejected?source=fixme").get(0).get("id").asText();
                final String firstDlq = entries(admin, "/admin/dlq?subscription=broken").get(0).get("id").asText();
                assertThat(error(call("POST", admin + "/admin/dlq/" + firstDlq + "/replay", TOKEN, ""))).as("durable replay state")
                    .isEqualTo("already_replayed");

                assertThat(call("POST", admin + "/admin/rejected/" + rejectedId + "/replay", TOKEN, "").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/fixed").size() == 1);
                assertThat(call("POST", admin + "/admin/rejected/" + rejectedId + "/replay?force=true", TOKEN, "").statusCode()).isEqualTo(200);
                Thread.sleep(3000);
                assertThat(receiver.receivedAt("/fixed")).as("deduplicated: delivered once though replayed twice").hasSize(1);

                // Its replay re-injects the original from Kafka, token and all: with the token fixed, it verifies.
                final String sterlingId = entries(admin, "/admin/rejected?source=sterling").get(0).get("id").asText();
                assertThat(call("POST", admin + "/admin/rejected/" + sterlingId + "/replay", TOKEN, "").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/orders").size() == 1);
                assertThat(new String(receiver.receivedAt("/orders").get(0).body(), StandardCharsets.UTF_8)).contains("\"order\":42");

                // The CLI against the running gateway.
                final Path cliLog = dir.resolve("cli.log");
                final ChildHookgate list = ChildHookgate.start(cliLog, Map.of("HOOKGATE_ADMIN_TOKEN", TOKEN),
                    "dlq", "list", "--admin", admin, "--subscription", "broken", "--json");
                assertThat(list.waitFor()).isZero();
                assertThat(Json.mapper().readTree(list.output().substring(list.output().indexOf('{'))).get("entries")).hasSize(3);
                final ChildHookgate table = ChildHookgate.start(dir.resolve("table.log"), Map.of("HOOKGATE_ADMIN_TOKEN", TOKEN),
                    "rejected", "list", "--admin", admin);
                assertThat(table.waitFor()).isZero();
                assertThat(table.output()).contains("ID").contains("bad_signature").contains("bad_credentials").contains("2 entries");
                final ChildHookgate replay = ChildHookgate.start(dir.resolve("replay.log"), Map.of("HOOKGATE_ADMIN_TOKEN", TOKEN),
                    "dlq", "replay", "--admin", admin, "--subscription", "broken");
                assertThat(replay.waitFor()).isZero();
                assertThat(replay.output()).contains("matched 3, replayed 0, skipped 3").contains("3/3");
                final ChildHookgate refused = ChildHookgate.start(dir.resolve("refused.log"), Map.of("HOOKGATE_ADMIN_TOKEN", "wrong-token-0000"),
                    "dlq", "list", "--admin", admin);
                assertThat(refused.waitFor()).isEqualTo(6);
                assertThat(refused.output()).contains("unauthorized");
                final ChildHookgate show = ChildHookgate.start(dir.resolve("show.log"), Map.of("HOOKGATE_ADMIN_TOKEN", TOKEN),
                    "rejected", "show", sterlingId, "--admin", admin);
                assertThat(show.waitFor()).isZero();
                assertThat(show.output()).contains("key=[redacted]&order=42").doesNotContain(QUERY_TOKEN).doesNotContain(BEARER);
                final ChildHookgate typo = ChildHookgate.start(dir.resolve("typo.log"), Map.of("HOOKGATE_ADMIN_TOKEN", TOKEN),
                    "dlq", "list", "--reason", "exhaustd", "--admin", admin);
                assertThat(typo.waitFor()).isEqualTo(2);
                assertThat(typo.output()).contains("did you mean 'exhausted'?").doesNotContain("Exception");
            } finally {
                gateway.close();
            }

            // No secret, token or signature ever reached a log line.
            final String logged = logs.text();
            assertThat(logs.lines()).isGreaterThan(10);
            for (String secret : List.of(SOURCE_SECRET, WRONG_SECRET, SUBSCRIPTION_SECRET, TOKEN, QUERY_TOKEN, WRONG_QUERY_TOKEN, BEARER,
                SOURCE_SECRET.substring(6),
                SUBSCRIPTION_SECRET.substring(6))) {
                assertThat(logged).doesNotContain(secret);
            }
            receiver.received().forEach(request -> assertThat(logged).doesNotContain(request.header("webhook-signature").substring(3)));
        }
    }

    private static String webhookIdOf(final RecordingReceiver receiver, final String eventId) {
        return receiver.receivedAt("/broken").stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(eventId))
            .findFirst().orElseThrow().header("webhook-id");
    }

    private static Gateway start(final String yaml) {
        return Gateways.running(Gateways.config(yaml));
    }

    private static void send(final Gateway gateway, final String source, final String msgId, final String body, final String secret)
        throws Exception {
        final long now = Instant.now().getEpochSecond();
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.ingressPort() + "/webhooks/" + source))
            .header("content-type", "application/json").header("webhook-id", msgId).header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(secret), msgId, now, bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static void sendWithQueryToken(final Gateway gateway) throws Exception {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.ingressPort()
                + "/webhooks/sterling?key=" + QUERY_TOKEN + "&order=42"))
            .header("content-type", "application/json").header("Authorization", "Bearer " + BEARER)
            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"order.shipped\",\"order\":42}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> call(final String method, final String url, final String token, final String body) throws Exception {
        return AdminCalls.call(method, url, token, body);
    }

    private static List<JsonNode> entries(final String admin, final String path) throws Exception {
        return AdminCalls.entries(admin, path, TOKEN);
    }
}
