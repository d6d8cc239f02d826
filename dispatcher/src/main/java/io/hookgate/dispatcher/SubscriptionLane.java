package io.hookgate.dispatcher;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One subscription's share of the dispatcher: at most {@code maxInFlight} attempts at once and at
 * most {@code rateLimitPerSecond} started per second (a Bucket4j token bucket). Attempts beyond
 * either wait in this lane's queue, never in a thread, so a slow or throttled endpoint delays
 * only itself. Thread-safe.
 */
final class SubscriptionLane {

    private final int maxInFlight;
    private final Bucket bucket;
    private final ScheduledExecutorService timer;
    private final Deque<Supplier<CompletableFuture<?>>> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean refillScheduled;

    SubscriptionLane(final int maxInFlight, final int rateLimitPerSecond, final ScheduledExecutorService timer) {
        this.maxInFlight = maxInFlight;
        this.bucket = rateLimitPerSecond <= 0 ? null : Bucket.builder()
            .addLimit(limit -> limit.capacity(rateLimitPerSecond).refillGreedy(rateLimitPerSecond, Duration.ofSeconds(1)))
            .build();
        this.timer = timer;
    }

    /** Runs {@code attempt} when this lane has room; its completion frees the room. */
    <T> CompletableFuture<T> submit(final Supplier<CompletableFuture<T>> attempt) {
        final CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            waiting.addLast(() -> attempt.get().whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            }));
        }
        drain();
        return result;
    }

    synchronized int queued() {
        return waiting.size();
    }

    /** Whether {@code limit} attempts already wait for a slot. */
    synchronized boolean isBacklogged(final int limit) {
        return waiting.size() >= limit;
    }

    private void drain() {
        while (true) {
            final Supplier<CompletableFuture<?>> next;
            synchronized (this) {
                if (waiting.isEmpty() || inFlight >= maxInFlight || refillScheduled) {
                    return;
                }
                if (bucket != null) {
                    final ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
                    if (!probe.isConsumed()) {
                        refillScheduled = true;
                        timer.schedule(this::afterRefill, Math.max(1, probe.getNanosToWaitForRefill()), TimeUnit.NANOSECONDS);
                        return;
                    }
                }
                inFlight++;
                next = waiting.pollFirst();
            }
            next.get().whenComplete((result, error) -> {
                synchronized (this) {
                    inFlight--;
                }
                drain();
            });
        }
    }

    private void afterRefill() {
        synchronized (this) {
            refillScheduled = false;
        }
        drain();
    }
}
