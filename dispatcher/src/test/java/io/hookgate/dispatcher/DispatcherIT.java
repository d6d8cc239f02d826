package io.hookgate.dispatcher;

import com.standardwebhooks.Webhook;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.ProviderCatalog;
import io.hookgate.core.config.ProviderSpec;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.AttemptOutcome;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dispatcher on a real broker, against local receivers that succeed, fail, throttle, hang and redirect. */
class DispatcherIT {

    static final String SECRET_A = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SECRET_B = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    static DispatcherService dispatcher;
    static KafkaProducer<String, byte[]> producer;
    static final Topics TOPICS = new Topics("disp.");
    static final AtomicInteger IDS = new AtomicInteger();

    /** The configuration loader needs a catalog; the dispatcher only reads subscriptions. */
    static final ProviderCatalog ONE_PROVIDER = new ProviderCatalog() {
        @Override
        public Optional<ProviderSpec> find(final String name) {
            return Optional.of(() -> name);
        }

        @Override
        public SortedSet<String> names() {
            return new TreeSet<>(List.of("standard-webhooks"));
        }
    };

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        receiver = new RecordingReceiver();
        receiver.answer(request -> {
            final String path = request.path();
            final int count = receiver.receivedAt(path).size();
            return switch (path) {
                case "/flaky" -> RecordingReceiver.Answer.status(count <= 2 ? 503 : 204);
                case "/throttled" -> count == 1
                    ? new RecordingReceiver.Answer(429, Map.of("Retry-After", "3"), 0) : RecordingReceiver.Answer.status(200);
                case "/bad-request", "/refuses-big" -> RecordingReceiver.Answer.status(400);
                case "/down" -> RecordingReceiver.Answer.status(503);
                case "/gone" -> RecordingReceiver.Answer.status(410);
                case "/redirect" -> new RecordingReceiver.Answer(302, Map.of("Location", "/redirect-target"), 0);
                case "/hang" -> new RecordingReceiver.Answer(204, Map.of(), 10_000);
                default -> RecordingReceiver.Answer.status(204);
            };
        });
        final String yaml = """
            kafka: {bootstrapServers: "%s", topicPrefix: "disp.", partitions: 1}
            sources:
              s: {provider: standard-webhooks}
            subscriptions:
              flaky: {url: "%s", allowInsecureUrl: true, sources: [s], secrets: ["%s", "%s"]}
              throttled: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s"}
              bad-request: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s"}
              down: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s"}
              gone: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s"}
              redirect: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s"}
              hang: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s", timeout: 3s, maxInFlight: 4}
              healthy: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s"}
              refuses-big: {url: "%s", allowInsecureUrl: true, sources: [s], secret: "%3$s"}
              rebinding: {url: "https://public-looking.example.com/hook", sources: [s], secret: "%3$s"}
            dispatch: {retryDelays: [1s, 2s], maxRetryAfter: 2s, maxQueuedPerSubscription: 5}
            """.formatted(kafka.bootstrapServers(), receiver.url("/flaky"), SECRET_A, SECRET_B, receiver.url("/throttled"),
            receiver.url("/bad-request"), receiver.url("/down"), receiver.url("/gone"), receiver.url("/redirect"), receiver.url("/hang"),
            receiver.url("/healthy"), receiver.url("/refuses-big"));
        final HookgateConfig config = new ConfigLoader(ONE_PROVIDER, Map.<String, String>of()::get).parse(yaml);
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TOPICS.all(config));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());
        // DNS rebinding: a public-looking name that resolves to loopback.
        final DnsResolver rebinding = new DnsResolver() {
            @Override
            public InetAddress[] resolve(final String host) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }

            @Override
            public String resolveCanonicalHostname(final String host) {
                return host;
            }
        };
        dispatcher = new DispatcherService(config, new SimpleMeterRegistry(), Clock.systemUTC(), rebinding);
        dispatcher.start();
    }

    @AfterAll
    static void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static DeliveryTask send(final String subscription) throws Exception {
        return send(subscription, "{\"n\":" + IDS.get() + "}");
    }

    static DeliveryTask send(final String subscription, final String payload) throws Exception {
        final String eventId = "evt_" + IDS.incrementAndGet();
        final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId("s", eventId), "s", "standard-webhooks", null, eventId,
            EventIdOrigin.PROVIDER, "test.event", Instant.now(), Instant.now(), "ing", List.of("body"),
            RawJson.trusted(payload.getBytes(StandardCharsets.UTF_8)));
        final DeliveryTask task = DeliveryTask.first(event, subscription, Instant.now());
        producer.send(DeliveryTaskRecord.record(TOPICS.dispatch(), task)).get();
        return task;
    }

    static List<DlqEntry> dlq(final String subscription) {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.dlq()).stream()
            .map(r -> Json.read(r.value(), DlqEntry.class)).filter(e -> e.subscription().equals(subscription)).toList();
    }

    @Test
    void retriesCarryTheSameIdAndAFreshSignaturePerSecretUntilDelivered() throws Exception {
        final DeliveryTask task = send("flaky");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/flaky").size() == 3);
        final List<RecordingReceiver.Received> attempts = receiver.receivedAt("/flaky");
        assertThat(attempts).extracting(a -> a.header("webhook-id")).containsOnly(task.deliveryId());
        assertThat(attempts).extracting(a -> a.header("webhook-timestamp")).doesNotHaveDuplicates();
        for (RecordingReceiver.Received attempt : attempts) {
            assertThat(attempt.header("webhook-signature").split(" ")).hasSize(2);
            // Each secret alone verifies each attempt (the official SDK is the verifier).
            new Webhook(SECRET_A).verify(new String(attempt.body(), StandardCharsets.UTF_8), attempt.headers());
            new Webhook(SECRET_B).verify(new String(attempt.body(), StandardCharsets.UTF_8), attempt.headers());
            assertThat(attempt.body()).isEqualTo(task.envelope().bytes());
        }
        Thread.sleep(2500);
        assertThat(receiver.receivedAt("/flaky")).hasSize(3);
        assertThat(dlq("flaky")).isEmpty();
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        send("throttled");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt("/throttled").size() == 2);
        final List<RecordingReceiver.Received> attempts = receiver.receivedAt("/throttled");
        // Asked 3 s, bounded by maxRetryAfter to 2 s; never sooner (the first delay is only 1 s).
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aClientErrorGoesToTheDlqAfterOneAttempt() throws Exception {
        final DeliveryTask task = send("bad-request");
        await().atMost(Duration.ofSeconds(20)).until(() -> dlq("bad-request").size() == 1);
        final DlqEntry entry = dlq("bad-request").get(0);
        assertThat(entry.reason()).isEqualTo(DlqReason.REJECTED);
        assertThat(entry.task().deliveryId()).isEqualTo(task.deliveryId());
        assertThat(entry.attempts()).hasSize(1);
        assertThat(entry.attempts().get(0).status()).isEqualTo(400);
        assertThat(entry.attempts().get(0).at()).isNotNull();
        assertThat(receiver.receivedAt("/bad-request")).hasSize(1);
    }

    @Test
    void aFailingEndpointGetsOnePlusNAttemptsThenTheDlq() throws Exception {
        send("down");
        await().atMost(Duration.ofSeconds(30)).until(() -> dlq("down").size() == 1);
        final DlqEntry entry = dlq("down").get(0);
        assertThat(entry.reason()).isEqualTo(DlqReason.EXHAUSTED);
        assertThat(entry.attempts()).hasSize(3).allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(503));
        assertThat(entry.task().firstAttemptAt()).isEqualTo(entry.attempts().get(0).at());
        assertThat(receiver.receivedAt("/down")).hasSize(3);
    }

    static List<AttemptEntry> attemptLog(final DeliveryTask task) {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.attempts()).stream()
            .map(r -> Json.read(r.value(), AttemptEntry.class)).filter(e -> e.deliveryId().equals(task.deliveryId())).toList();
    }

    @Test
    void everyAttemptIsInTheDeliveryLogSuccessesIncluded() throws Exception {
        final DeliveryTask delivered = send("healthy");
        final DeliveryTask exhausted = send("down");
        await().atMost(Duration.ofSeconds(30)).until(() -> attemptLog(delivered).size() == 1 && attemptLog(exhausted).size() == 3);

        final AttemptEntry success = attemptLog(delivered).get(0);
        assertThat(success.outcome()).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(success.subscription()).isEqualTo("healthy");
        assertThat(success.eventRef().eventId()).isEqualTo(delivered.eventRef().eventId());
        assertThat(success.attempt().number()).isEqualTo(1);
        assertThat(success.attempt().status()).isEqualTo(204);
        assertThat(success.attempt().durationMs()).isNotNegative();

        final List<AttemptEntry> failures = attemptLog(exhausted);
        assertThat(failures).extracting(e -> e.attempt().number()).containsExactly(1, 2, 3);
        assertThat(failures).extracting(AttemptEntry::outcome)
            .containsExactly(AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.DEAD);
        assertThat(failures).extracting(AttemptEntry::nextTier).containsExactly("1s", "2s", null);
        assertThat(failures).allSatisfy(e -> assertThat(e.attempt().status()).isEqualTo(503));
        assertThat(failures.get(0).nextDueAt()).isAfterOrEqualTo(failures.get(0).attempt().at().plusSeconds(1));
        assertThat(failures.get(2).dlqReason()).isEqualTo(DlqReason.EXHAUSTED);
    }

    @Test
    void goneDisablesItsSubscriptionAndParksTheTaskAndARedirectIsDeadAndNotFollowed() throws Exception {
        final DeliveryTask gone = send("gone");
        send("redirect");
        await().atMost(Duration.ofSeconds(20)).until(() -> dlq("redirect").size() == 1);
        assertThat(dlq("redirect").get(0).reason()).isEqualTo(DlqReason.REDIRECT);
        assertThat(receiver.receivedAt("/redirect-target")).isEmpty();
        // 410: not dead-lettered; the subscription is disabled and the task waits parked until it is enabled.
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), TOPICS.subscriptions()).stream()
            .anyMatch(r -> "gone".equals(r.key())
                && Json.read(r.value(), SubscriptionRecord.class).state() == SubscriptionRecord.State.DISABLED));
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), TOPICS.parked()).stream()
            .map(r -> DeliveryTaskRecord.decode(r.headers(), r.value())).anyMatch(t -> t.deliveryId().equals(gone.deliveryId())));
        assertThat(dlq("gone")).isEmpty();
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsRefusedAtConnectTime() throws Exception {
        send("rebinding");
        await().atMost(Duration.ofSeconds(20)).until(() -> dlq("rebinding").size() == 1);
        final DlqEntry entry = dlq("rebinding").get(0);
        assertThat(entry.reason()).isEqualTo(DlqReason.SSRF_BLOCKED);
        assertThat(entry.detail()).contains("public-looking.example.com refused").contains("loopback");
        assertThat(entry.attempts()).hasSize(1);
        assertThat(entry.attempts().get(0).error()).contains("refused");
    }

    @Test
    void aHangingEndpointDoesNotSlowAHealthyOneOnTheSamePartition() throws Exception {
        for (int i = 0; i < 12; i++) {
            send("hang");
        }
        final Instant start = Instant.now();
        for (int i = 0; i < 20; i++) {
            send("healthy");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedAt("/healthy").size() >= 20);
        final Duration healthyTook = Duration.between(start, receiver.receivedAt("/healthy").get(19).at());
        // Twelve hanging tasks, four at a time, each timing out after 3 s: serially that is 9 s and more.
        assertThat(healthyTook).isLessThan(Duration.ofSeconds(2));
        assertThat(receiver.receivedAt("/hang").size()).isLessThanOrEqualTo(4);
        // Beyond 4 in flight and 5 queued, the hanging endpoint's tasks were parked in the 1 s tier, unattempted.
        await().atMost(Duration.ofSeconds(10)).until(() -> TopicReader.readAll(kafka.bootstrapServers(), TOPICS.retry(Duration.ofSeconds(1)))
            .stream().map(r -> DeliveryTaskRecord.decode(r.headers(), r.value()))
            .anyMatch(t -> t.subscription().equals("hang") && t.attempts().isEmpty()));
    }

    @Test
    void aRecordThatIsNotATaskIsDeadLetteredAsReadAndThePartitionMovesOn() throws Exception {
        producer.send(new ProducerRecord<>(TOPICS.dispatch(), "healthy", "{not a task".getBytes(StandardCharsets.UTF_8))).get();
        producer.send(new ProducerRecord<>(TOPICS.dispatch(), "healthy", null)).get();
        final DeliveryTask after = send("healthy");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/healthy").stream()
            .anyMatch(r -> after.deliveryId().equals(r.header("webhook-id"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> dlq("healthy").stream()
            .filter(e -> e.reason() == DlqReason.MALFORMED_TASK).count() == 2);
        final List<DlqEntry> malformed = dlq("healthy").stream().filter(e -> e.reason() == DlqReason.MALFORMED_TASK).toList();
        assertThat(malformed).extracting(e -> e.record().topic()).containsOnly(TOPICS.dispatch());
        assertThat(malformed).extracting(e -> e.record().valueBase64()).contains(
            java.util.Base64.getEncoder().encodeToString("{not a task".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed).allSatisfy(e -> assertThat(e.detail()).isNotBlank());
        // Both were committed past: the dispatcher's group has no lag left on dispatch.
        await().atMost(Duration.ofSeconds(20)).until(() -> lag(TOPICS.dispatch()) == 0);
    }

    @Test
    void aDlqEntryKafkaRefusesEndsAsAnEntryWithoutItsEnvelope() throws Exception {
        // An envelope too large for the DLQ topic (its limit lowered by hand, as an operator might).
        final String big = "{\"blob\":\"" + "x".repeat(6000) + "\"}";
        dlqLimit("4096");
        final DlqEntry entry;
        try {
            final DeliveryTask task = send("refuses-big", big);
            await().atMost(Duration.ofSeconds(20)).until(() -> dlq("refuses-big").size() == 1);
            entry = dlq("refuses-big").get(0);
            assertThat(entry.eventId()).isEqualTo(task.eventRef().eventId());
        } finally {
            dlqLimit(Integer.toString(1 << 21));
        }
        assertThat(entry.replayable()).isFalse();
        assertThat(entry.reason()).isEqualTo(DlqReason.REJECTED);
        assertThat(entry.detail()).contains("envelope not kept");
        assertThat(entry.attempts()).hasSize(1);
    }

    private static void dlqLimit(final String maxMessageBytes) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.dlq()),
                List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", maxMessageBytes), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    /** The dispatcher group's lag on {@code topic}: records not yet committed past. */
    static long lag(final String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            final var committed = admin.listConsumerGroupOffsets(TOPICS.dispatcherGroup()).partitionsToOffsetAndMetadata().get();
            final var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            final long end = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get()
                .get(partition).offset();
            return committed.get(partition) == null ? end : end - committed.get(partition).offset();
        }
    }
}
