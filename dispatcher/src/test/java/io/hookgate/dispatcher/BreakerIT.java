package io.hookgate.dispatcher;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.lifecycle.Closing;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionTable;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TopicReader;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.Tracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The breaker on a real broker, with the dispatcher following the {@code subscriptions} topic:
 * an endpoint failing fast opens its breaker, its tasks wait parked in {@code dispatch.parked}
 * (attempts stop growing but for one probe a second) while another subscription on the same
 * partition is delivered as usual; once the endpoint recovers a probe closes the breaker and every
 * task arrives, once, those that were never attempted in their order of arrival. A 410 disables
 * its subscription in the topic, and enabling it delivers what waited. A dispatcher restarted while
 * tasks are parked loses none. Short settings: 3 failures in 10 s open a breaker, a probe a second,
 * parked tasks looked at again every second.
 */
class BreakerIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Topics TOPICS = new Topics("brk.");
    static final AtomicInteger IDS = new AtomicInteger();

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    static KafkaProducer<String, byte[]> producer;
    static HookgateConfig config;
    static SubscriptionTable table;
    static SimpleMeterRegistry registry;
    static DispatcherService dispatcher;
    /** The paths answering 503 (down) or 410 (gone) now; every other answers 204. */
    static final Map<String, Integer> failing = new ConcurrentHashMap<>();
    /** The webhook-ids answered 2xx, by path, in the order they were answered. */
    static final Map<String, List<String>> delivered = new ConcurrentHashMap<>();
    /** The webhook-ids answered anything else, by path. */
    static final Map<String, Set<String>> failed = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        receiver = new RecordingReceiver();
        receiver.answer(request -> {
            final Integer status = failing.get(request.path());
            if (status != null) {
                failed.computeIfAbsent(request.path(), path -> ConcurrentHashMap.newKeySet()).add(request.header("webhook-id"));
                return RecordingReceiver.Answer.status(status);
            }
            delivered.computeIfAbsent(request.path(), path -> Collections.synchronizedList(new ArrayList<>()))
                .add(request.header("webhook-id"));
            return RecordingReceiver.Answer.status(204);
        });
        final String subscription = "{url: \"%s\", allowInsecureUrl: true, sources: [s], secret: \"" + SECRET + "\", maxInFlight: 1, "
            + "breaker: {failures: 3, window: 10s, probeEvery: 1s}, disableAfter: 0s}";
        config = new ConfigLoader(DispatcherIT.ONE_PROVIDER, Map.<String, String>of()::get).parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "brk.", partitions: 1}
            sources:
              s: {provider: standard-webhooks}
            subscriptions:
              recovering: %s
              healthy: %s
              gone: %s
              restarted: %s
            dispatch: {retryDelays: [1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s], parkFor: 1s}
            """.formatted(kafka.bootstrapServers(), subscription.formatted(receiver.url("/recovering")),
            subscription.formatted(receiver.url("/healthy")), subscription.formatted(receiver.url("/gone")),
            subscription.formatted(receiver.url("/restarted"))));
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TOPICS.all(config));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());
        registry = new SimpleMeterRegistry();
        table = new SubscriptionTable(config, "dispatcher", registry, Clock.systemUTC(), Duration.ofSeconds(30));
        table.start();
        dispatcher = started();
    }

    static DispatcherService started() {
        final DispatcherService service = new DispatcherService(config, registry, Clock.systemUTC(), SystemDefaultDnsResolver.INSTANCE,
            Tracing.noop(), table);
        service.start();
        return service;
    }

    @AfterAll
    static void stop() {
        Closing.quietly(dispatcher, "dispatcher");
        Closing.quietly(table, "subscriptions table");
        Closing.quietly(producer, "producer");
        Closing.quietly(receiver, "receiver");
        Closing.quietly(kafka, "broker");
    }

    static DeliveryTask send(final String subscription) throws Exception {
        final String eventId = "evt_" + IDS.incrementAndGet();
        final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId("s", eventId), "s", "standard-webhooks", null, eventId,
            EventIdOrigin.PROVIDER, "test.event", Instant.now(), Instant.now(), "ing", List.of("body"),
            RawJson.trusted(("{\"n\":" + IDS.get() + "}").getBytes(StandardCharsets.UTF_8)));
        final DeliveryTask task = DeliveryTask.first(event, subscription, Instant.now());
        producer.send(DeliveryTaskRecord.record(TOPICS.dispatch(), task)).get();
        return task;
    }

    static List<DeliveryTask> send(final String subscription, final int count) throws Exception {
        final List<DeliveryTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(send(subscription));
        }
        return tasks;
    }

    static List<OperationalEvent> operational(final String subscription) {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.operational()).stream()
            .map(record -> Json.read(record.value(), OperationalEvent.class)).filter(event -> event.subscription().equals(subscription))
            .toList();
    }

    static List<SubscriptionRecord> states(final String subscription) {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.subscriptions()).stream()
            .filter(record -> subscription.equals(record.key())).map(record -> Json.read(record.value(), SubscriptionRecord.class)).toList();
    }

    static List<String> deliveredTo(final String path) {
        return List.copyOf(delivered.getOrDefault(path, List.of()));
    }

    /** The webhook-ids of the deliveries that {@code path} failed at least once. */
    static Set<String> failedAt(final String path) {
        return Set.copyOf(failed.getOrDefault(path, Set.of()));
    }

    static double breakerState(final String subscription) {
        final Gauge gauge = registry.find("hookgate.breaker.state").tag("subscription", subscription).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    /** Every task arrived, once; those never attempted before (never failed) in their order of arrival. */
    static void assertAllArrivedInOrder(final String path, final List<DeliveryTask> sent) {
        final List<String> ids = sent.stream().map(DeliveryTask::deliveryId).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> Set.copyOf(deliveredTo(path)).containsAll(ids));
        assertThat(deliveredTo(path)).as("none doubled").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        final Set<String> attempted = failedAt(path);
        assertThat(deliveredTo(path).stream().filter(id -> !attempted.contains(id)).toList()).as("never attempted: in order of arrival")
            .containsExactlyElementsOf(ids.stream().filter(id -> !attempted.contains(id)).toList());
    }

    @Test
    void aFailingEndpointParksItsTasksUntilAProbeSucceedsThenEveryOneArrivesInOrder() throws Exception {
        failing.put("/recovering", 503);
        final List<DeliveryTask> sent = send("recovering", 20);
        await().atMost(Duration.ofSeconds(20)).until(() -> !operational("recovering").isEmpty());
        assertThat(operational("recovering").get(0).type()).isEqualTo(OperationalEvent.Type.BREAKER_OPENED);
        assertThat(breakerState("recovering")).isPositive();

        // Open: at most about one attempt per probe interval, while the other subscription of the partition flows.
        Thread.sleep(1000);
        final int before = receiver.receivedAt("/recovering").size();
        final List<DeliveryTask> others = send("healthy", 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveredTo("/healthy").containsAll(others.stream().map(DeliveryTask::deliveryId).toList()));
        Thread.sleep(4000);
        final int during = receiver.receivedAt("/recovering").size() - before;
        assertThat(during).as("attempts in about 5 s open").isBetween(1, 8);
        assertThat(deliveredTo("/recovering")).isEmpty();
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), TOPICS.parked())).as("parked records").isNotEmpty();

        failing.remove("/recovering");
        assertAllArrivedInOrder("/recovering", sent);
        assertThat(failedAt("/recovering")).as("most tasks waited parked, never attempted").hasSizeLessThan(sent.size() / 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> operational("recovering").stream()
            .anyMatch(event -> event.type() == OperationalEvent.Type.BREAKER_CLOSED));
        assertThat(breakerState("recovering")).isZero();
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), TOPICS.dlq())).isEmpty();
    }

    @Test
    void aGoneEndpointDisablesItsSubscriptionAndEnablingItDeliversWhatWaited() throws Exception {
        failing.put("/gone", 410);
        final List<DeliveryTask> sent = send("gone", 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> states("gone").stream().anyMatch(record -> record.state() == State.DISABLED));
        assertThat(states("gone")).last().satisfies(record -> {
            assertThat(record.origin()).isEqualTo(SubscriptionRecord.Origin.CONFIG);
            assertThat(record.state()).isEqualTo(State.DISABLED);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> operational("gone").stream()
            .anyMatch(event -> event.type() == OperationalEvent.Type.DISABLED && event.detail().contains("410")));
        await().atMost(Duration.ofSeconds(10)).until(() -> table.find("gone").map(live -> !live.enabled()).orElse(false));
        Thread.sleep(2000);
        assertThat(receiver.receivedAt("/gone")).as("one 410, the rest parked unattempted").hasSize(1);

        // The endpoint is back and an operator enables the subscription: what waited is delivered.
        failing.remove("/gone");
        producer.send(new ProducerRecord<>(TOPICS.subscriptions(), "gone",
            Json.write(SubscriptionRecord.configState("gone", State.ENABLED, Instant.now())))).get();
        assertAllArrivedInOrder("/gone", sent);
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), TOPICS.dlq())).isEmpty();
    }

    @Test
    void aRestartWhileTasksAreParkedLosesNone() throws Exception {
        failing.put("/restarted", 503);
        final List<DeliveryTask> sent = send("restarted", 20);
        await().atMost(Duration.ofSeconds(20)).until(() -> !operational("restarted").isEmpty());
        Thread.sleep(1500);
        dispatcher.close();
        dispatcher = started();
        // The new dispatcher's breaker starts closed: it opens again on the still failing endpoint.
        Thread.sleep(3000);
        failing.remove("/restarted");
        assertAllArrivedInOrder("/restarted", sent);
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), TOPICS.dlq())).isEmpty();
    }

    @Test
    void theHistoryOfTheSubscriptionsTopicFindsTheLastRecordOfASubscriptionBetweenTwoOffsets() throws Exception {
        try (KafkaSubscriptionHistory history = new KafkaSubscriptionHistory(config.kafka(), "brk-history-test", TOPICS.subscriptionRecords(),
            Duration.ofSeconds(30))) {
            final long start = history.ends().get(30, TimeUnit.SECONDS).get(0);
            final SubscriptionRecord first = SubscriptionRecord.configState("hist", State.ENABLED, Instant.now());
            final SubscriptionRecord second = SubscriptionRecord.configState("hist", State.DISABLED, Instant.now());
            final long a = producer.send(new ProducerRecord<>(TOPICS.subscriptions(), "hist", Json.write(first))).get().offset();
            final long b = producer.send(new ProducerRecord<>(TOPICS.subscriptions(), "hist", Json.write(second))).get().offset();
            producer.send(new ProducerRecord<>(TOPICS.subscriptions(), "other",
                Json.write(SubscriptionRecord.configState("other", State.ENABLED, Instant.now())))).get();
            final long deleted = producer.send(new ProducerRecord<>(TOPICS.subscriptions(), "hist", (byte[]) null)).get().offset();
            final long end = deleted + 1;
            assertThat(history.ends().get(30, TimeUnit.SECONDS)).containsEntry(0, end);

            assertThat(history.lastOf("hist", 0, start, b).get(30, TimeUnit.SECONDS))
                .contains(new SubscriptionHistory.Written(a, Optional.of(first)));
            assertThat(history.lastOf("hist", 0, start, deleted).get(30, TimeUnit.SECONDS))
                .contains(new SubscriptionHistory.Written(b, Optional.of(second)));
            assertThat(history.lastOf("hist", 0, start, end).get(30, TimeUnit.SECONDS))
                .contains(new SubscriptionHistory.Written(deleted, Optional.empty()));
            assertThat(history.lastOf("hist", 0, b + 1, deleted).get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(history.lastOf("nobody", 0, start, end).get(30, TimeUnit.SECONDS)).isEmpty();
        }
    }
}
