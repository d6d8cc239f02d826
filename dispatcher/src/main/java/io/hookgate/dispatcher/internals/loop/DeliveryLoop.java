package io.hookgate.dispatcher.internals.loop;

import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.time.Ticker;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.TraceHeaders;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;

/**
 * The dispatcher's poll loop over {@code dispatch}, every retry tier and the park topic. It never sleeps and never
 * blocks on an endpoint: each task is handed to the runner, which completes it asynchronously.
 * A partition whose head task is not yet due is paused and sought back to that task until it is
 * due (each tier has one delay, so its head is its earliest due task); a partition with too many
 * uncompleted tasks (or too long a window behind one slow task) is paused, the rest of its poll
 * held here, not sought back (at most one poll's records per partition, beside what the consumer
 * keeps fetched for it): it is handed on, without waiting for a fetch, once half of those tasks
 * completed and the window is below its bound again.
 * Offsets are committed up to the highest contiguous completed task. A record that is not a task
 * is handed to {@code onUnreadable} (which dead-letters it) and committed once that is done, like
 * any task. Runs on one thread, which alone touches the consumer; {@link #stall()} tells other
 * threads which partition's commit point has stood still longest while tasks waited. The trace
 * context of a task's record ({@link TraceHeaders}) is the current context while the runner is
 * given the task.
 */
