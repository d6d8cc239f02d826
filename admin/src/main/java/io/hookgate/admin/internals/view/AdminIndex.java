package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.RequestCopy;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.health.Readiness;
import io.hookgate.core.json.Json;
import io.hookgate.core.kafka.Consumers;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.topics.TopicSpec;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.rocksdb.AbstractWriteBatch;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The admin API's materialised view of {@code dispatch.dlq}, {@code events.rejected},
 * {@code admin.replays}, {@code dispatch.attempts}, {@code events.operational} and every source's
 * {@code verified.{source}}: one thread reads every partition of them (no consumer group: each
 * process with the admin API keeps its own full index), committed records only, into
 * {@link EntryStore}s, the {@link DeliveryStore} (the delivery log) and the {@link EventStore},
 * committing each batch of entries with the offsets it covers, so a restart resumes where it stopped
 * and a lost directory is rebuilt from Kafka. A rejected request is kept as its
 * {@link RequestCopy redacted copy} and the coordinates of its original, never with its credentials
 * in clear; a verified event as the coordinates of its envelope alone ({@link VerifiedRef}), read
 * from its headers, never its payload. Once an hour it forgets the deliveries the attempts topic no
 * longer holds, the events the verified topics no longer hold, and the minute counts older than any
 * health window.
 *
 * <p>No record stops it: a record it cannot read, in any of its topics, goes to the
 * {@link Quarantine} (kept, counted, logged, listed) and the index goes on with the next one. Only
 * a failure of its own store stops it, and readiness then says so.
 */
