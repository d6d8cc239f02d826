package io.hookgate.app.tail;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows what happens to every webhook of a gateway, from its topics: {@code ingress.raw},
 * {@code events.rejected}, each {@code verified.{source}}, {@code events.duplicates} and
 * {@code dispatch.attempts}, read {@code read_committed} (what the processor's transactions
 * committed) without a consumer group (nothing committed, nothing left behind). Each poll's lines
 * are handed on in time order. Stops on {@link #close()} from another thread.
 */
final class LiveFeed implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LiveLines lines;
    private final List<String> topicNames;

    LiveFeed(final HookgateConfig config) {
        final Topics topics = new Topics(config.kafka().topicPrefix());
        this.lines = new LiveLines(topics);
        final List<String> names = new ArrayList<>(List.of(topics.raw(), topics.rejected(), topics.duplicates(), topics.attempts()));
        config.sources().keySet().forEach(source -> names.add(topics.verified(source)));
        this.topicNames = List.copyOf(names);
        this.consumer = new KafkaConsumer<>(KafkaClients.config(config.kafka(), config.kafka().topicPrefix() + "tail", Map.of(
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
    }

    /**
     * Takes every partition of the feed's topics, from {@code since} (null: from now on).
     *
     * @throws IllegalStateException naming the address when no broker answers within {@code timeout}
     */
    void start(final Instant since, final Duration timeout, final String bootstrapServers) {
        final List<TopicPartition> partitions = new ArrayList<>();
        final Map<String, List<PartitionInfo>> known;
        try {
            known = consumer.listTopics(timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            consumer.close();
            throw new IllegalStateException("no Kafka broker answered at " + bootstrapServers + " within " + timeout.toSeconds() + " s", e);
        }
        for (String topic : topicNames) {
            known.getOrDefault(topic, List.of()).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        if (since == null) {
            consumer.seekToEnd(partitions);
        } else {
            final Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
            final Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, timeout);
            for (TopicPartition partition : partitions) {
                final OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        }
        // Resolve the positions now: what arrives after start() is seen.
        partitions.forEach(partition -> consumer.position(partition, timeout));
    }

    /** Hands each line to {@code sink} until closed. */
    void run(final Consumer<LiveLine> sink) {
        try {
            while (true) {
                final List<LiveLine> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    lines.of(record).ifPresent(batch::add);
                }
                batch.sort(Comparator.comparing(LiveLine::at).thenComparing(LiveLine::kind));
                batch.forEach(sink);
            }
        } catch (WakeupException closing) {
            // close() was called: this is how the feed ends.
            return;
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
    }
}
