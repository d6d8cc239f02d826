package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.testing.Gateways;
import io.hookgate.app.testing.SignedSends;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hookgate.app.testing.AdminCalls.call;
import static io.hookgate.app.testing.AdminCalls.entries;
import static io.hookgate.app.testing.AdminCalls.error;
import static io.hookgate.app.testing.AdminCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every delivery accounted for, on a real broker: the delivery log answers for a delivered, a
 * retried and a dead-lettered event, an event's deliveries across subscriptions, each subscription's
 * health; the DLQ shows what the subscriber answered and, after a replay, that the redelivery was
 * delivered.
 */
class DeliveryLogIT {

    static final String TOKEN = "operator-token-deliveries-01";
    static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SUBSCRIPTION_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    @Test
    void theDeliveryLogAnswersForEveryDelivery(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); RecordingReceiver receiver = new RecordingReceiver()) {
            final Map<String, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();
            final AtomicBoolean fixed = new AtomicBoolean();
            receiver.answer(request -> switch (request.path()) {
                // Each delivery fails once with a body that says why, then succeeds.
                case "/flaky" -> flakyAttempts.computeIfAbsent(request.header("webhook-id"), id -> new AtomicInteger()).getAndIncrement() == 0
                    ? RecordingReceiver.Answer.json(500, "{\"error\":\"db down\"}") : RecordingReceiver.Answer.status(200);
                case "/broken" -> fixed.get() ? RecordingReceiver.Answer.status(204) : RecordingReceiver.Answer.json(400, "{\"error\":\"bad payload\"}");
                default -> RecordingReceiver.Answer.status(204);
            });
            final Gateway gateway = Gateways.running(Gateways.config("""
                kafka: {bootstrapServers: "%s", topicPrefix: "dl.", partitions: 2}
                ingress: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0, token: "%s", stateDir: "%s"}
                processor: {stateDir: "%s"}
                sources:
                  demo: {provider: standard-webhooks, secrets: ["%s"]}
                subscriptions:
                  audit: {url: "%s", allowInsecureUrl: true, sources: [demo], secret: "%s"}
                  flaky: {url: "%s", allowInsecureUrl: true, sources: [demo], eventTypes: ["flaky.*"], secret: "%7$s"}
                  broken: {url: "%s", allowInsecureUrl: true, sources: [demo], eventTypes: ["broken.*"], secret: "%7$s"}
                dispatch: {retryDelays: [1s]}
                """.formatted(kafka.bootstrapServers(), TOKEN, dir.resolve("admin"), dir.resolve("streams"), SOURCE_SECRET,
                receiver.url("/audit"), SUBSCRIPTION_SECRET, receiver.url("/flaky"), receiver.url("/broken"))));
            try {
                final String admin = "http://127.0.0.1:" + gateway.adminPort();
                assertThat(SignedSends.post(gateway.ingressPort(), "demo", "evt_ok", "{\"type\":\"ok.thing\"}", SOURCE_SECRET)).isEqualTo(200);
                assertThat(SignedSends.post(gateway.ingressPort(), "demo", "evt_flaky", "{\"type\":\"flaky.thing\"}", SOURCE_SECRET))
                    .isEqualTo(200);
                assertThat(SignedSends.post(gateway.ingressPort(), "demo", "evt_broken", "{\"type\":\"broken.thing\"}", SOURCE_SECRET))
                    .isEqualTo(200);

                // Delivered: one attempt.
                await().atMost(Duration.ofSeconds(60)).until(() -> entries(admin, "/admin/deliveries?subscription=audit", TOKEN).size() == 3);
                final JsonNode delivered = only(entries(admin, "/admin/deliveries?eventId=evt_ok", TOKEN));
                assertThat(delivered.path("subscription").asText()).isEqualTo("audit");
                assertThat(delivered.path("outcome").asText()).isEqualTo("delivered");
                assertThat(delivered.path("attemptCount").asInt()).isEqualTo(1);
                assertThat(delivered.path("attempts").get(0).path("status").asInt()).isEqualTo(204);

                // Retried, then delivered; and the event's deliveries across both subscriptions that wanted it.
                await().atMost(Duration.ofSeconds(60)).until(() -> entries(admin, "/admin/deliveries?eventId=evt_flaky&outcome=delivered",
                    TOKEN).size() == 2);
                final List<JsonNode> flakyEvent = entries(admin, "/admin/deliveries?eventId=evt_flaky&source=demo", TOKEN);
                assertThat(flakyEvent).extracting(d -> d.path("subscription").asText()).containsExactlyInAnyOrder("audit", "flaky");
                final JsonNode retried = flakyEvent.stream().filter(d -> d.path("subscription").asText().equals("flaky")).findFirst().orElseThrow();
                assertThat(retried.path("attemptCount").asInt()).isEqualTo(2);
                final JsonNode firstTry = retried.path("attempts").get(0);
                assertThat(firstTry.path("status").asInt()).isEqualTo(500);
                assertThat(firstTry.path("outcome").asText()).isEqualTo("retry");
                assertThat(firstTry.path("tier").asText()).isEqualTo("dispatch");
                assertThat(firstTry.path("response").path("body").asText()).isEqualTo("{\"error\":\"db down\"}");
                assertThat(firstTry.path("response").path("headers").path("content-type").asText()).isEqualTo("application/json");
                assertThat(retried.path("attempts").get(1).path("tier").asText()).isEqualTo("1s");
                assertThat(retried.path("attempts").get(1).path("status").asInt()).isEqualTo(200);
                // Its webhook-id is the delivery's id.
                assertThat(json(call("GET", admin + "/admin/deliveries/" + retried.path("deliveryId").asText(), TOKEN, null))
                    .path("attempts")).hasSize(2);
                assertThat(flakyAttempts).containsKey(retried.path("deliveryId").asText());

                // Dead-lettered: the log says so, the DLQ finds it by event and shows what the subscriber said.
                await().atMost(Duration.ofSeconds(60)).until(() -> entries(admin, "/admin/dlq?eventId=evt_broken", TOKEN).size() == 1);
                final JsonNode dead = only(entries(admin, "/admin/deliveries?outcome=dead", TOKEN));
                assertThat(dead.path("subscription").asText()).isEqualTo("broken");
                assertThat(dead.path("dlqReason").asText()).isEqualTo("rejected");
                final String dlqId = only(entries(admin, "/admin/dlq?eventId=evt_broken", TOKEN)).path("id").asText();
                final JsonNode entry = json(call("GET", admin + "/admin/dlq/" + dlqId, TOKEN, null));
                assertThat(entry.path("deliveryId").asText()).isEqualTo(dead.path("deliveryId").asText());
                assertThat(entry.path("attempts").get(0).path("status").asInt()).isEqualTo(400);
                assertThat(entry.path("attempts").get(0).path("response").path("body").asText()).isEqualTo("{\"error\":\"bad payload\"}");
                assertThat(entry.path("payload").path("json").path("eventId").asText()).isEqualTo("evt_broken");

                // Health: the flaky endpoint answered one of two attempts; the broken one none.
                final JsonNode flakyHealth = json(call("GET", admin + "/admin/subscriptions/flaky/health", TOKEN, null));
                assertThat(flakyHealth.path("windows").path("5m").path("attempts").asInt()).isEqualTo(2);
                assertThat(flakyHealth.path("windows").path("5m").path("successRate").asDouble()).isEqualTo(0.5);
                assertThat(flakyHealth.path("windows").path("24h").path("delivered").asInt()).isEqualTo(1);
                assertThat(flakyHealth.path("windows").path("5m").path("p99Ms").isNumber()).isTrue();
                assertThat(flakyHealth.path("lastError").path("status").asInt()).isEqualTo(500);
                assertThat(flakyHealth.path("breaker").asText()).as("never reported open: closed").isEqualTo("closed");
                final JsonNode brokenHealth = json(call("GET", admin + "/admin/subscriptions/broken/health", TOKEN, null));
                assertThat(brokenHealth.path("windows").path("5m").path("successRate").asDouble()).isZero();
                assertThat(error(call("GET", admin + "/admin/subscriptions/nope/health", TOKEN, null))).isEqualTo("not_found");

                // Fixed and replayed: the replay answers it was not forced, and its state records the redelivery.
                fixed.set(true);
                assertThat(json(call("POST", admin + "/admin/dlq/" + dlqId + "/replay", TOKEN, "")).path("forced").asBoolean()).isFalse();
                await().atMost(Duration.ofSeconds(60)).until(() -> "delivered".equals(json(call("GET", admin + "/admin/dlq/" + dlqId, TOKEN,
                    null)).path("replay").path("redelivery").asText()));
                final JsonNode redelivered = json(call("GET", admin + "/admin/deliveries/" + dead.path("deliveryId").asText(), TOKEN, null));
                assertThat(redelivered.path("outcome").asText()).isEqualTo("delivered");
                assertThat(redelivered.path("attemptCount").asInt()).isEqualTo(2);
                assertThat(json(call("POST", admin + "/admin/dlq/" + dlqId + "/replay?force=true", TOKEN, "")).path("forced").asBoolean())
                    .isTrue();
            } finally {
                gateway.close();
            }
        }
    }

    private static JsonNode only(final List<JsonNode> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
