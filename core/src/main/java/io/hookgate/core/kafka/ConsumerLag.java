package io.hookgate.core.kafka;

import io.hookgate.core.thread.DaemonThreads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far one consumer group is behind, as the broker sees it (whichever instance holds which
 * partition), measured every {@code every} on a thread of its own:
 * <ul>
 * <li>{@code hookgate.consumer.lag.records{part, group, topic}}: records between the group's committed
 * offset and the end of each partition (the last stable offset: what a {@code read_committed}
 * consumer can read), summed over the topic's partitions;</li>
 * <li>{@code hookgate.consumer.lag.seconds{part, group, topic}}: how long the oldest record not yet
 * committed has been due, the largest over the topic's partitions, 0 when nothing waits. A record is
 * due at its {@code dueAtHeader} (a task waiting in a retry tier is not late before its time) or else
 * at its timestamp. It is read from the committed offset by a consumer of no group.</li>
 * </ul>
 * The topics are the group's committed ones and {@code topics} (counted from their first offset
 * before the group committed any). When Kafka does not answer, the last values stay and the failure
 * is logged once until a measurement succeeds again.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

    /** The lag of one topic, read by the gauges. */
    private static final class TopicLag {
        private volatile double records;
        private volatile double seconds;
    }

    /** What one measurement found of a partition. */
    public record PartitionLag(long records, double seconds) {
    }

    private final Admin admin;
    private final String part;
    private final String group;
    private final List<String> topics;
    private final String dueAtHeader;
    private final MeterRegistry registry;
    private final Clock clock;
    private final KafkaConsumer<byte[], byte[]> probe;
    private final Map<String, TopicLag> byTopic = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private boolean failing;

    /**
     * @param admin         a client of the cluster (not closed here)
     * @param probeConfig   the settings of the cluster for the consumer that reads head records ({@link KafkaClients#config})
     * @param part          the part the group belongs to ({@code processor}, {@code dispatcher}), a tag
     * @param dueAtHeader   the header holding a record's due time (epoch millis), or null for its timestamp alone
     */
    public ConsumerLag(final Admin admin, final Map<String, Object> probeConfig, final String part, final String group,
                       final Collection<String> topics, final String dueAtHeader, final MeterRegistry registry, final Clock clock) {
        this.admin = admin;
        this.part = part;
        this.group = group;
        this.topics = List.copyOf(topics);
        this.dueAtHeader = dueAtHeader;
        this.registry = registry;
        this.clock = clock;
        final Map<String, Object> settings = new HashMap<>(probeConfig);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        this.probe = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : this.topics) {
            lagOf(topic);
        }
    }

    /** Measures now and then every {@code every}, until closed. */
    public synchronized void start(final Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("hookgate-lag-" + part));
        timer.scheduleWithFixedDelay(this::measureQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void measureQuietly() {
        try {
            measure();
            if (failing) {
                LOG.info("Lag of group {} measured again", group);
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot measure the lag of group {} (the last values stay until it works again): {}", group,
                    e instanceof ExecutionException ? e.getCause().toString() : e.toString());
                failing = true;
            }
        }
    }

    /**
     * Measures once and updates the gauges.
     *
     * @return the lag of each partition measured
     */
    public synchronized Map<TopicPartition, PartitionLag> measure() throws InterruptedException, ExecutionException, TimeoutException {
        final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        committed.values().removeIf(offset -> offset == null);
        final Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        partitions.addAll(partitionsOf(topics));
        final Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        final Set<TopicPartition> uncommitted = new HashSet<>(partitions);
        uncommitted.removeAll(committed.keySet());
        final Map<TopicPartition, Long> starts = offsets(uncommitted, OffsetSpec.earliest());
        final Map<TopicPartition, Long> positions = new HashMap<>();
        final Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition partition : partitions) {
            final Long end = ends.get(partition);
            final Long position = committed.containsKey(partition) ? Long.valueOf(committed.get(partition).offset()) : starts.get(partition);
            if (end != null && position != null) {
                positions.put(partition, position);
                behind.put(partition, Math.max(0, end - position));
            }
        }
        final Map<TopicPartition, Instant> due = heads(positions, behind);
        final Instant now = clock.instant();
        final Map<TopicPartition, PartitionLag> measured = new HashMap<>();
        final Map<String, double[]> totals = new HashMap<>();
        behind.forEach((partition, records) -> {
            final Instant dueAt = due.get(partition);
            final double seconds = records == 0 || dueAt == null ? 0.0 : Math.max(0, Duration.between(dueAt, now).toMillis() / 1000.0);
            measured.put(partition, new PartitionLag(records, seconds));
            final double[] total = totals.computeIfAbsent(partition.topic(), ignored -> new double[2]);
            total[0] += records;
            total[1] = Math.max(total[1], seconds);
        });
        totals.forEach((topic, total) -> {
            final TopicLag lag = lagOf(topic);
            lag.records = total[0];
            lag.seconds = total[1];
        });
        return measured;
    }

    private Set<TopicPartition> partitionsOf(final List<String> names) throws InterruptedException, ExecutionException, TimeoutException {
        final Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : names) {
            // One at a time: a topic not created yet is left out, not a failed measurement of the others.
            try {
                final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                description.partitions().forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(final Set<TopicPartition> partitions, final OffsetSpec spec)
        throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        final Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(partition -> asked.put(partition, spec));
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answered = admin.listOffsets(asked,
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        answered.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** When the first record at {@code positions} of each partition that is behind was due. */
    private Map<TopicPartition, Instant> heads(final Map<TopicPartition, Long> positions, final Map<TopicPartition, Long> behind) {
        final Map<TopicPartition, Instant> due = new HashMap<>();
        final Set<TopicPartition> waiting = new HashSet<>();
        behind.forEach((partition, records) -> {
            if (records > 0) {
                waiting.add(partition);
            }
        });
        if (waiting.isEmpty()) {
            return due;
        }
        probe.assign(waiting);
        waiting.forEach(partition -> probe.seek(partition, positions.get(partition)));
        final long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        while (due.size() < waiting.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : probe.poll(Duration.ofMillis(200))) {
                final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (!due.containsKey(partition)) {
                    due.put(partition, dueAt(record));
                    // Enough of this partition: fetch only the others.
                    probe.pause(List.of(partition));
                }
            }
        }
        probe.assign(List.of());
        return due;
    }

    private Instant dueAt(final ConsumerRecord<byte[], byte[]> record) {
        if (dueAtHeader != null) {
            try {
                final Instant due = HeaderText.instant(record.headers(), dueAtHeader);
                if (due != null) {
                    return due;
                }
            } catch (HeaderText.MalformedHeaderException e) {
                // A broken header: the record's timestamp says enough.
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private TopicLag lagOf(final String topic) {
        return byTopic.computeIfAbsent(topic, name -> {
            final TopicLag lag = new TopicLag();
            Gauge.builder("hookgate.consumer.lag.records", lag, l -> l.records)
                .description("Records of the topic the group has not committed yet (to the last stable offset)")
                .tag("part", part).tag("group", group).tag("topic", name).register(registry);
            Gauge.builder("hookgate.consumer.lag.seconds", lag, l -> l.seconds)
                .description("How long the oldest record the group has not committed has been due (0 when none waits)")
                .tag("part", part).tag("group", group).tag("topic", name).register(registry);
            return lag;
        });
    }

    /** Stops measuring (a measurement under way is interrupted), then closes the probe consumer. */
    @Override
    public void close() {
        final ScheduledExecutorService running;
        synchronized (this) {
            running = timer;
            timer = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(TIMEOUT.toMillis() + FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            probe.close(Duration.ofSeconds(5));
        }
    }
}
