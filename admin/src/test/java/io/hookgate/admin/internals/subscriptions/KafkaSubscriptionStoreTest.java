package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.internals.errors.Conflict;
import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.SubscriptionRecord.Origin;
import io.hookgate.core.subscription.SubscriptionRecord.SealedSecret;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.SubscriptionSettings;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store reads the process's table once synced, refuses a write whose base changed, and types every way a write can fail. */
class KafkaSubscriptionStoreTest {

    final Topic<String, SubscriptionRecord> topic = new Topics("t.").subscriptionRecords();
    final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    CompletableFuture<Void> sync = CompletableFuture.completedFuture(null);
    int syncs;
    final Map<String, SubscriptionRecord> records = new HashMap<>();

    final Subscriptions subscriptions = new Table(() -> {
        syncs++;
        return sync;
    }, records);

    /** A table of {@code records}, each sync answered by {@code syncs}. */
    private record Table(Supplier<CompletableFuture<Void>> syncs, Map<String, SubscriptionRecord> records) implements Subscriptions {

        @Override
        public Optional<LiveSubscription> find(final String id) {
            return Optional.empty();
        }

        @Override
        public Collection<LiveSubscription> all() {
            return List.of();
        }

        @Override
        public List<SubscriptionConfig> deliveringFrom(final String source) {
            return List.of();
        }

        @Override
        public Optional<SubscriptionRecord> record(final String id) {
            return Optional.ofNullable(records.get(id));
        }

        @Override
        public CompletableFuture<Void> sync() {
            return syncs.get();
        }
    }

    KafkaSubscriptionStore store() {
        return new KafkaSubscriptionStore(topic, producer, subscriptions, Duration.ofMillis(300));
    }

    static SubscriptionRecord record(final String id, final String url) {
        final ObjectNode settings = SubscriptionSettings.empty();
        settings.put("url", url);
        settings.putArray("sources").add("shop");
        return new SubscriptionRecord(1, id, Origin.API, State.ENABLED, null, null, settings, List.of(new SealedSecret("v1.sealed", null)),
            null, null);
    }

    @Test
    void aReadIsTheTablesRecordOnceSynced() {
        final KafkaSubscriptionStore store = store();
        assertThat(store.stored("billing")).isEmpty();
        records.put("billing", record("billing", "https://a.example.com/2"));
        assertThat(store.stored("billing")).get().extracting(r -> r.settings().path("url").asText()).isEqualTo("https://a.example.com/2");
        assertThat(syncs).as("each read waits for every write before it").isEqualTo(2);
        sync = new CompletableFuture<>();
        assertThatThrownBy(() -> store.stored("billing")).isInstanceOf(Unavailable.class).hasMessageContaining("to its end");
        sync = CompletableFuture.failedFuture(new IllegalStateException("the subscriptions table stopped following topic t.subscriptions"));
        assertThatThrownBy(() -> store.stored("billing")).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped following");
    }

    @Test
    void aWriteIsCheckedAgainstItsBaseThenAcknowledgedThenInForce() {
        final KafkaSubscriptionStore store = store();
        final SubscriptionRecord first = record("billing", "https://a.example.com/");
        store.write("billing", Optional.empty(), first);
        assertThat(producer.history()).hasSize(1);
        assertThat(new String(producer.history().get(0).key(), StandardCharsets.UTF_8)).isEqualTo("billing");
        assertThat(producer.history().get(0).topic()).isEqualTo("t.subscriptions");
        assertThat(syncs).as("once before the check, once after the write").isEqualTo(2);
        records.put("billing", first);

        // Another writer changed it since the change read its base: nothing is written.
        final SubscriptionRecord theirs = first.withState(State.DISABLED, Instant.EPOCH);
        records.put("billing", theirs);
        assertThatThrownBy(() -> store.write("billing", Optional.of(first), first.deleted(Instant.EPOCH)))
            .isInstanceOf(Conflict.class).hasMessageContaining("changed since").extracting(e -> ((Conflict) e).code())
            .isEqualTo("subscription_changed");
        assertThatThrownBy(() -> store.write("billing", Optional.empty(), first)).isInstanceOf(Conflict.class);
        assertThat(producer.history()).hasSize(1);
        store.write("billing", Optional.of(theirs), theirs.deleted(Instant.EPOCH));
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void aWriteKafkaRefusesForGoodIsAnInternalError() {
        final MockProducer<byte[], byte[]> manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        final KafkaSubscriptionStore store = new KafkaSubscriptionStore(topic, manual, subscriptions, Duration.ofSeconds(10));
        final CompletableFuture<Void> refusal = CompletableFuture.runAsync(() -> {
            while (manual.history().isEmpty()) {
                Thread.onSpinWait();
            }
            manual.errorNext(new RecordTooLargeException("too large"));
        });
        assertThatThrownBy(() -> store.write("billing", Optional.empty(), record("billing", "https://a.example.com/")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused").hasCauseInstanceOf(RecordTooLargeException.class);
        refusal.join();
    }

    @Test
    void everyFailureOfAWriteIsTyped() {
        final KafkaSubscriptionStore store = store();
        final SubscriptionRecord record = record("billing", "https://a.example.com/");
        producer.sendException = new TimeoutException("no metadata");
        assertThatThrownBy(() -> store.write("billing", Optional.empty(), record)).isInstanceOf(Unavailable.class);
        producer.sendException = null;
        final CompletableFuture<Void> late = new CompletableFuture<>();
        sync = late;
        assertThatThrownBy(() -> store.write("billing", Optional.empty(), record)).isInstanceOf(Unavailable.class)
            .hasMessageContaining("was not written");
        // In sync before the write, not after it.
        final int[] calls = {0};
        final Subscriptions slowAfter = new Table(() -> calls[0]++ == 0 ? CompletableFuture.completedFuture(null) : late, Map.of());
        assertThatThrownBy(() -> new KafkaSubscriptionStore(topic, producer, slowAfter, Duration.ofMillis(300))
            .write("billing", Optional.empty(), record)).isInstanceOf(Unavailable.class).hasMessageContaining("stored in Kafka");
        sync = CompletableFuture.failedFuture(new IllegalStateException("the subscriptions table is closed"));
        assertThatThrownBy(() -> store.write("billing", Optional.empty(), record)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("stopped following");
    }
}
