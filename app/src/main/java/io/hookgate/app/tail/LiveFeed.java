package io.hookgate.app.tail;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.KafkaSettings;
import io.hookgate.core.kafka.Consumers;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.time.Ticker;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows topics of a gateway and hands on what {@code reader} makes of each record, each poll's
 * items in {@code order}: read {@code read_committed} (what the processor's transactions committed)
 * without a consumer group (nothing committed, nothing left behind). {@link #everything} follows
 * every step of every webhook ({@code ingress.raw}, {@code events.rejected}, each
 * {@code verified.{source}}, {@code events.duplicates} and {@code dispatch.attempts}) as live
 * lines, {@link #attemptsOf} the delivery attempts of one subscription. {@link #start} once, then {@link #run} until {@link #close()} from another thread, or
 * {@link #discard()} a feed that will not run.
 *
 * @param <T> what the feed hands on
 */
final class LiveFeed<T> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final List<String> topicNames;
    private final Function<ConsumerRecord<byte[], byte[]>, Optional<T>> reader;
    private final Comparator<T> order;

    /**
     * @param kafka    the cluster and the client settings
     * @param clientId the consumer's client id
     * @param topics   the topics to follow (those that do not exist are left out)
     * @param reader   what a record stands for, if anything
     * @param order    the order of the items of one poll
     */
    LiveFeed(final KafkaSettings kafka, final String clientId, final List<String> topics,
             final Function<ConsumerRecord<byte[], byte[]>, Optional<T>> reader, final Comparator<T> order) {
        this.bootstrapServers = kafka.bootstrapServers();
        this.topicNames = List.copyOf(topics);
        this.reader = reader;
        this.order = order;
        // Lines for people may be a tenth of a second late: fetch in batches, not a request per record.
        this.consumer = new KafkaConsumer<>(KafkaClients.readCommittedConsumer(kafka, clientId, KafkaClients.batchedFetch(Map.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))));
    }

    /** Every step of every webhook of {@code config}'s gateway, as live lines in time order. */
    static LiveFeed<LiveLine> everything(final HookgateConfig config) {
        return everything(config, new LineBudget(0, Ticker.SYSTEM));
    }

    /**
     * As {@link #everything(HookgateConfig)}, parsing only the records {@code budget} admits (the others it
     * counts by topic): a view for people that costs the gateway little at any rate.
     */
    static LiveFeed<LiveLine> everything(final HookgateConfig config, final LineBudget budget) {
        final Topics topics = new Topics(config.kafka().topicPrefix());
        final List<String> names = new ArrayList<>(List.of(topics.raw(), topics.rejected(), topics.duplicates(), topics.attempts()));
        config.sources().keySet().forEach(source -> names.add(topics.verified(source)));
        final LiveLines lines = new LiveLines(topics);
        return new LiveFeed<>(config.kafka(), config.kafka().topicPrefix() + "tail", names,
            record -> budget.admit(lines.kindOf(record.topic())) ? lines.of(record) : Optional.empty(), LiveLine.ORDER);
    }

    /** The records of {@code dispatch.attempts} (keyed by subscription id) of subscription {@code subscription}, in time order. */
    static LiveFeed<ConsumerRecord<byte[], byte[]>> attemptsOf(final KafkaSettings kafka, final String subscription) {
        final byte[] key = subscription.getBytes(StandardCharsets.UTF_8);
        return new LiveFeed<>(kafka, kafka.topicPrefix() + "listen", List.of(new Topics(kafka.topicPrefix()).attempts()),
            record -> Arrays.equals(key, record.key()) ? Optional.of(record) : Optional.empty(),
            Comparator.comparingLong(ConsumerRecord::timestamp));
    }

    /**
     * Takes every partition of the feed's topics, from {@code since} (null: from now on).
     *
     * @return how many partitions the feed follows (none when none of its topics exists)
     * @throws IllegalStateException naming the address when no broker answers within {@code timeout}
     *                               (the feed is then discarded)
     */
    int start(final Instant since, final Duration timeout) {
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
            Consumers.seekToTime(consumer, partitions, since.toEpochMilli(), timeout);
        }
        // Resolve the positions now: what arrives after start() is seen.
        partitions.forEach(partition -> consumer.position(partition, timeout));
        return partitions.size();
    }

    /** Hands each item to {@code sink} until closed. */
    void run(final Consumer<T> sink) {
        run(sink, () -> { });
    }

    /** Hands each item to {@code sink} until closed, and runs {@code afterEachPoll} after each poll's items (at least every 200 ms). */
    void run(final Consumer<T> sink, final Runnable afterEachPoll) {
        try {
            while (true) {
                // Read in time order, so that a reader that keeps to a budget spends it on the earliest records, not one topic's.
                final List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>();
                consumer.poll(POLL).forEach(polled::add);
                polled.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
                final List<T> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    reader.apply(record).ifPresent(batch::add);
                }
                batch.sort(order);
                batch.forEach(sink);
                afterEachPoll.run();
            }
        } catch (WakeupException closing) {
            // close() was called: this is how the feed ends.
            return;
        } finally {
            consumer.close();
        }
    }

    /** Closes a feed that was started and will not {@link #run}, on the thread that started it. */
    void discard() {
        consumer.close();
    }

    /** Makes {@link #run} end; from any thread. */
    @Override
    public void close() {
        consumer.wakeup();
    }
}
