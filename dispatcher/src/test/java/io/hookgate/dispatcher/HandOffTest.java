package io.hookgate.dispatcher;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowable;

class HandOffTest {

    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-handoff"));
    private final ExecutorService completions = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-acks"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sendingThreads = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile RuntimeException failure;

    /** Records which thread sends, and fails the first sends as told. */
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(final ProducerRecord<byte[], byte[]> record,
                                                        final org.apache.kafka.clients.producer.Callback callback) {
            sendingThreads.add(Thread.currentThread().getName());
            if (failuresLeft.getAndDecrement() > 0) {
                callback.onCompletion(null, failure);
                return CompletableFuture.failedFuture(failure);
            }
            return super.send(record, callback);
        }
    };

    private static final ProducerRecord<byte[], byte[]> RECORD = new ProducerRecord<>("t", "k".getBytes(), new byte[] {1});

    @AfterEach
    void stop() {
        sender.shutdownNow();
        completions.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void sendsOnItsOwnThreadNeverTheCallers() throws Exception {
        final HandOff handOff = new HandOff(producer, sender, completions, timer);
        handOff.send(RECORD).get(5, TimeUnit.SECONDS);
        assertThat(sendingThreads).containsExactly("test-handoff");
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void whatWaitsForAnAcknowledgementRunsOffTheProducersThreads() throws Exception {
        final MockProducer<byte[], byte[]> manual = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        final HandOff handOff = new HandOff(manual, sender, completions, timer);
        final CompletableFuture<String> dependent = handOff.send(RECORD).thenApply(ignored -> Thread.currentThread().getName());
        await().atMost(Duration.ofSeconds(5)).until(() -> manual.history().size() == 1);
        // The acknowledgement arrives on the caller of completeNext (the producer's I/O thread in real life).
        manual.completeNext();
        assertThat(dependent.get(5, TimeUnit.SECONDS)).isEqualTo("test-acks");
    }

    @Test
    void retriesWhatCanPassAndRefusesWhatCannot() throws Exception {
        final HandOff handOff = new HandOff(producer, sender, completions, timer);
        failure = new TimeoutException("no leader yet");
        failuresLeft.set(1);
        handOff.send(RECORD).get(10, TimeUnit.SECONDS);
        assertThat(sendingThreads).hasSize(2);

        failure = new RecordTooLargeException("too large");
        failuresLeft.set(1);
        final Throwable refused = catchThrowable(() -> handOff.send(RECORD).get(5, TimeUnit.SECONDS));
        assertThat(refused).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HandOff.RefusedException.class);
        assertThat(sendingThreads).hasSize(3);
    }
}
