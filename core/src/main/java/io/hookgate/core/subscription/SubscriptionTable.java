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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, SubscriptionRecord> records = new HashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    /** Sync requests with the end offsets they wait for; the table thread's alone. */
    private final List<PendingSync> pending = new ArrayList<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Counter unreadable;
    private volatile SubscriptionSnapshot snapshot;
    private volatile boolean running = true;
    private volatile String failure;
    private Thread thread;

    private record PendingSync(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {
    }

    /**
     * @param client names this reader's Kafka client ({@code processor}, {@code dispatcher}, {@code admin})
     */
    public SubscriptionTable(final HookgateConfig config, final String client, final MeterRegistry registry, final Clock clock,
                             final Duration startTimeout) {
        this.config = config;
        final Topics topics = new Topics(config.kafka().topicPrefix());
        this.topic = topics.subscriptionRecords();
        this.box = config.admin().secretsKey().map(SecretBox::new);
        this.clock = clock;
        this.startTimeout = startTimeout;
        this.snapshot = SubscriptionSnapshot.of(config);
        this.consumer = new KafkaConsumer<>(KafkaClients.config(config.kafka(), config.kafka().topicPrefix() + "subscriptions-" + client,
            Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.unreadable = Counter.builder("hookgate.subscriptions.unreadable").description(
            "Records of the subscriptions topic left out: a secret sealed under another admin.secretsKey, settings refused")
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
            if (!running) {
                return;
            }
            failure = e.toString();
            LOG.error("The subscriptions table stopped following topic {}; changes made now are not seen here", topic.name(), e);
            loaded.completeExceptionally(e);
            pending.forEach(sync -> sync.done().completeExceptionally(e));
            syncRequests.forEach(request -> request.completeExceptionally(e));
        } finally {
            consumer.close(Duration.ofSeconds(5));
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
            return records.remove(id) != null;
        }
        try {
            final SubscriptionRecord value = topic.values().deserializer().deserialize(topic.name(), record.headers(), record.value());
            if (!id.equals(value.id())) {
                throw new IllegalArgumentException("its key " + id + " is not its id " + value.id());
            }
            records.put(id, value);
            return true;
        } catch (RuntimeException e) {
            unreadable.increment();
            LOG.error("Skipping an unreadable record of {} subscription={} offset={}: {}", topic.name(), id, record.offset(), e.getMessage());
            return false;
        }
    }

    private void rebuild() {
        snapshot = SubscriptionSnapshot.build(config, records, box, clock.instant(), (id, why) -> {
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
    public CompletableFuture<Void> sync() {
        final CompletableFuture<Void> request = new CompletableFuture<>();
        if (!running || failure != null && loaded.isCompletedExceptionally()) {
            request.completeExceptionally(new IllegalStateException("the subscriptions table is not running"));
            return request;
        }
        syncRequests.add(request);
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