public final class AdminIndex implements Readiness, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminIndex.class);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(5);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Topics topics;
    private final EntryStore dlq;
    private final EntryStore rejected;
    private final DeliveryStore deliveries;
    private final EventStore events;
    private final Set<String> verified;
    private final Duration attemptsKept;
    private final Duration verifiedKept;
    private final Clock clock;
    private final Quarantine quarantine;
    private final Redaction redaction;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String failure;
    private volatile String waiting = "admin index starting";

    /** @param redaction what of a rejected request the index keeps only redacted */
    public AdminIndex(final HookgateConfig config, final Path directory, final Redaction redaction, final MeterRegistry registry,
                      final Clock clock) {
        this.redaction = redaction;
        this.topics = new Topics(config.kafka().topicPrefix());
        this.dlq = new EntryStore(directory.resolve("dlq"));
        this.rejected = new EntryStore(directory.resolve("rejected"));
        this.deliveries = new DeliveryStore(directory.resolve("deliveries"));
        this.events = new EventStore(directory.resolve("events"));
        this.verified = config.sources().keySet().stream().map(topics::verified).collect(Collectors.toUnmodifiableSet());
        final List<TopicSpec> specs = topics.all(config);
        this.attemptsKept = specs.stream().filter(spec -> spec.name().equals(topics.attempts())).findFirst()
            .map(TopicSpec::retention).orElse(config.kafka().retention());
        this.verifiedKept = specs.stream().filter(spec -> verified.contains(spec.name())).map(TopicSpec::retention)
            .max(Duration::compareTo).orElse(config.kafka().retention());
        this.clock = clock;
        this.quarantine = new Quarantine(List.of(dlq, rejected, deliveries, events), registry, clock, indexed());
        this.consumer = new KafkaConsumer<>(KafkaClients.readCommittedConsumer(config.kafka(), topics.dispatcherGroup() + "-admin-index", KafkaClients.batchedFetch(Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000))), new ByteArrayDeserializer(), new ByteArrayDeserializer());
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

    /** The delivery log. */
    public DeliveryStore deliveries() {
        return deliveries;
    }

    /** The verified events, by source and event id. */
    public EventStore events() {
        return events;
    }

    /** The topics this index reads. */
    private List<String> indexed() {
        return Stream.concat(Stream.of(topics.dlq(), topics.rejected(), topics.replays(), topics.attempts(), topics.operational()),
            verified.stream().sorted()).toList();
    }

    /** The records this index could not read. */
    public Quarantine quarantine() {
        return quarantine;
    }

    private void run() {
        try {
            final List<TopicPartition> partitions = partitions();
            if (partitions.isEmpty()) {
                return;
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
            waiting = null;
            Instant pruned = Instant.EPOCH;
            while (running) {
                apply(consumer.poll(Duration.ofMillis(200)));
                if (Duration.between(pruned, clock.instant()).compareTo(PRUNE_EVERY) >= 0) {
                    pruned = clock.instant();
                    prune(pruned);
                }
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException | RocksDBException e) {
            failure = e.toString();
            LOG.error("The admin index stopped; the admin API answers from what it indexed so far", e);
        } finally {
            consumer.close();
        }
    }

    /** Every partition of its topics, waiting (and saying so) while any of them is missing. */
    private List<TopicPartition> partitions() throws InterruptedException {
        while (running) {
            final List<TopicPartition> partitions = new ArrayList<>();
            final List<String> missing = new ArrayList<>();
            for (String topic : indexed()) {
                final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                }
                for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            if (missing.isEmpty()) {
                return partitions;
            }
            waiting = "admin index waiting for topics " + String.join(", ", missing) + " (hookgate topics create makes them)";
            LOG.warn("The {}; looking again in {} s", waiting, TOPIC_RETRY.toSeconds());
            // In slices, so that close() does not wait out the whole pause.
            for (long slept = 0; running && slept < TOPIC_RETRY.toMillis(); slept += 100) {
                Thread.sleep(100);
            }
        }
        return List.of();
    }

    private void prune(final Instant now) throws RocksDBException {
        final long forgotten = deliveries.prune(now.minus(DeliveryStore.STATS_KEPT), now.minus(attemptsKept));
        if (forgotten > 0) {
            LOG.info("Admin index forgot {} deliveries whose last attempt is older than {} (the attempts topic's retention)", forgotten,
                attemptsKept);
        }
        final long events = this.events.prune(now.minus(verifiedKept));
        if (events > 0) {
            LOG.info("Admin index forgot {} events received more than {} ago (the verified topics' retention)", events, verifiedKept);
        }
    }

    private void apply(final ConsumerRecords<byte[], byte[]> records) throws RocksDBException {
        if (records.isEmpty()) {
            return;
        }
        try (WriteBatch dlqBatch = new WriteBatch(); WriteBatch rejectedBatch = new WriteBatch(); WriteBatch eventsBatch = new WriteBatch();
             WriteBatchWithIndex attemptsBatch = new WriteBatchWithIndex(true)) {
            final Map<TopicPartition, Long> next = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                next.put(partition, record.offset() + 1);
                if (record.topic().equals(topics.dlq())) {
                    final AdminEntry entry = read(record, dlq, dlqBatch, EntryKinds::dlq);
                    if (entry != null) {
                        dlq.add(dlqBatch, entry, record.value());
                    }
                } else if (record.topic().equals(topics.rejected())) {
                    final AdminEntry entry = read(record, rejected, rejectedBatch, r -> EntryKinds.rejected(r, redaction));
                    if (entry != null) {
                        // Where the original is, not the original: it carries credentials in clear.
                        rejected.add(rejectedBatch, entry, Json.write(new OriginalRef(record.topic(), record.partition(), record.offset(),
                            entry.ingressId())));
                    }
                } else if (record.topic().equals(topics.attempts())) {
                    final AttemptEntry attempt = read(record, deliveries, attemptsBatch, EntryKinds::attempt);
                    if (attempt != null) {
                        deliveries.add(attemptsBatch, attempt);
                    }
                } else if (verified.contains(record.topic())) {
                    // Who the event is, from the headers: the envelope (and its payload) is neither parsed nor kept.
                    final EventRef event = read(record, events, eventsBatch, r -> EventRefHeaders.read(r.headers()));
                    if (event != null) {
                        events.add(eventsBatch, event.source(), event.eventId(),
                            new VerifiedRef(record.topic(), record.partition(), record.offset(), event.receivedAt()));
                    }
                } else if (record.topic().equals(topics.operational())) {
                    final OperationalEvent event = read(record, deliveries, attemptsBatch, EntryKinds::operational);
                    if (event != null) {
                        deliveries.add(attemptsBatch, event);
                    }
                } else {
                    final ReplayRecord replay = read(record, dlq, dlqBatch, ReplayRecord::of);
                    if (replay != null) {
                        applyReplay(replay);
                    }
                }
            }
            for (Map.Entry<TopicPartition, Long> position : next.entrySet()) {
                final String topic = position.getKey().topic();
                final AbstractWriteBatch batch = topic.equals(topics.rejected()) ? rejectedBatch
                    : topic.equals(topics.attempts()) || topic.equals(topics.operational()) ? attemptsBatch
                    : verified.contains(topic) ? eventsBatch : dlqBatch;
                storeOf(topic).position(batch, position.getKey(), position.getValue());
            }
            dlq.write(dlqBatch);
            rejected.write(rejectedBatch);
            events.write(eventsBatch);
            deliveries.write(attemptsBatch);
        }
    }

    /**
     * {@code record} as {@code reader} reads it, or null when it cannot: the record is then
     * quarantined in {@code batch}, beside the offset that passes it. Readers are pure, so whatever
     * they throw is the record's fault, never the store's.
     */
    private <T> T read(final ConsumerRecord<byte[], byte[]> record, final IndexStore store, final AbstractWriteBatch batch,
                       final Function<ConsumerRecord<byte[], byte[]>, T> reader) throws RocksDBException {
        try {
            return reader.apply(record);
        } catch (UnreadableRecord e) {
            quarantine.add(store, batch, record, e.getMessage());
        } catch (RuntimeException e) {
            quarantine.add(store, batch, record, "cannot be read: " + e.getClass().getSimpleName());
        }
        return null;
    }

    private void applyReplay(final ReplayRecord replay) {
        final EntryStore store = ReplayRecord.DLQ.equals(replay.kind()) ? dlq : rejected;
        if (replay.state() == null) {
            store.deleteReplayState(replay.id());
        } else if (replay.state().count() >= store.replayState(replay.id()).count()) {
            // Replays are replayed in order: keep the highest count seen.
            store.putReplayState(replay.id(), replay.state());
        }
    }

    private IndexStore storeOf(final String topic) {
        if (topic.equals(topics.attempts()) || topic.equals(topics.operational())) {
            return deliveries;
        }
        if (verified.contains(topic)) {
            return events;
        }
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
        if (caughtUp) {
            return null;
        }
        return waiting != null ? waiting : "admin index catching up with the DLQ, rejected, attempts and verified topics";
    }

    @Override
    public void close() {
        running = false;
        Consumers.stopPolling(thread, consumer, Duration.ofSeconds(10));
        dlq.close();
        rejected.close();
        deliveries.close();
        events.close();
    }
}
