package io.hookgate.dispatcher.internals.loop;

import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.testing.TestClock;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The poll loop over Kafka's {@link MockConsumer}: how a full partition waits and goes on. */
class DeliveryLoopTest {

    private static final Topics TOPICS = new Topics("t.");
    private static final TopicPartition PARTITION = new TopicPartition(TOPICS.dispatch(), 0);
    private static final int MAX_PENDING = 4;

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));
    /** The tasks the runner was given (by event id), in order, and each one's future (completed by the test). */
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private DeliveryLoop loop;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop == null) {
            return;
        }
        loop.stop();
        // The loop may start a held task while it stops, and waits for every started one (by the test's clock,
        // which stands still): complete them until it has closed.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.isAlive() && System.nanoTime() < deadline) {
            running.values().forEach(future -> future.complete(null));
            thread.join(20);
        }
        assertThat(thread.isAlive()).as("the loop stopped").isFalse();
    }

    @Test
    void aFullPartitionHoldsTheRestOfItsPollAndHandsItOnInOrderOnceTasksComplete() throws InterruptedException {
        startWithRecords(10);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started).hasSize(MAX_PENDING));
        assertThat(started).containsExactly("d0", "d1", "d2", "d3");
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(PARTITION));

        // Room for half of them again: the held records go on at once, in order, and none is read twice.
        complete("d0", "d1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started).hasSize(6));
        complete("d2", "d3", "d4", "d5");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started).hasSize(10));
        complete("d6", "d7", "d8", "d9");

        assertThat(started).containsExactly("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9");
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.paused().contains(PARTITION));
        commitRound();
        assertThat(committed()).isEqualTo(10);
        // Held, not sought back: the consumer kept its position past what it had read.
        assertThat(consumer.position(PARTITION)).isEqualTo(10);
    }

    @Test
    void theCommitPointNeverPassesAHeldOrUncompletedTask() throws InterruptedException {
        startWithRecords(8);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started).hasSize(MAX_PENDING));
        complete("d0");
        commitRound();
        // Still full (three pending of four, above half): nothing held goes on, nothing held is committed.
        assertThat(started).hasSize(MAX_PENDING);
        assertThat(committed()).isEqualTo(1);

        complete("d1", "d2", "d3");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started).hasSize(8));
        complete("d5", "d6", "d7");
        commitRound();
        assertThat(committed()).as("d4, the first held task, is not done yet").isEqualTo(4);
        complete("d4");
        commitRound();
        assertThat(committed()).isEqualTo(8);
    }

    @Test
    void aTaskThatHangsAtTheHeadOfTheWindowDoesNotStopThePartitionsOtherTasks() throws InterruptedException {
        final int records = 60;
        startWithRecords(records);
        // d0 never completes; every other task completes as soon as it starts. The partition goes full by its
        // pending tasks again and again, its window (from d0 on) grows past half its bound of 80 and stays there.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> {
            completeAllBut("d0");
            return started.size() == records;
        });
        completeAllBut("d0");
        commitRound();
        assertThat(committed()).as("held at the hanging task").isZero();
        complete("d0");
        commitRound();
        assertThat(committed()).isEqualTo(records);
    }

    /** Moves the clock past the commit interval and returns once the loop went round with it: it has committed. */
    private void commitRound() throws InterruptedException {
        // MockConsumer runs one scheduled task a poll. The clock moves inside a poll, so the round that poll
        // belongs to commits (what completed before is applied first); once the second task ran, it has.
        final CountDownLatch second = new CountDownLatch(1);
        consumer.schedulePollTask(() -> clock.advance(Duration.ofSeconds(2)));
        consumer.schedulePollTask(second::countDown);
        assertThat(second.await(10, TimeUnit.SECONDS)).as("two more loop rounds").isTrue();
    }

    /** Starts the loop on one assigned partition, then gives the partition tasks d0 to d{count - 1}, one per offset. */
    private void startWithRecords(final int count) {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
        loop = new DeliveryLoop(consumer, TOPICS, List.of(TOPICS.dispatch()), (task, topic) -> {
            final CompletableFuture<Void> done = new CompletableFuture<>();
            running.put(task.eventRef().eventId(), done);
            started.add(task.eventRef().eventId());
            return done;
        }, (record, why) -> CompletableFuture.failedFuture(new AssertionError("unreadable: " + why)), MAX_PENDING,
            Duration.ofSeconds(1), clock);
        thread = new Thread(loop, "delivery-loop-test");
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().contains(PARTITION));
        for (int offset = 0; offset < count; offset++) {
            consumer.addRecord(record(offset));
        }
    }

    private void completeAllBut(final String eventId) {
        List.copyOf(started).stream().filter(id -> !id.equals(eventId)).forEach(id -> running.get(id).complete(null));
    }

    private void complete(final String... eventIds) {
        for (String id : eventIds) {
            running.get(id).complete(null);
        }
    }

    private long committed() {
        final Optional<OffsetAndMetadata> offset = Optional.ofNullable(consumer.committed(Set.of(PARTITION)).get(PARTITION));
        return offset.map(OffsetAndMetadata::offset).orElse(0L);
    }

    private static ConsumerRecord<byte[], byte[]> record(final int offset) {
        final ProducerRecord<byte[], byte[]> produced = TOPICS.dispatchTasks().record("sub", task("d" + offset));
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, 0L, TimestampType.CREATE_TIME, 0, 0,
            produced.key(), produced.value(), new RecordHeaders(produced.headers().toArray()), Optional.empty());
    }

    private static DeliveryTask task(final String eventId) {
        final VerifiedEvent event = new VerifiedEvent(1, StableIds.eventId("s", eventId), "s", "standard-webhooks", null, eventId,
            EventIdOrigin.PROVIDER, "test.event", Instant.now(), Instant.now(), "ing-1", List.of("body"),
            RawJson.trusted("{\"n\":1}".getBytes(StandardCharsets.UTF_8)));
        return DeliveryTask.first(event, "sub", Instant.EPOCH);
    }
}
