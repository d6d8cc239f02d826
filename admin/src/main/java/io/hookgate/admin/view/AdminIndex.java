package io.hookgate.admin.view;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.health.Readiness;
import io.hookgate.core.json.Json;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API's materialised view of {@code dispatch.dlq}, {@code events.rejected} and
 * {@code admin.replays}: one thread reads every partition of them (no consumer group: each process
 * with the admin API keeps its own full index) into {@link EntryStore}s, committing each batch of
 * entries with the offsets it covers, so a restart resumes where it stopped and a lost directory
 * is rebuilt from Kafka.
 */
public final class AdminIndex implements Readiness, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminIndex.class);

    private final Topics topics;
    private final EntryStore dlq;
    private final EntryStore rejected;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String failure;

    public AdminIndex(final HookgateConfig config, final Path directory) {
        this.topics = new Topics(config.kafka().topicPrefix());
        this.dlq = new EntryStore(directory.resolve("dlq"));
        this.rejected = new EntryStore(directory.resolve("rejected"));
        this.consumer = new KafkaConsumer<>(KafkaClients.config(config.kafka(), topics.dispatcherGroup() + "-admin-index", Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "hookgate-admin-index");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public EntryStore dlq() {
        return dlq;
    }

    public EntryStore rejected() {
        return rejected;
    }

    private void run() {
        try {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.dlq(), topics.rejected(), topics.replays())) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                final long position = storeOf(partition.topic()).position(partition);
                if (position >= 0) {
                    consumer.seek(partition, position);
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            final Map<TopicPartition, Long> catchUpTo = consumer.endOffsets(partitions);
            while (running) {
                apply(consumer.poll(Duration.ofMillis(200)));
                // Positions, not stored offsets: transaction markers end the rejected topic.
                if (!caughtUp && catchUpTo.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp = true;
                    LOG.info("Admin index caught up");
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e.toString();
            }
        } catch (RuntimeException | RocksDBException e) {
            failure = e.toString();
            LOG.error("The admin index stopped; the admin API answers from what it indexed so far", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(final ConsumerRecords<byte[], byte[]> records) throws RocksDBException {
        if (records.isEmpty()) {
            return;
        }
        try (WriteBatch dlqBatch = new WriteBatch(); WriteBatch rejectedBatch = new WriteBatch()) {
            final Map<TopicPartition, Long> next = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                next.put(partition, record.offset() + 1);
                if (record.topic().equals(topics.dlq())) {
                    addDlq(dlqBatch, record);
                } else if (record.topic().equals(topics.rejected())) {
                    rejected.add(rejectedBatch, EntryKinds.rejected(record), Json.write(StoredRecord.of(record)));
                } else {
                    applyReplay(record);
                }
            }
            for (Map.Entry<TopicPartition, Long> position : next.entrySet()) {
                storeOf(position.getKey().topic()).position(position.getKey().topic().equals(topics.rejected()) ? rejectedBatch : dlqBatch,
                    position.getKey(), position.getValue());
            }
            dlq.write(dlqBatch);
            rejected.write(rejectedBatch);
        }
    }

    private void addDlq(final WriteBatch batch, final ConsumerRecord<byte[], byte[]> record) throws RocksDBException {
        try {
            final var entry = EntryKinds.dlq(record);
            if (entry.isPresent()) {
                dlq.add(batch, entry.get(), record.value());
            }
        } catch (UncheckedIOException e) {
            LOG.error("Unreadable DLQ record partition={} offset={}: {}", record.partition(), record.offset(), e.getMessage());
        }
    }

    /** A replay state from {@code admin.replays}, keyed {@code dlq:<id>} or {@code rejected:<id>}. */
    private void applyReplay(final ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        final String key = new String(record.key(), StandardCharsets.UTF_8);
        final int colon = key.indexOf(':');
        if (colon < 0) {
            return;
        }
        final EntryStore store = "dlq".equals(key.substring(0, colon)) ? dlq : rejected;
        final String id = key.substring(colon + 1);
        final ReplayState state = Json.read(record.value(), ReplayState.class);
        // Replays are replayed in order: keep the highest count seen.
        if (state.count() >= store.replayState(id).count()) {
            store.putReplayState(id, state);
        }
    }

    private EntryStore storeOf(final String topic) {
        return topic.equals(topics.rejected()) ? rejected : dlq;
    }

    @Override
    public String name() {
        return "admin-index";
    }

    /** Ready once the index holds everything the topics held when it started. */
    @Override
    public String notReadyReason() {
        if (failure != null) {
            return "admin index stopped: " + failure;
        }
        return caughtUp ? null : "admin index catching up with the DLQ and rejected topics";
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dlq.close();
        rejected.close();
    }
}
