package io.hookgate.dispatcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.testing.MutableSubscriptions;
import io.hookgate.core.testing.TestClock;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SubscriptionDisabler} on a mock producer, the topic's history read back from what it was
 * sent: it writes nothing when it cannot catch up with the topic, and a change written between its
 * read and its write survives, disabled.
 */
class SubscriptionDisablerTest {

    private static final Topics TOPICS = new Topics("dis.");
    private static final String SUBSCRIPTIONS = TOPICS.subscriptions();

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MutableSubscriptions table = new MutableSubscriptions();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** What the catch-up answers. */
    private final AtomicReference<CompletableFuture<Void>> synced = new AtomicReference<>(CompletableFuture.completedFuture(null));
    /** Run once, right after the disabler read the record: a write of the admin API at that moment. */
    private final AtomicReference<Runnable> afterRead = new AtomicReference<>();
    /** Run once, when the history is first read: a write of the admin API just after the disable went in. */
    private final AtomicReference<Runnable> afterWrite = new AtomicReference<>();
    private SubscriptionConfig billing;
    private SubscriptionRecord record;
    private SubscriptionDisabler disabler;

    @BeforeEach
    void start() {
        final HookgateConfig config = new ConfigLoader(DispatcherIT.ONE_PROVIDER, Map.<String, String>of()::get).parse("""
            kafka: {topicPrefix: "dis."}
            sources:
              s: {provider: standard-webhooks}
            subscriptions:
              billing: {url: "https://billing.example.com/hooks", sources: [s], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
            """);
        billing = config.subscriptions().get("billing");
        record = new SubscriptionRecord(SubscriptionRecord.SCHEMA_VERSION, "billing", Origin.API, State.ENABLED, null, "v1", settings("/v1"),
            List.of(), clock.instant(), clock.instant());
        table.put(billing, State.ENABLED, Origin.API, clock.instant()).putRecord(record);
        final HandOff handOff = new HandOff(producer, sender, sender, timer);
        disabler = new SubscriptionDisabler(new Hooked(), new History(), handOff, TOPICS,
            new OperationalNotices(handOff, TOPICS, Optional.empty(), clock), new DispatcherMetrics(registry), clock);
    }

    @AfterEach
    void stop() {
        sender.shutdownNow();
        timer.shutdownNow();
    }

    private static ObjectNode settings(final String path) {
        final ObjectNode settings = SubscriptionSettings.empty();
        settings.put("url", "https://billing.example.com" + path);
        return settings;
    }

    /** Writes {@code value} (null: a tombstone) to the topic as the admin API would. */
    private void adminWrites(final SubscriptionRecord value) {
        producer.send(TOPICS.subscriptionRecords().record("billing", value));
    }

    private List<ProducerRecord<byte[], byte[]>> topic() {
        return producer.history().stream().filter(sent -> sent.topic().equals(SUBSCRIPTIONS)).toList();
    }

    private List<Optional<SubscriptionRecord>> written() {
        return topic().stream().map(sent -> Optional.ofNullable(sent.value()).map(value -> Json.read(value, SubscriptionRecord.class)))
            .toList();
    }

    private List<OperationalEvent> notices() {
        return producer.history().stream().filter(sent -> sent.topic().equals(TOPICS.operational()))
            .map(sent -> Json.read(sent.value(), OperationalEvent.class)).toList();
    }

    private void disable() throws Exception {
        disabler.disable(table.find("billing").orElseThrow(), "gone").get(10, TimeUnit.SECONDS);
    }

