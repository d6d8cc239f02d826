package io.hookgate.core.subscription;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.ConfigLoaderTest;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table on a mock consumer: what an unreadable record does, and syncs once its thread stopped. */
class SubscriptionTableTest {

    static final String KEY = SubscriptionTableIT.KEY;
    final HookgateConfig config = new ConfigLoader(ConfigLoaderTest.PROVIDERS, name -> null).parse("""
        kafka: {bootstrapServers: "127.0.0.1:1", topicPrefix: "mock."}
        admin: {secretsKey: "%s"}
        sources:
          shop: {provider: standard-webhooks, secrets: [%s]}
        """.formatted(KEY, SubscriptionSnapshotTest.SECRET_A));
    final Topic<String, SubscriptionRecord> topic = new Topics("mock.").subscriptionRecords();
    final TopicPartition partition = new TopicPartition(topic.name(), 0);
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SubscriptionTable table;
    long end;

    @BeforeEach
    void start() {
        consumer.updatePartitions(topic.name(), List.of(new PartitionInfo(topic.name(), 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.updateEndOffsets(Map.of(partition, 0L));
        table = new SubscriptionTable(config, consumer, registry, Clock.systemUTC(), Duration.ofSeconds(30));
        table.start();
    }

    @AfterEach
    void stop() {
        table.close();
    }

    void append(final String id, final byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(topic.name(), 0, end++, id.getBytes(StandardCharsets.UTF_8), value));
        consumer.updateEndOffsets(Map.of(partition, end));
    }

    void append(final SubscriptionRecord record) {
        append(record.id(), topic.record(record.id(), record).value());
    }

    void sync() throws Exception {
        table.sync().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRecordThatCannotBeReadEndsWhatCameBeforeIt() throws Exception {
        append(SubscriptionTableIT.record("crm", "https://crm.example.com/a", State.ENABLED));
        sync();
        assertThat(table.find("crm")).isPresent();
        assertThat(table.unreadable("crm")).isFalse();

        append("crm", "{not json".getBytes(StandardCharsets.UTF_8));
        sync();
        assertThat(table.find("crm")).as("the old record is not left in force").isEmpty();
        assertThat(table.record("crm")).isEmpty();
        assertThat(table.unreadable("crm")).isTrue();
        assertThat(registry.get("hookgate.subscriptions.unreadable").counter().count()).isEqualTo(1.0);

        // A record whose id is not its key is no better.
        append(SubscriptionTableIT.record("crm", "https://crm.example.com/b", State.ENABLED));
        append("crm", topic.record("other", SubscriptionTableIT.record("other", "https://x.example.com/", State.ENABLED)).value());
        sync();
        assertThat(table.find("crm")).isEmpty();
        assertThat(registry.get("hookgate.subscriptions.unreadable").counter().count()).isEqualTo(2.0);

        append(SubscriptionTableIT.record("crm", "https://crm.example.com/c", State.ENABLED));
        sync();
        assertThat(table.find("crm").orElseThrow().config().url()).hasToString("https://crm.example.com/c");
        assertThat(table.unreadable("crm")).isFalse();
        append("crm", "junk".getBytes(StandardCharsets.UTF_8));
        append("crm", null);
        sync();
        assertThat(table.unreadable("crm")).as("a tombstone ends an unreadable record too").isFalse();
        assertThat(table.find("crm")).isEmpty();
    }

    @Test
    void aDeletedRecordIsNoSubscriptionButKeepsItsRecord() throws Exception {
        final SubscriptionRecord crm = SubscriptionTableIT.record("crm", "https://crm.example.com/a", State.ENABLED);
        append(crm);
        append(crm.deleted(java.time.Instant.now()));
        sync();
        assertThat(table.find("crm")).isEmpty();
        assertThat(table.unreadable("crm")).isFalse();
        assertThat(table.record("crm")).get().satisfies(record -> {
            assertThat(record.isDeleted()).isTrue();
            assertThat(record.settings()).isNull();
            assertThat(record.secrets()).isEmpty();
        });
        assertThat(registry.get("hookgate.subscriptions.unreadable").counter().count()).isZero();
    }

    @Test
    void onceItsThreadStoppedEverySyncFailsAtOnceSayingWhy() throws Exception {
        // A sync waiting for an end the thread never reaches...
        consumer.updateEndOffsets(Map.of(partition, 5L));
        final CompletableFuture<Void> waiting = table.sync();
        consumer.setPollException(new KafkaException("the broker went away"));
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasMessageContaining("stopped following topic mock.subscriptions");
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); table.notReadyReason() == null
            && System.nanoTime() < deadline; ) {
            Thread.sleep(20);
        }
        assertThat(table.notReadyReason()).contains("not following topic mock.subscriptions");
        // ...and one asked after: neither waits for a thread that is gone.
        final CompletableFuture<Void> later = table.sync();
        assertThat(later).isCompletedExceptionally();
        assertThatThrownBy(later::join).hasMessageContaining("stopped following topic mock.subscriptions")
            .hasMessageContaining("the broker went away");
    }

    @Test
    void aClosedTableFailsItsSyncs() {
        table.close();
        assertThatThrownBy(() -> table.sync().get(5, TimeUnit.SECONDS)).hasMessageContaining("closed");
    }
}
