package io.hookgate.dispatcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubscriptionLaneTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void holdsAttemptsBeyondTheInFlightLimitWithoutAThread() {
        final SubscriptionLane lane = new SubscriptionLane(2, 0, timer);
        final List<CompletableFuture<String>> inFlight = new ArrayList<>();
        final AtomicInteger started = new AtomicInteger();
        final List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(lane.submit(() -> {
                started.incrementAndGet();
                final CompletableFuture<String> attempt = new CompletableFuture<>();
                inFlight.add(attempt);
                return attempt;
            }));
        }
        assertThat(started).hasValue(2);
        assertThat(lane.queued()).isEqualTo(3);
        inFlight.get(0).complete("a");
        assertThat(started).hasValue(3);
        assertThat(results.get(0)).isCompletedWithValue("a");
        inFlight.get(1).complete("b");
        inFlight.get(2).completeExceptionally(new IllegalStateException("failed"));
        assertThat(started).hasValue(5);
        assertThat(results.get(2)).isCompletedExceptionally();
    }

    @Test
    void rateLimitSpacesAttemptsOut() {
        final SubscriptionLane lane = new SubscriptionLane(100, 5, timer);
        final AtomicInteger started = new AtomicInteger();
        final long begin = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            lane.submit(() -> {
                started.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            });
        }
        // The bucket holds 5: the other 5 start as it refills, at 5 per second.
        assertThat(started.get()).isEqualTo(5);
        await().atMost(5, TimeUnit.SECONDS).until(() -> started.get() == 10);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)).isGreaterThanOrEqualTo(700);
    }
}
