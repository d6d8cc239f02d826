package io.hookgate.admin.internals.replay;

import io.hookgate.admin.api.model.ReplayState;
import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.core.config.KafkaSettings;
import io.hookgate.core.json.Json;
import io.hookgate.core.kafka.Consumers;
import io.hookgate.core.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Replay claims in Kafka, so that one entry is replayed once across every admin instance of a
 * cluster unless forced. A claim is a record {@code claim:<kind>:<id>} in {@code admin.replays}, on
 * the partition of the entry's state record {@code <kind>:<id>}; its claimer then reads the topic
 * back past it and folds what it read ({@link ClaimLedger}) to learn whether it won. Every instance
 * reads the same partition in the same order, so exactly one not forced claim wins. Settling writes
 * the entry's new state, then the claim's tombstone (compaction drops it). One thread follows the
 * topic from {@link ClaimLedger#HELD_FOR} before the start on; the index ignores claim records.
 */
public final class KafkaReplayClaims implements ReplayClaims, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReplayClaims.class);
    /** The prefix of a claim's key, before the entry's key (the index skips such records). */
    public static final String CLAIM_PREFIX = "claim:";
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(15);
    private static final int SEND_TIMEOUT_SECONDS = 30;

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final ClaimLedger ledger = new ClaimLedger();
    /** The next offset to read of each partition, once the follower has placed itself. */
    private final Map<Integer, Long> positions = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    /** @param producer idempotent, {@code acks=all}; not closed here */
    public KafkaReplayClaims(final KafkaSettings kafka, final String topic, final Producer<byte[], byte[]> producer, final Clock clock) {
        this.topic = topic;
        this.producer = producer;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(KafkaClients.readCommittedConsumer(kafka, kafka.topicPrefix() + "admin-replay-claims", Map.of()), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::follow, "hookgate-replay-claims");
        this.thread.setDaemon(true);
    }

    /** Starts following the topic. */
    public void start() {
        thread.start();
    }

    @Override
    public Optional<Claim> claim(final String key, final boolean force, final int knownCount) {
        final String id = UUID.randomUUID().toString();
        final RecordMetadata written = send(new ProducerRecord<>(topic, partitionOf(key), bytes(CLAIM_PREFIX + key),
            Json.write(new ClaimLedger.ClaimValue(id, force, knownCount))));
        awaitRead(written.partition(), written.offset());
        final boolean won = ledger.won(key, id).orElseThrow(() -> new IllegalStateException("claim " + id + " of " + key
            + " was read back without a verdict"));
        return won ? Optional.of(new Claim(key, id, Math.max(knownCount, ledger.count(key)))) : Optional.empty();
    }

    @Override
    public void settle(final Claim claim, final ReplayState replayed) {
        if (replayed != null) {
            send(new ProducerRecord<>(topic, partitionOf(claim.key()), bytes(claim.key()), Json.write(replayed)));
        }
        send(new ProducerRecord<>(topic, partitionOf(claim.key()), bytes(CLAIM_PREFIX + claim.key()), null));
    }

    /** The partition the default partitioner gives the entry's state record: its claims go there too, in order with it. */
    private int partitionOf(final String key) {
        final List<PartitionInfo> partitions = producer.partitionsFor(topic);
        return Utils.toPositive(Utils.murmur2(bytes(key))) % partitions.size();
    }

    private RecordMetadata send(final ProducerRecord<byte[], byte[]> record) {
        return ReplaySends.acknowledged(producer, record, SEND_TIMEOUT_SECONDS);
    }

    private void awaitRead(final int partition, final long offset) {
        final long deadline = System.nanoTime() + READ_BACK_TIMEOUT.toNanos();
        synchronized (positions) {
            while (positions.getOrDefault(partition, -1L) <= offset) {
                if (failure != null) {
                    throw new Unavailable("replay claims cannot be read back: " + failure, null);
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new Unavailable("the replay claim was not read back from " + topic + " within "
                        + READ_BACK_TIMEOUT.toSeconds() + " s", null);
                }
                try {
                    positions.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Unavailable("interrupted while reading the replay claim back", e);
                }
            }
        }
    }

    private void follow() {
        try {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            // Claims older than HELD_FOR hold nothing: reading from there is enough.
            final long from = clock.millis() - ClaimLedger.HELD_FOR_MILLIS;
            Consumers.seekToTime(consumer, partitions, from, Duration.ofSeconds(60));
            long forgotten = clock.millis();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    fold(record);
                }
                synchronized (positions) {
                    for (TopicPartition partition : partitions) {
                        positions.put(partition.partition(), consumer.position(partition));
                    }
                    positions.notifyAll();
                }
                if (clock.millis() - forgotten > ClaimLedger.HELD_FOR_MILLIS) {
                    forgotten = clock.millis();
                    ledger.forget(forgotten - 2 * ClaimLedger.HELD_FOR_MILLIS);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failed(e);
            }
        } catch (RuntimeException e) {
            failed(e);
            LOG.error("Replay claims are no longer read; replays answer 503 until a restart", e);
        } finally {
            consumer.close();
        }
    }

    private void failed(final RuntimeException e) {
        synchronized (positions) {
            failure = e.toString();
            positions.notifyAll();
        }
    }

    /** One record of the topic into the ledger; one it cannot read is left to the index's quarantine. */
    private void fold(final ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        final String key = new String(record.key(), StandardCharsets.UTF_8);
        try {
            if (key.startsWith(CLAIM_PREFIX)) {
                final String entry = key.substring(CLAIM_PREFIX.length());
                if (record.value() == null) {
                    ledger.settled(entry, record.timestamp());
                } else {
                    ledger.claim(entry, Json.read(record.value(), ClaimLedger.ClaimValue.class), record.timestamp());
                }
            } else {
                ledger.state(key, record.value() == null ? null : Json.read(record.value(), ReplayState.class), record.timestamp());
            }
        } catch (RuntimeException e) {
            LOG.warn("Replay claims skip the unreadable record {}@{} of {}: {}", record.partition(), record.offset(), topic, e.toString());
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        Consumers.stopPolling(thread, consumer, Duration.ofSeconds(10));
    }
}
