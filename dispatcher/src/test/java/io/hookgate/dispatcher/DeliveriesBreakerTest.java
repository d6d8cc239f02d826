package io.hookgate.dispatcher;

import com.standardwebhooks.Webhook;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.testing.MutableSubscriptions;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.testing.TestClock;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.dispatcher.internals.http.DeliveryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The breaker as the dispatcher applies it, on a mock producer and a local receiver, the loop
 * played by the test: a parked record is given back to {@link Deliveries} as the loop reads it.
 */
class DeliveriesBreakerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NOTIFY_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final Topics TOPICS = new Topics("br.");
    private static final AtomicInteger EVENTS = new AtomicInteger();

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicInteger status = new AtomicInteger(503);
    private final MutableSubscriptions subscriptions = new MutableSubscriptions();
    private RecordingReceiver receiver;
    private DeliveryClient client;
    private Deliveries deliveries;
    private HookgateConfig config;

    @BeforeEach
    void start() throws Exception {
        receiver = new RecordingReceiver();
        receiver.answer(request -> RecordingReceiver.Answer.status(request.path().equals("/ops") ? 204 : status.get()));
        config = new ConfigLoader(DispatcherIT.ONE_PROVIDER, Map.<String, String>of()::get).parse("""
            kafka: {topicPrefix: "br."}
            sources:
              s: {provider: standard-webhooks}
            subscriptions:
              billing:
                url: "%s"
                allowInsecureUrl: true
                sources: [s]
                secret: "%s"
                maxInFlight: 1
                breaker: {failures: 3, window: 10s, probeEvery: 1s}
                disableAfter: 1m
            dispatch: {retryDelays: [1s], parkFor: 1s}
            admin: {notifyUrl: "%s", notifySecret: "%s"}
            """.formatted(receiver.url("/hook"), SECRET, receiver.url("/ops"), NOTIFY_SECRET));
        subscriptions.put(config.subscriptions().get("billing"), State.ENABLED, Origin.CONFIG, null);
        client = new DeliveryClient(SystemDefaultDnsResolver.INSTANCE, timer, clock);
        deliveries = new Deliveries(config, subscriptions, client, new HandOff(producer, sender, sender, timer),
            new DispatcherMetrics(new SimpleMeterRegistry()), timer, clock, Tracing.noop());
    }

    @AfterEach
    void stop() {
        client.close();
        receiver.close();
        sender.shutdownNow();
        timer.shutdownNow();
    }

    private DeliveryTask task() {
        final String eventId = "evt_" + EVENTS.incrementAndGet();
        final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId("s", eventId), "s", "standard-webhooks", null, eventId,
            EventIdOrigin.PROVIDER, "test.event", clock.instant(), clock.instant(), "ing", List.of("body"),
            RawJson.trusted(("{\"n\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8)));
        return DeliveryTask.first(event, "billing", clock.instant());
    }

    private void deliver(final DeliveryTask task, final String topic) throws Exception {
        deliveries.deliver(task, topic).get(10, TimeUnit.SECONDS);
    }

    private List<ProducerRecord<byte[], byte[]>> written(final String topic) {
        return producer.history().stream().filter(record -> record.topic().equals(topic)).toList();
    }

    private List<DeliveryTask> parked() {
        return written(TOPICS.parked()).stream().map(record -> DeliveryTaskRecord.decode(record.headers(), record.value())).toList();
    }

    private List<OperationalEvent> operational() {
        return written(TOPICS.operational()).stream().map(record -> Json.read(record.value(), OperationalEvent.class)).toList();
    }

    private List<String> hookIds() {
        return receiver.receivedAt("/hook").stream().map(request -> request.header("webhook-id")).toList();
    }

    /** Three failures in a row: the breaker opens. */
    private void openTheBreaker() throws Exception {
        for (int i = 0; i < 3; i++) {
            deliver(task(), TOPICS.dispatch());
        }
        assertThat(receiver.receivedAt("/hook")).hasSize(3);
    }

    @Test
    void aFailingEndpointOpensTheBreakerAndItsTasksParkWithoutAnAttempt() throws Exception {
        openTheBreaker();
        await().atMost(Duration.ofSeconds(5)).until(() -> !operational().isEmpty());
        final OperationalEvent opened = operational().get(0);
        assertThat(opened.type()).isEqualTo(OperationalEvent.Type.BREAKER_OPENED);
        assertThat(opened.subscription()).isEqualTo("billing");
        assertThat(opened.detail()).isEqualTo("3 failures in a row within 10s, the last: answered 503");

        final DeliveryTask waiting = task();
        deliver(waiting, TOPICS.dispatch());
        deliver(task(), TOPICS.retry(Duration.ofSeconds(1)));
        assertThat(receiver.receivedAt("/hook")).hasSize(3);
        assertThat(parked()).hasSize(2).allSatisfy(task -> {
            assertThat(task.attempts()).isEmpty();
            assertThat(task.dueAt()).isEqualTo(clock.instant().plusSeconds(1));
        });
        assertThat(parked().get(0).deliveryId()).isEqualTo(waiting.deliveryId());

        // Due again before a probe may go: parked again, still no attempt.
        deliver(parked().get(0), TOPICS.parked());
        assertThat(parked()).hasSize(3);
        assertThat(receiver.receivedAt("/hook")).hasSize(3);

        // A probe interval later, one parked task probes; it fails, so the next ones park again.
        clock.advance(Duration.ofSeconds(1));
        deliver(parked().get(1), TOPICS.parked());
        assertThat(receiver.receivedAt("/hook")).hasSize(4);
        deliver(parked().get(2), TOPICS.parked());
        assertThat(receiver.receivedAt("/hook")).hasSize(4);
        // The failed probe spent an attempt and walks the retry ladder; the breaker stays open.
        assertThat(written(TOPICS.retry(Duration.ofSeconds(1)))).hasSize(4);
        assertThat(operational()).hasSize(1);
    }

    @Test
    void aProbesSuccessClosesTheBreakerAndWhatWaitedIsDeliveredInOrderBeforeWhatCameLater() throws Exception {
        openTheBreaker();
        final List<DeliveryTask> waiting = List.of(task(), task(), task());
        for (DeliveryTask task : waiting) {
            deliver(task, TOPICS.dispatch());
        }
        status.set(204);
        clock.advance(Duration.ofSeconds(1));
        // A probe could go now, but this task came after those parked: it parks behind them, it does not probe.
        final DeliveryTask later = task();
        deliver(later, TOPICS.dispatch());
        assertThat(receiver.receivedAt("/hook")).hasSize(3);

        // The loop reads the parked tasks back in order: the first probes and closes the breaker, the rest follow.
        for (DeliveryTask task : List.copyOf(parked())) {
            deliver(task, TOPICS.parked());
        }
        final DeliveryTask after = task();
        deliver(after, TOPICS.dispatch());
        assertThat(hookIds().subList(3, hookIds().size())).containsExactly(waiting.get(0).deliveryId(), waiting.get(1).deliveryId(),
            waiting.get(2).deliveryId(), later.deliveryId(), after.deliveryId());
        await().atMost(Duration.ofSeconds(5)).until(() -> operational().size() == 2);
        assertThat(operational().get(1).type()).isEqualTo(OperationalEvent.Type.BREAKER_CLOSED);
        assertThat(operational().get(1).detail()).isEqualTo("a probe succeeded after 1s open");
        assertThat(parked()).hasSize(4);
    }

    /** Disables billing, whose endpoint answers 204 again. */
    private SubscriptionConfig disabledWithAnEndpointBack() {
        final SubscriptionConfig billing = config.subscriptions().get("billing");
        subscriptions.put(billing, State.DISABLED, Origin.CONFIG, clock.instant());
        status.set(204);
        return billing;
    }

    @Test
    void aDisabledSubscriptionsTasksParkAndEnablingItDeliversThem() throws Exception {
        final SubscriptionConfig billing = disabledWithAnEndpointBack();
        final DeliveryTask waiting = task();
        deliver(waiting, TOPICS.dispatch());
        deliver(parked().get(0), TOPICS.parked());
        assertThat(parked()).hasSize(2);
        assertThat(written(TOPICS.dlq())).isEmpty();
        assertThat(receiver.received()).isEmpty();

        subscriptions.put(billing, State.ENABLED, Origin.CONFIG, clock.instant().plusSeconds(1));
        // Enabled: a new task waits behind the parked one, which is delivered first.
        final DeliveryTask later = task();
        deliver(later, TOPICS.dispatch());
        deliver(parked().get(1), TOPICS.parked());
        deliver(parked().get(2), TOPICS.parked());
        assertThat(hookIds()).containsExactly(waiting.deliveryId(), later.deliveryId());
    }

    @Test
    void aParkedTaskParkedAgainIsNotPassedByAYoungerOneWhenItsSubscriptionIsEnabledMeanwhile() throws Exception {
        final SubscriptionConfig billing = disabledWithAnEndpointBack();
        final DeliveryTask older = task();
        final DeliveryTask younger = task();
        deliver(older, TOPICS.dispatch());
        deliver(younger, TOPICS.dispatch());
        // The older comes due while the subscription is still disabled: parked again, behind the younger.
        deliver(parked().get(0), TOPICS.parked());
        subscriptions.put(billing, State.ENABLED, Origin.CONFIG, clock.instant().plusSeconds(1));
        // Enabled before the younger comes due: it must not pass the older, parked behind it.
        deliver(parked().get(1), TOPICS.parked());
        assertThat(receiver.received()).isEmpty();
        assertThat(parked()).hasSize(4);
        assertThat(parked().get(3).deliveryId()).isEqualTo(younger.deliveryId());
        deliver(parked().get(2), TOPICS.parked());
        deliver(parked().get(3), TOPICS.parked());
        assertThat(hookIds()).containsExactly(older.deliveryId(), younger.deliveryId());
    }

    @Test
    void aGoneEndpointDisablesItsSubscriptionAndItsTasksWaitParked() throws Exception {
        final SubscriptionConfig billing = config.subscriptions().get("billing");
        final SubscriptionRecord record = new SubscriptionRecord(SubscriptionRecord.SCHEMA_VERSION, "billing", Origin.API, State.ENABLED,
            null, "made by a test", SubscriptionSettings.empty(), List.of(), clock.instant(), clock.instant());
        subscriptions.putRecord(record);
        subscriptions.put(billing, State.ENABLED, Origin.API, clock.instant());
        status.set(410);
        final DeliveryTask gone = task();
        deliver(gone, TOPICS.dispatch());
        // Until the table says disabled, the next task parks unattempted.
        deliver(task(), TOPICS.dispatch());
        assertThat(receiver.receivedAt("/hook")).hasSize(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> !written(TOPICS.subscriptions()).isEmpty());
        final ProducerRecord<byte[], byte[]> state = written(TOPICS.subscriptions()).get(0);
        assertThat(new String(state.key(), StandardCharsets.UTF_8)).isEqualTo("billing");
        final SubscriptionRecord disabled = Json.read(state.value(), SubscriptionRecord.class);
        assertThat(disabled.state()).isEqualTo(State.DISABLED);
        assertThat(disabled.origin()).isEqualTo(Origin.API);
        assertThat(disabled.description()).isEqualTo("made by a test");
        await().atMost(Duration.ofSeconds(5)).until(() -> !operational().isEmpty());
        assertThat(operational().get(0).type()).isEqualTo(OperationalEvent.Type.DISABLED);
        assertThat(operational().get(0).detail()).isEqualTo("its endpoint answered 410 Gone");

        assertThat(parked()).hasSize(2);
        assertThat(parked().get(0).deliveryId()).isEqualTo(gone.deliveryId());
        assertThat(parked().get(0).attempts()).hasSize(1).allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(410));
        assertThat(parked().get(1).attempts()).isEmpty();
        final AttemptEntry logged = Json.read(written(TOPICS.attempts()).get(0).value(), AttemptEntry.class);
        assertThat(logged.nextTier()).isEqualTo(AttemptEntry.PARKED);
        assertThat(written(TOPICS.dlq())).isEmpty();
    }

    @Test
    void aBreakerOpenForDisableAfterDisablesTheSubscriptionOfTheFile() throws Exception {
        openTheBreaker();
        clock.advance(Duration.ofSeconds(59));
        deliver(task(), TOPICS.dispatch());
        assertThat(written(TOPICS.subscriptions())).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        deliver(task(), TOPICS.dispatch());
        await().atMost(Duration.ofSeconds(5)).until(() -> !written(TOPICS.subscriptions()).isEmpty());
        final SubscriptionRecord disabled = Json.read(written(TOPICS.subscriptions()).get(0).value(), SubscriptionRecord.class);
        assertThat(disabled).isEqualTo(SubscriptionRecord.configState("billing", State.DISABLED, clock.instant()));
        await().atMost(Duration.ofSeconds(5)).until(() -> operational().size() == 2);
        assertThat(operational().get(1).type()).isEqualTo(OperationalEvent.Type.DISABLED);
        assertThat(operational().get(1).detail()).isEqualTo("its breaker stayed open 1m without a successful probe");
        // Asked once: a further task parks without writing the state again.
        deliver(task(), TOPICS.dispatch());
        assertThat(written(TOPICS.subscriptions())).hasSize(1);
    }

    @Test
    void operationalEventsArePostedToTheNotifyUrlSignedLikeADelivery() throws Exception {
        openTheBreaker();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedAt("/ops").size() == 1);
        final RecordingReceiver.Received post = receiver.receivedAt("/ops").get(0);
        final String body = new String(post.body(), StandardCharsets.UTF_8);
        new Webhook(NOTIFY_SECRET).verify(body, post.headers());
        final OperationalEvent event = Json.read(post.body(), OperationalEvent.class);
        assertThat(event.type()).isEqualTo(OperationalEvent.Type.BREAKER_OPENED);
        assertThat(post.header("webhook-id")).isEqualTo(event.id());
        assertThat(body).contains("\"type\":\"subscription.breaker_opened\"");
    }
}