public final class DeliveryLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    /**
     * The poll's wait while a partition is full: its tasks complete on other threads, and the loop
     * sees them only between polls, so it looks often to resume the partition as soon as it drained.
     */
    private static final Duration FULL_POLL_WAIT = Duration.ofMillis(5);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** How many times maxPending the window of read-but-uncommitted tasks may hold (mostly completed ones). */
    private static final int WINDOW_FACTOR = 20;

    private record Completion(TopicPartition partition, PartitionProgress progress, long offset) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Topics typed;
    private final List<String> topics;
    private final BiFunction<DeliveryTask, String, CompletableFuture<Void>> runner;
    private final BiFunction<ConsumerRecord<byte[], byte[]>, String, CompletableFuture<Void>> onUnreadable;
    private final int maxPending;
    private final Duration shutdownTimeout;
    private final Clock clock;

    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final Map<TopicPartition, Instant> notDueUntil = new HashMap<>();
    /** The records a full partition had read beyond what it could take, oldest first: a partition is full while it has some. */
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> held = new HashMap<>();
    private volatile Stall stall = Stall.NONE;
    private volatile boolean running = true;
    private volatile boolean alive;
    private Instant lastCommit = Instant.EPOCH;

    /** The partition whose commit point has stood still longest while tasks waited, and for how long. */
    public record Stall(String partition, Duration duration) {
        static final Stall NONE = new Stall(null, Duration.ZERO);
    }

    /**
     * @param runner       delivers one task, given the topic it was read from; its future completes when the task may be committed
     * @param onUnreadable dead-letters a record that is not a task (with why); its future completes when it may be committed
     */
    public DeliveryLoop(final Consumer<byte[], byte[]> consumer, final Topics typed, final List<String> topics,
                        final BiFunction<DeliveryTask, String, CompletableFuture<Void>> runner,
                        final BiFunction<ConsumerRecord<byte[], byte[]>, String, CompletableFuture<Void>> onUnreadable,
                        final int maxPending, final Duration shutdownTimeout, final Clock clock) {
        this.consumer = consumer;
        this.typed = typed;
        this.topics = List.copyOf(topics);
        this.runner = runner;
        this.onUnreadable = onUnreadable;
        this.maxPending = maxPending;
        this.shutdownTimeout = shutdownTimeout;
        this.clock = clock;
    }

    @Override
    public void run() {
        alive = true;
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                final ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait());
                for (TopicPartition partition : records.partitions()) {
                    final List<ConsumerRecord<byte[], byte[]>> read = records.records(partition);
                    final List<ConsumerRecord<byte[], byte[]>> before = held.get(partition);
                    if (before != null) {
                        // A held partition is paused, so this should not come; if it does, it queues behind what is held.
                        held.put(partition, concat(before, read));
                    } else {
                        handle(partition, read);
                    }
                }
                applyCompletions();
                resumeReady();
                commit(false);
                measureStall();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Dispatcher poll loop failed", e);
            throw e;
        } finally {
            drainAndClose();
            alive = false;
        }
    }

    /** Whether the loop is polling. */
    public boolean isAlive() {
        return alive && running;
    }

    /** The longest stand-still of a commit point while tasks wait, as of the last loop. */
    public Stall stall() {
        return stall;
    }

    private void measureStall() {
        final long now = Ticker.SYSTEM.read();
        TopicPartition worst = null;
        long longest = 0;
        for (Map.Entry<TopicPartition, PartitionProgress> entry : progress.entrySet()) {
            final long stalled = entry.getValue().stalledNanos(now);
            if (stalled > longest) {
                longest = stalled;
                worst = entry.getKey();
            }
        }
        stall = worst == null ? Stall.NONE : new Stall(worst.toString(), Duration.ofNanos(longest));
    }

    /** Stops polling; the loop then waits for tasks in flight (up to the shutdown timeout) and commits. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void handle(final TopicPartition partition, final List<ConsumerRecord<byte[], byte[]>> records) {
        final PartitionProgress partitionProgress = progress.get(partition);
        if (partitionProgress == null) {
            return;
        }
        final Instant now = clock.instant();
        for (int i = 0; i < records.size(); i++) {
            final ConsumerRecord<byte[], byte[]> record = records.get(i);
            if (partitionProgress.pending() >= maxPending || partitionProgress.window() >= maxPending * WINDOW_FACTOR) {
                // Held, not sought back: a seek would drop what the consumer fetched and make it fetch again.
                consumer.pause(Set.of(partition));
                held.put(partition, List.copyOf(records.subList(i, records.size())));
                return;
            }
            final DeliveryTask task;
            try {
                task = typed.tasks(record.topic()).value(record);
            } catch (DeliveryTaskRecord.MalformedTaskException e) {
                partitionProgress.started(record.offset());
                track(onUnreadable.apply(record, e.getMessage()), partition, partitionProgress, record.offset(),
                    "unreadable record " + record.topic() + "-" + record.partition() + "@" + record.offset());
                continue;
            }
            if (task.dueAt().isAfter(now)) {
                pauseAt(partition, record.offset());
                notDueUntil.put(partition, task.dueAt());
                return;
            }
            partitionProgress.started(record.offset());
            // The trace the task's record names is current while the runner takes the task: its attempts join that trace.
            try (Scope ignored = TraceHeaders.extract(record.headers()).makeCurrent()) {
                start(task, record.topic(), partition, partitionProgress, record.offset());
            }
        }
    }

    private void start(final DeliveryTask task, final String topic, final TopicPartition partition,
                       final PartitionProgress partitionProgress, final long offset) {
        // The runner completes every task it is given (delivered, handed on or dead-lettered); it never throws.
        track(runner.apply(task, topic), partition, partitionProgress, offset,
            "task subscription=" + task.subscription() + " deliveryId=" + task.deliveryId());
    }

    private void track(final CompletableFuture<Void> done, final TopicPartition partition, final PartitionProgress partitionProgress,
                       final long offset, final String what) {
        done.whenComplete((ignored, error) -> {
            if (error == null) {
                completions.add(new Completion(partition, partitionProgress, offset));
            } else {
                // Only a stopping dispatcher leaves work unfinished: it is read again after the restart.
                LOG.warn("{} not completed, left uncommitted: {}", what, error.toString());
            }
        });
    }

    private static <T> List<T> concat(final List<T> first, final List<T> second) {
        final List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    private void pauseAt(final TopicPartition partition, final long offset) {
        consumer.pause(Set.of(partition));
        consumer.seek(partition, offset);
    }

    private Duration pollWait() {
        final Instant now = clock.instant();
        Duration wait = held.isEmpty() ? MAX_POLL_WAIT : FULL_POLL_WAIT;
        for (Instant due : notDueUntil.values()) {
            final Duration untilDue = Duration.between(now, due);
            if (untilDue.compareTo(wait) < 0) {
                wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
            }
        }
        return wait;
    }

    private void applyCompletions() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            // A completion of a partition since revoked (and maybe re-assigned) belongs to an old progress.
            if (progress.get(completion.partition()) == completion.progress()) {
                completion.progress().completed(completion.offset());
            }
        }
    }

    /** Whether a full partition may take tasks again. */
    private boolean hasRoom(final TopicPartition partition) {
        final PartitionProgress partitionProgress = progress.get(partition);
        // Half the pending tasks, but any window below its bound: a hanging task at the head of the
        // window holds it open, and waiting for it to halve would stop the partition's healthy tasks too.
        return partitionProgress == null
            || partitionProgress.pending() <= maxPending / 2 && partitionProgress.window() < maxPending * WINDOW_FACTOR;
    }

    private void resumeReady() {
        final Instant now = clock.instant();
        notDueUntil.entrySet().removeIf(entry -> !entry.getValue().isAfter(now));
        for (TopicPartition partition : List.copyOf(held.keySet())) {
            if (hasRoom(partition)) {
                // Handed on in order; what still does not fit is held again.
                handle(partition, held.remove(partition));
            }
        }
        final Set<TopicPartition> resumable = new HashSet<>(consumer.paused());
        resumable.removeAll(notDueUntil.keySet());
        resumable.removeAll(held.keySet());
        if (!resumable.isEmpty()) {
            consumer.resume(resumable);
        }
    }

    private void commit(final boolean now) {
        if (!now && Duration.between(lastCommit, clock.instant()).compareTo(COMMIT_INTERVAL) < 0) {
            return;
        }
        lastCommit = clock.instant();
        final Map<TopicPartition, OffsetAndMetadata> offsets = committable(progress.keySet());
        if (offsets.isEmpty()) {
            return;
        }
        if (now) {
            consumer.commitSync(offsets);
            markCommitted(offsets);
        } else {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    markCommitted(committed);
                } else {
                    LOG.warn("Committing dispatcher offsets failed; will retry: {}", error.toString());
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(final Collection<TopicPartition> partitions) {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            final PartitionProgress partitionProgress = progress.get(partition);
            if (partitionProgress != null && partitionProgress.toCommit() >= 0) {
                offsets.put(partition, new OffsetAndMetadata(partitionProgress.toCommit()));
            }
        }
        return offsets;
    }

    private void markCommitted(final Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            final PartitionProgress partitionProgress = progress.get(partition);
            if (partitionProgress != null) {
                partitionProgress.markCommitted(offset.offset());
            }
        });
    }

    private void drainAndClose() {
        try {
            final Instant deadline = clock.instant().plus(shutdownTimeout);
            while (progress.values().stream().anyMatch(p -> p.pending() > 0) && clock.instant().isBefore(deadline)) {
                applyCompletions();
                Thread.sleep(20);
            }
            applyCompletions();
            commit(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Final commit of the dispatcher failed; uncommitted tasks will be delivered again", e);
        } finally {
            consumer.close();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            applyCompletions();
            final Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions);
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets);
                } catch (RuntimeException e) {
                    LOG.warn("Commit on revocation failed; those tasks will be delivered again: {}", e.toString());
                }
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> progress.put(partition, new PartitionProgress(Ticker.SYSTEM)));
        }

        private void forget(final Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> {
                progress.remove(partition);
                notDueUntil.remove(partition);
                held.remove(partition);
            });
        }
    }
}
