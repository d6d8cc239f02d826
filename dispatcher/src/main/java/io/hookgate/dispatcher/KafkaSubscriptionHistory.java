package io.hookgate.dispatcher;

import io.hookgate.core.config.KafkaSettings;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.subscription.SubscriptionRecord;
import io.hookgate.core.thread.DaemonThreads;
import io.hookgate.core.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link SubscriptionHistory} on Kafka: each read opens a consumer of its own (no group, nothing
 * committed), on one thread of its own, so that no dispatcher thread waits for the broker. Reads
 * are rare (one disable is a few), so nothing is kept between them. A read that cannot finish within
 * {@code timeout} fails its future with a {@link TimeoutException}.
 */
final class KafkaSubscriptionHistory implements SubscriptionHistory, AutoCloseable {

    private final KafkaSettings kafka;
    private final String clientId;
    private final Topic<String, SubscriptionRecord> topic;
    private final Duration timeout;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(DaemonThreads.named("hookgate-subscriptions-history"));

    KafkaSubscriptionHistory(final KafkaSettings kafka, final String clientId, final Topic<String, SubscriptionRecord> topic,
                             final Duration timeout) {
        this.kafka = kafka;
        this.clientId = clientId;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Map<Integer, Long>> ends() {
        return read(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                final List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
                final Map<Integer, Long> ends = new HashMap<>();
                consumer.endOffsets(partitions.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList(), timeout)
                    .forEach((partition, end) -> ends.put(partition.partition(), end));
                return ends;
            }
        });
    }

    @Override
    public CompletableFuture<Optional<Written>> lastOf(final String id, final int partition, final long from, final long to) {
        return read(() -> {
            if (from >= to) {
                return Optional.empty();
            }
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                final TopicPartition tp = new TopicPartition(topic.name(), partition);
                consumer.assign(List.of(tp));
                consumer.seek(tp, from);
                final Instant deadline = Instant.now().plus(timeout);
                Optional<Written> last = Optional.empty();
                while (consumer.position(tp, timeout) < to) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(new TimeoutException("could not read " + tp + " up to offset " + to + " within "
                            + timeout.toSeconds() + "s"));
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.offset() < to && record.key() != null && id.equals(topic.key(record))) {
                            last = Optional.of(new Written(record.offset(), Optional.ofNullable(topic.value(record))));
                        }
                    }
                }
                return last;
            }
        });
    }

    private <T> CompletableFuture<T> read(final Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, reader);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(KafkaClients.config(kafka, clientId, Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
