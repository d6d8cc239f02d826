package io.hookgate.core.subscription;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.health.Readiness;
import io.hookgate.core.kafka.KafkaClients;
import io.hookgate.core.topics.Topic;
import io.hookgate.core.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The subscriptions in force in this process, following the compacted {@code subscriptions} topic:
 * a consumer of its own (no group: every instance reads the whole topic) applies each change as it
 * comes, so a change made through the admin API is in force in every processor and dispatcher
 * within a poll. {@link #start()} returns once the topic was read to its end, so a part never acts on
 * half a table. Readers get an immutable {@link SubscriptionSnapshot}, swapped whole on each change.
 */
public final class SubscriptionTable implements Subscriptions, Readiness, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionTable.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    private static final Duration BUSY_POLL = Duration.ofMillis(50);

    private final HookgateConfig config;
    private final Topic<String, SubscriptionRecord> topic;
    private final Optional<SecretBox> box;
    private final Clock clock;
    private final Duration startTimeout;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, SubscriptionRecord> records = new HashMap<>();
    /** Ids whose latest record is not a record at all (not JSON, a key not its id); the table thread's alone. */
    private final Set<String> undecodable = new HashSet<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    /** Sync requests with the end offsets they wait for; the table thread's alone. */
    private final List<PendingSync> pending = new ArrayList<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Counter unreadable;
    private volatile SubscriptionSnapshot snapshot;
    private volatile boolean running = true;
    private volatile String failure;
    /** Why the table thread stopped following the topic after it started; null while it follows it, or once closed. */
    private volatile IllegalStateException stopped;
    private Thread thread;

    private record PendingSync(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {
    }

    /**
     * @param client names this reader's Kafka client ({@code processor}, {@code dispatcher}, {@code admin})
     */
    public SubscriptionTable(final HookgateConfig config, final String client, final MeterRegistry registry, final Clock clock,
                             final Duration startTimeout) {
        this(config, new KafkaConsumer<>(KafkaClients.config(config.kafka(), config.kafka().topicPrefix() + "subscriptions-" + client,
            Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
            registry, clock, startTimeout);
    }

    /** @param consumer reads the topic; closed by this table */
    SubscriptionTable(final HookgateConfig config, final Consumer<byte[], byte[]> consumer, final MeterRegistry registry, final Clock clock,
                      final Duration startTimeout) {
        this.config = config;
        final Topics topics = new Topics(config.kafka().topicPrefix());
        this.topic = topics.subscriptionRecords();
        this.box = config.admin().secretsKey().map(SecretBox::new);
        this.clock = clock;
        this.startTimeout = startTimeout;
        this.snapshot = SubscriptionSnapshot.of(config);
        this.consumer = consumer;
        this.unreadable = Counter.builder("hookgate.subscriptions.unreadable").description(
            "Records of the subscriptions topic left out: not JSON, a key not its id, a secret sealed under another "
                + "admin.secretsKey, settings refused")
            .register(registry);
        Gauge.builder("hookgate.subscriptions", this, table -> table.snapshot.all().size())
            .description("Subscriptions in force in this process, the file's and the admin API's").register(registry);
    }

    /**
     * Reads the topic to its end, then follows it on a thread of its own.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within the start timeout
     */
    public void start() {
        thread = new Thread(this::run, "hookgate-subscriptions");
        thread.setDaemon(true);
        thread.start();
        try {
            loaded.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            final String why = failure;
            close();
            throw new IllegalStateException("could not read topic " + topic.name() + " within " + startTimeout.toSeconds()
                + "s" + (why == null ? "" : ": " + why));
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException("could not read topic " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while reading topic " + topic.name(), e);
        }
    }

    private void run() {
        try {
            final List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = null;
            while (ends == null && running) {
                try {
                    ends = consumer.endOffsets(partitions);
                } catch (WakeupException e) {
                    // A sync request before the load: the load's ends serve it too, once taken.
                }
            }
            pending.add(new PendingSync(ends, loaded));
            while (running) {
                try {
                    step(partitions);
                } catch (WakeupException e) {
                    // A sync request or close: the loop takes it at once.
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure = e.toString();
                LOG.error("The subscriptions table stopped following topic {}; changes made now are not seen here", topic.name(), e);
                // Before the syncs are failed: a sync asked from now on fails at once (see sync()).
                stopped = new IllegalStateException("the subscriptions table stopped following topic " + topic.name() + ": " + e, e);
                loaded.completeExceptionally(e);
            }
        } finally {
            final IllegalStateException why = stopped != null ? stopped : closed();
            pending.forEach(sync -> sync.done().completeExceptionally(why));
            failQueuedSyncs(why);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private IllegalStateException closed() {
        return new IllegalStateException("the subscriptions table of topic " + topic.name() + " is closed");
    }

    private void failQueuedSyncs(final IllegalStateException why) {
        for (CompletableFuture<Void> request = syncRequests.poll(); request != null; request = syncRequests.poll()) {
            request.completeExceptionally(why);
        }
    }

    private void step(final List<TopicPartition> partitions) {
        takeSyncRequests(partitions);
        final ConsumerRecords<byte[], byte[]> batch = consumer.poll(pending.isEmpty() ? IDLE_POLL : BUSY_POLL);
        boolean changed = false;
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            changed |= apply(record);
        }
        if (changed || snapshot.expiredBy(clock.instant())) {
            rebuild();
        }
        completeSyncs();
    }

    private List<TopicPartition> partitions() {
        while (running) {
            final List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(5));
            } catch (WakeupException e) {
                continue;
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            failure = "topic " + topic.name() + " does not exist";
            LOG.warn("Waiting for topic {} (create it with hookgate topics create, or let a part create it)", topic.name());
            sleep(Duration.ofSeconds(1));
        }
        throw new IllegalStateException("stopped");
    }

    private void takeSyncRequests(final List<TopicPartition> partitions) {
        if (syncRequests.isEmpty()) {
            return;
        }
        // The ends first: should a wake-up cut this call short, the requests are still queued.
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        final List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (CompletableFuture<Void> request = syncRequests.poll(); request != null; request = syncRequests.poll()) {
            taken.add(request);
        }
        taken.forEach(request -> pending.add(new PendingSync(ends, request)));
    }

    private void completeSyncs() {
        for (Iterator<PendingSync> it = pending.iterator(); it.hasNext(); ) {
            final PendingSync sync = it.next();
            if (sync.ends().entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                it.remove();
                sync.done().complete(null);
            }
        }
    }

    private boolean apply(final ConsumerRecord<byte[], byte[]> record) {
        final String id = record.key() == null ? null : topic.keys().deserializer().deserialize(topic.name(), record.key());
        if (id == null) {
            unreadable.increment();
            LOG.error("Skipping a record without a key in {} at partition={} offset={}", topic.name(), record.partition(), record.offset());
            return false;
        }
        if (record.value() == null) {
            return undecodable.remove(id) | (records.remove(id) != null);
        }
        SubscriptionRecord value;
        String why;
        try {
            value = topic.values().deserializer().deserialize(topic.name(), record.headers(), record.value());
            why = id.equals(value.id()) ? null : "its key is not the id it holds";
        } catch (RuntimeException e) {
            // Its message may quote the record: the kind of failure is enough to find it at its offset.
            value = null;
            why = "not a subscription record (" + e.getClass().getSimpleName() + ")";
        }
        if (why != null) {
            // The latest record of the id is what counts: one that cannot be read ends what came before, never leaves it in force.
            unreadable.increment();
            LOG.error("Unreadable record of {} subscription={} partition={} offset={}: {}; subscription {} is not in force here",
                topic.name(), id, record.partition(), record.offset(), why, id);
            records.remove(id);
            undecodable.add(id);
            return true;
        }
        undecodable.remove(id);
        records.put(id, value);
        return true;
    }

    private void rebuild() {
        snapshot = SubscriptionSnapshot.build(config, records, undecodable, box, clock.instant(), (id, why) -> {
            unreadable.increment();
            LOG.error("Subscription {} of topic {} is not in force here: {}", id, topic.name(), why);
        });
    }

    private void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public Optional<LiveSubscription> find(final String id) {
        return snapshot.find(id);
    }

    @Override
    public Collection<LiveSubscription> all() {
        return snapshot.all();
    }

    @Override
    public List<SubscriptionConfig> deliveringFrom(final String source) {
        return snapshot.deliveringFrom(source);
    }

    @Override
    public List<SubscriptionConfig> namingSource(final String source) {
        return snapshot.namingSource(source);
    }

    /** The record the table holds now for {@code id}: that of the snapshot in force, so it agrees with {@link #find}. */
    @Override
    public Optional<SubscriptionRecord> record(final String id) {
        return snapshot.record(id);
    }

    @Override
    public boolean unreadable(final String id) {
        return snapshot.unreadable(id);
    }

    /**
     * {@inheritDoc} Fails at once, saying why, when the table no longer follows the topic: closed,
     * or its thread stopped on a failure (then its readiness says so too).
     */
    @Override
    public CompletableFuture<Void> sync() {
        final CompletableFuture<Void> request = new CompletableFuture<>();
        if (stopped != null || !running || loaded.isCompletedExceptionally()) {
            request.completeExceptionally(stopped != null ? stopped : running ? new IllegalStateException(
                "the subscriptions table did not read topic " + topic.name() + (failure == null ? "" : ": " + failure)) : closed());
            return request;
        }
        syncRequests.add(request);
        if (stopped != null || !running) {
            // The thread stopped after the check above: it may have failed the queue already, so fail what is left.
            failQueuedSyncs(stopped != null ? stopped : closed());
            return request;
        }
        consumer.wakeup();
        return request;
    }

    @Override
    public String name() {
        return "subscriptions";
    }

    @Override
    public String notReadyReason() {
        if (!loaded.isDone()) {
            return "reading topic " + topic.name() + (failure == null ? "" : ": " + failure);
        }
        if (loaded.isCompletedExceptionally() || thread != null && !thread.isAlive() && running) {
            return "not following topic " + topic.name() + (failure == null ? "" : ": " + failure);
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
