package io.hookgate.dispatcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.subscription.SubscriptionTable;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    /**
     * Run once, right after the disabler took the topic's ends: a write of the admin API that the
     * table (which only the test changes) has not seen when the disabler reads from it.
     */
    private final AtomicReference<Runnable> afterRead = new AtomicReference<>();
    /** Run once, when the history is first read: a write of the admin API just after the disable went in. */
    private final AtomicReference<Runnable> afterWrite = new AtomicReference<>();
    private HookgateConfig config;
    private SubscriptionConfig billing;
    private SubscriptionRecord record;
    private HandOff handOff;
    private SubscriptionDisabler disabler;

    @BeforeEach
    void start() {
        config = new ConfigLoader(DispatcherIT.ONE_PROVIDER, Map.<String, String>of()::get).parse("""
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
        handOff = new HandOff(producer, sender, sender, timer);
        disabler = disablerOf(table);
    }

    private SubscriptionDisabler disablerOf(final Subscriptions subscriptions) {
        return new SubscriptionDisabler(subscriptions, new History(), handOff, TOPICS,
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
        // A table that stopped following the topic: what it holds may be stale.
        final SubscriptionTable stopped = new SubscriptionTable(config, "dispatcher", new SimpleMeterRegistry(), clock, Duration.ofSeconds(1));
        stopped.close();
        disabler = disablerOf(stopped);
        assertThatThrownBy(() -> disabler.disable(stopped.find("billing").orElseThrow(), "gone").get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasMessageContaining("subscriptions table").hasMessageContaining("closed");
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

    /** The subscriptions topic as the mock producer was sent it: one partition, offsets in the order sent. */
    private final class History implements SubscriptionHistory {

        @Override
        public CompletableFuture<Map<Integer, Long>> ends() {
            final Map<Integer, Long> ends = Map.of(0, (long) topic().size());
            runOnce(afterRead);
            return CompletableFuture.completedFuture(ends);
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