    private double failures() {
        final io.micrometer.core.instrument.Counter counter = registry.find("hookgate.subscriptions.disable.failures").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void withoutACatchUpNothingIsWrittenAndTheDisableFails() {
        synced.set(CompletableFuture.failedFuture(new IllegalStateException("the subscriptions table is not running")));
        assertThatThrownBy(this::disable).isInstanceOf(ExecutionException.class).hasMessageContaining("not running");
        assertThat(topic()).isEmpty();
        assertThat(notices()).isEmpty();
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void onlyTheStateOfTheFreshRecordChanges() throws Exception {
        disable();
        assertThat(written()).containsExactly(Optional.of(record.withState(State.DISABLED, clock.instant())));
        assertThat(notices()).extracting(OperationalEvent::type).containsExactly(OperationalEvent.Type.DISABLED);
        assertThat(failures()).isZero();
    }

    @Test
    void aChangeWrittenBetweenItsReadAndItsWriteIsKeptAndDisabled() throws Exception {
        final SubscriptionRecord moved = record.withSettings(settings("/v2"), "v2", clock.instant().plusMillis(1));
        afterRead.set(() -> adminWrites(moved));
        disable();
        assertThat(written()).containsExactly(Optional.of(moved), Optional.of(record.withState(State.DISABLED, clock.instant())),
            Optional.of(moved.withState(State.DISABLED, clock.instant())));
        assertThat(written().get(2).orElseThrow().settings().get("url").asText()).endsWith("/v2");
        assertThat(notices()).hasSize(1);
    }

    @Test
    void aDeletionWrittenBetweenItsReadAndItsWriteStaysADeletion() throws Exception {
        afterRead.set(() -> adminWrites(null));
        disable();
        assertThat(written()).containsExactly(Optional.empty(), Optional.of(record.withState(State.DISABLED, clock.instant())),
            Optional.empty());
        assertThat(notices()).isEmpty();
    }

    @Test
    void aChangeWrittenAfterTheDisableIsWrittenBackAsItWas() throws Exception {
        final SubscriptionRecord moved = record.withSettings(settings("/v2"), "v2", clock.instant().plusMillis(1));
        final SubscriptionRecord enabledAgain = record.withSettings(settings("/v3"), "v3", clock.instant().plusMillis(2));
        afterRead.set(() -> adminWrites(moved));
        // Lands after the first write, before the repair: its writer could see the disable.
        afterWrite.set(() -> adminWrites(enabledAgain));
        disable();
        assertThat(written()).containsExactly(Optional.of(moved), Optional.of(record.withState(State.DISABLED, clock.instant())),
            Optional.of(enabledAgain), Optional.of(moved.withState(State.DISABLED, clock.instant())), Optional.of(enabledAgain));
        assertThat(notices()).isEmpty();
    }

    @Test
    void aSubscriptionOfTheFileGetsAStateRecord() throws Exception {
        table.put(billing, State.ENABLED, Origin.CONFIG, null);
        disable();
        assertThat(written()).containsExactly(Optional.of(SubscriptionRecord.configState("billing", State.DISABLED, clock.instant())));
    }

    @Test
    void aSubscriptionDisabledMeanwhileIsLeftAsItIs() throws Exception {
        table.put(billing, State.DISABLED, Origin.API, clock.instant());
        disable();
        assertThat(topic()).isEmpty();
        assertThat(failures()).isZero();
    }

    private static void runOnce(final AtomicReference<Runnable> hook) {
        final Runnable run = hook.getAndSet(null);
        if (run != null) {
            run.run();
        }
    }

    /** The table, with a catch-up that answers {@link #synced} and a write of the admin API right after a read. */
    private final class Hooked implements Subscriptions {

        @Override
        public Optional<LiveSubscription> find(final String id) {
            return table.find(id);
        }

        @Override
        public Collection<LiveSubscription> all() {
            return table.all();
        }

        @Override
        public List<SubscriptionConfig> deliveringFrom(final String source) {
            return table.deliveringFrom(source);
        }

        @Override
        public Optional<SubscriptionRecord> record(final String id) {
            final Optional<SubscriptionRecord> read = table.record(id);
            runOnce(afterRead);
            return read;
        }

        @Override
        public CompletableFuture<Void> sync() {
            return synced.get();
        }
    }

    /** The subscriptions topic as the mock producer was sent it: one partition, offsets in the order sent. */
    private final class History implements SubscriptionHistory {

        @Override
        public CompletableFuture<Map<Integer, Long>> ends() {
            return CompletableFuture.completedFuture(Map.of(0, (long) topic().size()));
        }

        @Override
        public CompletableFuture<Optional<Written>> lastOf(final String id, final int partition, final long from, final long to) {
            runOnce(afterWrite);
            final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>(topic());
            Optional<Written> last = Optional.empty();
            for (long offset = from; offset < to; offset++) {
                final ProducerRecord<byte[], byte[]> one = sent.get((int) offset);
                if (new String(one.key(), StandardCharsets.UTF_8).equals(id)) {
                    last = Optional.of(new Written(offset, Optional.ofNullable(one.value()).map(value -> Json.read(value,
                        SubscriptionRecord.class))));
                }
            }
            return CompletableFuture.completedFuture(last);
        }
    }
}
