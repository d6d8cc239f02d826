package io.hookgate.admin.subscriptions;

import io.hookgate.admin.errors.Unavailable;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link SubscriptionStore} of the cluster. Writes go through the admin's idempotent producer
 * ({@code acks=all}), then wait for {@link Subscriptions#sync()}. Reads come from a consumer of its
 * own (no group) that reads the topic from its beginning once and then catches up to its end
 * before each read: the topic is compacted and written only by the admin API, so this stays small
 * and cheap, and a read always sees every write acknowledged before it. One read at a time.
 *
 * <p>Failures are typed: Kafka not answering in time is {@link Unavailable} (503); Kafka refusing
 * a write for good is an {@link IllegalStateException} (an internal error, logged).
 */
public final class KafkaSubscriptionStore implements SubscriptionStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscriptionStore.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Topic<String, SubscriptionRecord> topic;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final Subscriptions subscriptions;
    private final Duration timeout;
    /** The latest readable record of each id read so far; guarded by {@code this}. */
    private final Map<String, SubscriptionRecord> records = new HashMap<>();
    private List<TopicPartition> partitions;

    /**
     * @param producer      idempotent, {@code acks=all}; not closed here
     * @param subscriptions the subscriptions in force in this process, whose {@code sync} a write waits for
     * @param timeout       the longest wait for Kafka, for each of: the acknowledgement, the sync, a read to the end
     */
    public KafkaSubscriptionStore(final HookgateConfig config, final Producer<byte[], byte[]> producer, final Subscriptions subscriptions,
                                  final Duration timeout) {
        this(new Topics(config.kafka().topicPrefix()).subscriptionRecords(), producer,
            new KafkaConsumer<>(KafkaClients.config(config.kafka(), config.kafka().topicPrefix() + "admin-subscriptions", Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
            subscriptions, timeout);
    }

    KafkaSubscriptionStore(final Topic<String, SubscriptionRecord> topic, final Producer<byte[], byte[]> producer,
                           final Consumer<byte[], byte[]> consumer, final Subscriptions subscriptions, final Duration timeout) {
        this.topic = topic;
        this.producer = producer;
        this.consumer = consumer;
        this.subscriptions = subscriptions;
        this.timeout = timeout;
    }

    @Override
    public synchronized Optional<SubscriptionRecord> stored(final String id) {
        catchUp();
        return Optional.ofNullable(records.get(id));
    }

    private void catchUp() {
        if (partitions == null) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
            if (infos == null || infos.isEmpty()) {
                throw new Unavailable("topic " + topic.name() + " does not exist yet (hookgate topics create makes it)", null);
            }
            final List<TopicPartition> assigned = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            partitions = assigned;
        }
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new Unavailable("could not read topic " + topic.name() + " to its end within " + timeout.toSeconds() + " s", null);
            }
            consumer.poll(POLL).forEach(this::apply);
        }
    }

    private void apply(final ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        final String id = topic.key(record);
        if (record.value() == null) {
            records.remove(id);
            return;
        }
        try {
            records.put(id, topic.value(record));
        } catch (RuntimeException e) {
            // The table reports and counts it too; here it is only not a base to change.
            LOG.warn("Record of {} for subscription {} at offset {} is unreadable; the admin API leaves it alone: {}",
                topic.name(), id, record.offset(), e.getMessage());
        }
    }

    @Override
    public void write(final String id, final SubscriptionRecord record) {
        try {
            producer.send(topic.record(id, record)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                throw new Unavailable("Kafka did not take the change of subscription " + id + ": " + e.getCause().getMessage(), e.getCause());
            }
            throw new IllegalStateException("Kafka refused the change of subscription " + id + ": " + e.getCause(), e.getCause());
        } catch (RetriableException e) {
            // send() itself throws when the topic's metadata does not come in time.
            throw new Unavailable("Kafka did not take the change of subscription " + id + ": " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new Unavailable("Kafka did not acknowledge the change of subscription " + id + " in " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Kafka to acknowledge the change of subscription " + id, e);
        }
        try {
            subscriptions.sync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the change of subscription " + id + " is stored, but the subscriptions of this process "
                + "stopped following the topic: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new Unavailable("the change of subscription " + id + " is stored in Kafka, but not yet read back here within "
                + timeout.toSeconds() + " s; it will be in force shortly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the change of subscription " + id + " to be in force", e);
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
