package io.hookgate.admin.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.errors.Unavailable;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store reads the topic to its end before each read, and types every way a write can fail. */
class KafkaSubscriptionStoreTest {

    final Topic<String, SubscriptionRecord> topic = new Topics("t.").subscriptionRecords();
    final TopicPartition partition = new TopicPartition(topic.name(), 0);
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    CompletableFuture<Void> sync = CompletableFuture.completedFuture(null);
    long end;

    final Subscriptions subscriptions = new Subscriptions() {
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
        public CompletableFuture<Void> sync() {
            return sync;
        }
    };

    KafkaSubscriptionStore store() {
        consumer.updatePartitions(topic.name(), List.of(new PartitionInfo(topic.name(), 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, end));
        return new KafkaSubscriptionStore(topic, producer, consumer, subscriptions, Duration.ofMillis(300));
    }

    static SubscriptionRecord record(final String id, final String url) {
        final ObjectNode settings = SubscriptionSettings.empty();
        settings.put("url", url);
        settings.putArray("sources").add("shop");
        return new SubscriptionRecord(1, id, Origin.API, State.ENABLED, null, null, settings, List.of(new SealedSecret("v1.sealed", null)),
            null, null);
    }

    void append(final String id, final byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(topic.name(), 0, end++, id.getBytes(StandardCharsets.UTF_8), value));
        consumer.updateEndOffsets(Map.of(partition, end));
    }

    void append(final SubscriptionRecord record) {
        final ProducerRecord<byte[], byte[]> written = topic.record(record.id(), record);
        append(record.id(), written.value());
    }

    @Test
    void eachReadSeesEveryRecordUpToTheEnd() {
        final KafkaSubscriptionStore store = store();
        assertThat(store.stored("billing")).as("an empty topic").isEmpty();
        append(record("billing", "https://a.example.com/1"));
        append(record("billing", "https://a.example.com/2"));
        append(record("temp", "https://t.example.com/"));
        append("temp", null);
        append("billing", "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(store.stored("billing")).get().extracting(r -> r.settings().path("url").asText())
            .as("an unreadable record leaves the last readable one").isEqualTo("https://a.example.com/2");
        assertThat(store.stored("temp")).as("a tombstone deletes").isEmpty();
        append(SubscriptionRecord.configState("audit", State.DISABLED, java.time.Instant.EPOCH));
        assertThat(store.stored("audit")).get().extracting(SubscriptionRecord::origin).isEqualTo(Origin.CONFIG);
        store.close();
    }

    @Test
    void aMissingTopicIsUnavailable() {
        final KafkaSubscriptionStore store = new KafkaSubscriptionStore(topic, producer, consumer, subscriptions, Duration.ofMillis(300));
        assertThatThrownBy(() -> store.stored("billing")).isInstanceOf(Unavailable.class).hasMessageContaining("does not exist");
    }

    @Test
    void aTopicThatCannotBeReadToItsEndIsUnavailable() {
        final KafkaSubscriptionStore store = store();
        consumer.updateEndOffsets(Map.of(partition, 5L));
        assertThatThrownBy(() -> store.stored("billing")).isInstanceOf(Unavailable.class).hasMessageContaining("to its end");
    }

    @Test
    void aWriteIsAcknowledgedThenInForce() {
        final KafkaSubscriptionStore store = store();
        store.write("billing", record("billing", "https://a.example.com/"));
        store.write("billing", null);
        assertThat(producer.history()).hasSize(2);
        assertThat(new String(producer.history().get(0).key(), StandardCharsets.UTF_8)).isEqualTo("billing");
        assertThat(producer.history().get(0).topic()).isEqualTo("t.subscriptions");
        assertThat(producer.history().get(1).value()).as("a tombstone").isNull();
    }

    @Test
    void aWriteKafkaRefusesForGoodIsAnInternalError() {
        final MockProducer<byte[], byte[]> manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        final KafkaSubscriptionStore store = new KafkaSubscriptionStore(topic, manual, consumer, subscriptions, Duration.ofSeconds(10));
        final CompletableFuture<Void> refusal = CompletableFuture.runAsync(() -> {
            while (manual.history().isEmpty()) {
                Thread.onSpinWait();
            }
            manual.errorNext(new RecordTooLargeException("too large"));
        });
        assertThatThrownBy(() -> store.write("billing", record("billing", "https://a.example.com/")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused").hasCauseInstanceOf(RecordTooLargeException.class);
        refusal.join();
    }

    @Test
    void everyFailureOfAWriteIsTyped() {
        final KafkaSubscriptionStore store = store();
        producer.sendException = new TimeoutException("no metadata");
        assertThatThrownBy(() -> store.write("billing", null)).isInstanceOf(Unavailable.class);
        producer.sendException = null;
        sync = new CompletableFuture<>();
        assertThatThrownBy(() -> store.write("billing", null)).isInstanceOf(Unavailable.class).hasMessageContaining("stored in Kafka");
        sync = CompletableFuture.failedFuture(new IllegalStateException("the subscriptions table is not running"));
        assertThatThrownBy(() -> store.write("billing", null)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("stopped following");
    }
}
