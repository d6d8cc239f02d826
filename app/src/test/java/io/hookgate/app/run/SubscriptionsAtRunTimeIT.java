package io.hookgate.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SecretBox;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions made, changed, disabled and deleted through the admin API while the gateway runs,
 * on a real broker: two processors and two dispatchers as instances of their own (own clients, own
 * groups' members, own tables), an ingress with the admin API. Each change must be in force at every
 * instance within 5 s, measured from the API's answer to the change showing in each instance's table;
 * deliveries follow it (the URL, the secret during a rotation, nothing while disabled or deleted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscriptionsAtRunTimeIT {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsAtRunTimeIT.class);
    static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String PUBLISH_TOKEN = "app-publish-token-5e0d1c2b3a4f5e6d7c8b";
    static final String TOKEN = "admin-token-for-the-run-time-test";
    static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(5);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    static String secretsKey = SecretBox.newKey();
    static Gateway front;
    static final List<Gateway> workers = new ArrayList<>();
    static final Map<String, List<Long>> propagationMillis = new LinkedHashMap<>();
    static Path stateRoot;
    static String secret;
    static int sent;
    /** When the last admin request was sent: the change's full delay counts from there. */
    static long requestedAt;
    static final Map<String, List<Long>> sinceRequestMillis = new LinkedHashMap<>();

    @BeforeAll
    static void start(@TempDir final Path state) throws Exception {
        stateRoot = state;
        kafka = KafkaTestCluster.start();
        receiver = new RecordingReceiver();
        front = new Gateway(config("front", true), EnumSet.of(Part.INGRESS, Part.ADMIN), Clock.systemUTC());
        front.start();
        for (String name : List.of("processor-1", "processor-2")) {
            workers.add(started(config(name, false), Part.PROCESSOR));
        }
        for (String name : List.of("dispatcher-1", "dispatcher-2")) {
            workers.add(started(config(name, false), Part.DISPATCHER));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> workers.stream().allMatch(Gateway::processorRunning));
    }

    static Gateway started(final HookgateConfig config, final Part part) {
        final Gateway gateway = new Gateway(config, EnumSet.of(part), Clock.systemUTC());
        gateway.start();
        return gateway;
    }

    static HookgateConfig config(final String instance, final boolean adminApi) {
        return Gateways.config("""
            kafka: {bootstrapServers: "%s", topicPrefix: "rt.", partitions: 2}
            ingress: {host: 127.0.0.1, port: 0}
            admin: {host: 127.0.0.1, port: 0, stateDir: "%s", secretsKey: "%s"%s}
            processor: {stateDir: "%s"}
            sources:
              demo: {provider: standard-webhooks, secrets: ["%s"]}
              app: {provider: publisher, secrets: ["%s"]}
            dispatch: {retryDelays: [1s], parkFor: 1s}
            """.formatted(kafka.bootstrapServers(), stateRoot.resolve(instance + "-admin"), secretsKey,
            adminApi ? ", token: \"" + TOKEN + "\"" : "", stateRoot.resolve(instance + "-streams"), SOURCE_SECRET, PUBLISH_TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        LOG.info("Time from the admin API's answer to the change in force, per instance (ms): {}", propagationMillis);
        LOG.info("Time from the admin request to the change in force, per instance (ms): {}", sinceRequestMillis);
        for (Gateway worker : workers) {
            Gateways.closeAll(worker);
        }
        Gateways.closeAll(front, receiver, kafka);
    }

    static HttpResponse<String> admin(final String method, final String path, final String body) throws Exception {
        requestedAt = System.nanoTime();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.adminPort() + path))
            .header("authorization", "Bearer " + TOKEN).header("content-type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** The change is in force at every instance (the front's table too) within 5 s of {@code answeredAt}; each one's delay recorded. */
    static void inForceEverywhere(final String change, final long answeredAt, final Predicate<Subscriptions> inForce) throws Exception {
        final List<Gateway> all = new ArrayList<>(workers);
        all.add(front);
        final long[] millis = new long[all.size()];
        java.util.Arrays.fill(millis, -1);
        final long deadline = answeredAt + IN_FORCE_WITHIN.toNanos();
        // Every instance looked at in each round, so each one's delay is its own, not the sum of the waits before it.
        while (java.util.Arrays.stream(millis).anyMatch(m -> m < 0) && System.nanoTime() < deadline) {
            for (int i = 0; i < all.size(); i++) {
                if (millis[i] < 0 && inForce.test(all.get(i).subscriptions().orElseThrow())) {
                    millis[i] = (System.nanoTime() - answeredAt) / 1_000_000;
                }
            }
            Thread.sleep(1);
        }
        assertThat(millis).as(change + ": ms until in force at each instance (-1: not within 5 s)").doesNotContain(-1L);
        propagationMillis.put(change, java.util.Arrays.stream(millis).boxed().toList());
        final long requestToAnswer = (answeredAt - requestedAt) / 1_000_000;
        sinceRequestMillis.put(change, java.util.Arrays.stream(millis).map(m -> m + requestToAnswer).boxed().toList());
    }

    static List<String> send(final int count) throws Exception {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String id = "msg_rt_" + (++sent);
            final long now = Instant.now().getEpochSecond();
            final byte[] body = ("{\"type\":\"order.created\",\"n\":" + sent + "}").getBytes(StandardCharsets.UTF_8);
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.ingressPort() + "/webhooks/demo"))
                .header("content-type", "application/json").header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", StandardWebhooksSigner.header(List.of(SOURCE_SECRET), id, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            ids.add(id);
        }
        return ids;
    }

    static List<RecordingReceiver.Received> deliveriesOf(final List<String> ids, final String path) {
        return receiver.receivedAt(path).stream().filter(received -> ids.stream().anyMatch(id ->
            new String(received.body(), StandardCharsets.UTF_8).contains("\"" + id + "\""))).toList();
    }

    /** Waits for a delivery of each of {@code ids} at {@code path}; says where each event got to when one is missing. */
    static void awaitDelivered(final List<String> ids, final String path) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveriesOf(ids, path).size() == ids.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            final io.hookgate.core.topics.Topics topics = new io.hookgate.core.topics.Topics("rt.");
            final StringBuilder where = new StringBuilder();
            for (String topic : List.of(topics.verified("demo"), topics.dispatch(), topics.attempts(), topics.retry(Duration.ofSeconds(1)),
                topics.dlq())) {
                final long count = io.hookgate.core.testing.TopicReader.readAll(kafka.bootstrapServers(), topic).stream()
                    .filter(r -> ids.stream().anyMatch(id -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(id)
                        || r.key() != null && r.key().contains(id) || java.util.stream.StreamSupport.stream(r.headers().spliterator(), false)
                        .anyMatch(h -> new String(h.value(), StandardCharsets.UTF_8).contains(id)))).count();
                where.append(topic).append('=').append(count).append(' ');
            }
            receiver.received().forEach(r -> where.append("\n  received at ").append(r.path()).append(": ")
                .append(text(r), 0, Math.min(120, text(r).length())));
            throw new AssertionError("not every one of " + ids + " was delivered at " + path + "; records: " + where, e);
        }
    }

    static String text(final RecordingReceiver.Received received) {
        return new String(received.body(), StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void aCreatedSubscriptionIsInForceEverywhereAndItsDeliveriesVerifyWithTheSecretTheCreateReturned() throws Exception {
        final HttpResponse<String> created = admin("POST", "/admin/subscriptions", """
            {"id": "orders", "url": "%s", "sources": ["demo"], "allowInsecureUrl": true, "description": "made at run time"}
            """.formatted(receiver.url("/a")));
        final long answeredAt = System.nanoTime();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        final JsonNode body = Json.mapper().readTree(created.body());
        secret = body.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        inForceEverywhere("create", answeredAt, subscriptions -> subscriptions.find("orders").isPresent());

        // Spread over both partitions: both processors fan out, both dispatchers deliver.
        final List<String> ids = send(12);
        awaitDelivered(ids, "/a");
        for (RecordingReceiver.Received delivery : deliveriesOf(ids, "/a")) {
            new Webhook(secret).verify(text(delivery), delivery.headers());
        }
        // The secret is answered once: never by a read.
        final HttpResponse<String> shown = admin("GET", "/admin/subscriptions/orders", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain(secret.substring(6)).contains("\"state\":\"enabled\"").contains("\"origin\":\"api\"");
    }

    @Test
    @Order(2)
    void aUrlChangeMovesTheDeliveries() throws Exception {
        final HttpResponse<String> patched = admin("PATCH", "/admin/subscriptions/orders", "{\"url\": \"%s\"}".formatted(receiver.url("/b")));
        final long answeredAt = System.nanoTime();
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        inForceEverywhere("url change", answeredAt, subscriptions -> subscriptions.find("orders")
            .map(live -> live.config().url().getPath().equals("/b")).orElse(false));
        final List<String> ids = send(6);
        awaitDelivered(ids, "/b");
        assertThat(deliveriesOf(ids, "/a")).isEmpty();
    }

    @Test
    @Order(3)
    void duringARotationADeliveryVerifiesWithEitherSecret() throws Exception {
        final HttpResponse<String> rotated = admin("POST", "/admin/subscriptions/orders/secret", "{\"keepPreviousFor\": \"24h\"}");
        final long answeredAt = System.nanoTime();
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        final String next = Json.mapper().readTree(rotated.body()).get("secret").asText();
        assertThat(next).startsWith("whsec_").isNotEqualTo(secret);
        inForceEverywhere("secret rotation", answeredAt, subscriptions -> subscriptions.find("orders")
            .map(live -> live.config().secrets().size() == 2).orElse(false));
        final List<String> ids = send(4);
        awaitDelivered(ids, "/b");
        for (RecordingReceiver.Received delivery : deliveriesOf(ids, "/b")) {
            new Webhook(next).verify(text(delivery), delivery.headers());
            new Webhook(secret).verify(text(delivery), delivery.headers());
        }
        secret = next;
    }

    @Test
    @Order(4)
    void aDisabledSubscriptionReceivesNothingUntilEnabledThenWhatWaited() throws Exception {
        final HttpResponse<String> disabled = admin("POST", "/admin/subscriptions/orders/disable", null);
        final long answeredAt = System.nanoTime();
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.body()).contains("disabled");
        inForceEverywhere("disable", answeredAt, subscriptions -> subscriptions.find("orders").map(live -> !live.enabled()).orElse(false));
        final List<String> whileDisabled = send(4);
        Thread.sleep(3000);
        assertThat(deliveriesOf(whileDisabled, "/b")).isEmpty();

        final HttpResponse<String> enabled = admin("POST", "/admin/subscriptions/orders/enable", null);
        final long enabledAt = System.nanoTime();
        assertThat(enabled.statusCode()).isEqualTo(200);
        inForceEverywhere("enable", enabledAt, subscriptions -> subscriptions.find("orders").map(LiveSubscription::enabled).orElse(false));
        final List<String> ids = send(4);
        awaitDelivered(ids, "/b");
        // What came while it was disabled waited, parked, and is delivered now.
        awaitDelivered(whileDisabled, "/b");
    }

    @Test
    @Order(5)
    void theSameIdempotencyKeyTwiceIsOneDelivery() throws Exception {
        final HttpResponse<String> created = admin("POST", "/admin/subscriptions", """
            {"id": "app-events", "url": "%s", "sources": ["app"], "eventTypes": ["order.*"], "allowInsecureUrl": true}
            """.formatted(receiver.url("/app")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        inForceEverywhere("create (publisher)", System.nanoTime(), subscriptions -> subscriptions.find("app-events").isPresent());
        for (int i = 0; i < 2; i++) {
            final HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.ingressPort() + "/webhooks/app"))
                .header("authorization", "Bearer " + PUBLISH_TOKEN).header("event-type", "order.created")
                .header("idempotency-key", "order-1001-created").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":1001}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/app").size() == 1);
        Thread.sleep(2000);
        assertThat(receiver.receivedAt("/app")).hasSize(1);
        assertThat(text(receiver.receivedAt("/app").get(0))).contains("order-1001-created").contains("\"order\":1001");
    }

    @Test
    @Order(6)
    void aDeletedSubscriptionIsGoneEverywhereAndARestartKeepsTheRest() throws Exception {
        final HttpResponse<String> deleted = admin("DELETE", "/admin/subscriptions/orders", null);
        final long answeredAt = System.nanoTime();
        assertThat(deleted.statusCode()).isEqualTo(204);
        inForceEverywhere("delete", answeredAt, subscriptions -> subscriptions.find("orders").isEmpty());
        final List<String> ids = send(4);
        Thread.sleep(3000);
        assertThat(deliveriesOf(ids, "/b")).isEmpty();
        assertThat(admin("GET", "/admin/subscriptions/orders", null).statusCode()).isEqualTo(404);

        // A new front (its index and table rebuilt from Kafka) still has what was made and not deleted.
        front.close();
        front = new Gateway(config("front-2", true), EnumSet.of(Part.INGRESS, Part.ADMIN), Clock.systemUTC());
        front.start();
        final HttpResponse<String> listed = admin("GET", "/admin/subscriptions", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(listed.body()).get("entries")).extracting(entry -> entry.get("id").asText())
            .containsExactly("app-events");
        // Its id stays taken, so that nothing made later inherits what still waits under it.
        final HttpResponse<String> again = admin("POST", "/admin/subscriptions",
            "{\"id\": \"orders\", \"url\": \"https://orders.example.com/h\", \"sources\": [\"demo\"]}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(Json.mapper().readTree(again.body()).path("error").asText()).isEqualTo("subscription_exists");
    }

    @Test
    @Order(7)
    void badInputIsA400WithEveryProblemNeverA500() throws Exception {
        final HttpResponse<String> refused = admin("POST", "/admin/subscriptions", """
            {"url": "http://10.0.0.1/hook", "sources": ["demo", "nowhere"], "timeout": "soon", "colour": "red"}
            """);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        final JsonNode problems = Json.mapper().readTree(refused.body()).findValue("problems");
        assertThat(problems).extracting(problem -> problem.get("path").asText())
            .contains("url", "sources[1]", "timeout", "colour");
        for (String junk : List.of("", "[]", "{\"url\": 5}", "{\"sources\": \"demo\"}", "not json")) {
            assertThat(admin("POST", "/admin/subscriptions", junk).statusCode()).as(junk).isEqualTo(400);
        }
    }
}
