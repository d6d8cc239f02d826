package io.hookgate.dispatcher;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One subscription's share of the dispatcher: at most {@code maxInFlight} attempts at once and at
 * most {@code rateLimitPerSecond} started per second (a Bucket4j token bucket). Jobs beyond either
 * wait in this lane's queue, never in a thread, so a slow or throttled endpoint delays only itself.
 * When the endpoint is stuck (every slot taken, none freed for a while) its queued jobs are
 * deferred instead, so that they do not hold their partitions' commit window. Thread-safe.
 */
final class SubscriptionLane {

    /** An attempt to run when a slot is free, or to defer when the endpoint is stuck. Each completes the task. */
    record Job(Supplier<CompletableFuture<Void>> attempt, Supplier<CompletableFuture<Void>> deferral) {
    }

    private record Queued(Job job, CompletableFuture<Void> result) {
    }

    private final int maxInFlight;
    private final Bucket bucket;
    private final ScheduledExecutorService timer;
    private final Deque<Queued> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean refillScheduled;
    private long lastFreedNanos = System.nanoTime();

    SubscriptionLane(final int maxInFlight, final int rateLimitPerSecond, final ScheduledExecutorService timer) {
        this.maxInFlight = maxInFlight;
        this.bucket = rateLimitPerSecond <= 0 ? null : Bucket.builder()
            .addLimit(limit -> limit.capacity(rateLimitPerSecond).refillGreedy(rateLimitPerSecond, Duration.ofSeconds(1)))
            .build();
        this.timer = timer;
    }

    /** Runs {@code job} when this lane has room; the future completes when the task is done (delivered or handed off). */
    CompletableFuture<Void> submit(final Job job) {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        synchronized (this) {
            waiting.addLast(new Queued(job, result));
        }
        drain();
        return result;
    }

    synchronized int queued() {
        return waiting.size();
    }

    /**
     * Defers the queued jobs beyond {@code keep} when the endpoint is stuck: every slot taken and
     * none freed for {@code stall}. Returns how many were deferred.
     */
    int deferIfStuck(final int keep, final Duration stall) {
        final List<Queued> deferred = new ArrayList<>();
        synchronized (this) {
            if (inFlight < maxInFlight || System.nanoTime() - lastFreedNanos < stall.toNanos()) {
                return 0;
            }
            while (waiting.size() > keep) {
                deferred.add(waiting.pollLast());
            }
        }
        deferred.forEach(queued -> forward(started(queued.job().deferral()), queued.result()));
        return deferred.size();
    }

    private void drain() {
        while (true) {
            final Queued next;
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
            final CompletableFuture<Void> attempt = started(next.job().attempt());
            attempt.whenComplete((ignored, error) -> {
                synchronized (this) {
                    inFlight--;
                    lastFreedNanos = System.nanoTime();
                }
                drain();
            });
            forward(attempt, next.result());
        }
    }

    /** The job's future; one that throws instead of returning one has failed, and frees its slot like any other. */
    private static CompletableFuture<Void> started(final Supplier<CompletableFuture<Void>> job) {
        try {
            return job.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void forward(final CompletableFuture<Void> from, final CompletableFuture<Void> to) {
        from.whenComplete((value, error) -> {
            if (error != null) {
                to.completeExceptionally(error);
            } else {
                to.complete(value);
            }
        });
    }

    private void afterRefill() {
        synchronized (this) {
            refillScheduled = false;
        }
        drain();
    }
}
