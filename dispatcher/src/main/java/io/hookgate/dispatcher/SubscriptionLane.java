package io.hookgate.dispatcher;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.hookgate.core.limits.RateBuckets;
import io.hookgate.core.time.Ticker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One subscription's share of the dispatcher: as many attempts in flight as its endpoint keeps up
 * with (Netflix's AIMD limit: one more each time a busy endpoint answers 2xx in time, a tenth fewer
 * at each timeout, 429, 5xx or answer slower than {@code slowAfter}; never above {@code maxInFlight}),
 * and at most {@code rateLimitPerSecond} started per
 * second (a Bucket4j token bucket), and at most what its tenant's bucket, shared by the lanes of the
 * tenant's subscriptions, allows. Jobs beyond either wait in this lane's queue, never in a thread,
 * so a slow or throttled endpoint delays only itself. When the endpoint hangs or fails (every slot
 * taken and no 2xx answer for a while) its queued jobs are deferred instead, so that they do not
 * hold their partitions' commit window; a healthy endpoint is never deferred, however busy or slow,
 * as long as it answers. Thread-safe.
 */
final class SubscriptionLane {

    /** What an attempt learnt of its endpoint, for the concurrency limit. */
    enum Signal {
        /** A 2xx: a latency sample. */
        HEALTHY,
        /** A timeout, 429 or 5xx: the endpoint is overloaded; the limit shrinks. */
        OVERLOADED,
        /** Anything else (a 4xx, a refused address): says nothing about capacity. */
        NEUTRAL
    }

    /**
     * An attempt to run when a slot is free (it may report its {@link Signal} once), or to defer
     * when the endpoint is stuck, or to park when its breaker opened. Each completes the task.
     */
    record Job(Function<Consumer<Signal>, CompletableFuture<Void>> attempt, Supplier<CompletableFuture<Void>> deferral,
               Supplier<CompletableFuture<Void>> parking) {

        /** A job that parks as it defers. */
        Job(final Function<Consumer<Signal>, CompletableFuture<Void>> attempt, final Supplier<CompletableFuture<Void>> deferral) {
            this(attempt, deferral, deferral);
        }

        /** A job whose attempt reports nothing of its endpoint. */
        static Job of(final Supplier<CompletableFuture<Void>> attempt, final Supplier<CompletableFuture<Void>> deferral) {
            return new Job(signal -> attempt.get(), deferral);
        }
    }

    private record Queued(Job job, CompletableFuture<Void> result) {
    }

    /** Where the limit starts: enough for most endpoints, grown from there for fast ones. */
    private static final int INITIAL_LIMIT = 20;

    private final Limiter<Void> limiter;
    private final SimpleLimiter<Void> limits;
    private final Bucket bucket;
    private final Bucket shared;
    private final ScheduledExecutorService timer;
    private final Deque<Queued> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean refillScheduled;
    /** When the endpoint last answered 2xx (or when the lane began). */
    private final Ticker ticker;
    private volatile long lastHealthyNanos;

    SubscriptionLane(final int maxInFlight, final int rateLimitPerSecond, final ScheduledExecutorService timer) {
        this(maxInFlight, rateLimitPerSecond, Duration.ofSeconds(5), timer);
    }

    /** @param slowAfter an answer slower than this counts as a sign of overload */
    SubscriptionLane(final int maxInFlight, final int rateLimitPerSecond, final Duration slowAfter, final ScheduledExecutorService timer) {
        this(maxInFlight, rateLimitPerSecond, slowAfter, null, timer);
    }

    /** @param shared the bucket of the subscription's tenant, shared with the lanes of its other subscriptions; null for none */
    SubscriptionLane(final int maxInFlight, final int rateLimitPerSecond, final Duration slowAfter, final Bucket shared,
                     final ScheduledExecutorService timer) {
        this(maxInFlight, rateLimitPerSecond, slowAfter, shared, timer, Ticker.SYSTEM);
    }

    /** @param ticker what tells how long the lane has gone without a healthy answer */
    SubscriptionLane(final int maxInFlight, final int rateLimitPerSecond, final Duration slowAfter, final Bucket shared,
                     final ScheduledExecutorService timer, final Ticker ticker) {
        this.ticker = ticker;
        this.lastHealthyNanos = ticker.read();
        this.shared = shared;
        this.limits = SimpleLimiter.newBuilder().limit(AIMDLimit.newBuilder()
            .initialLimit(Math.min(INITIAL_LIMIT, maxInFlight)).minLimit(1).maxLimit(maxInFlight)
            .timeout(slowAfter.toNanos(), TimeUnit.NANOSECONDS).build()).build();
        this.limiter = limits;
        this.bucket = rateLimitPerSecond <= 0 ? null : RateBuckets.perSecond(rateLimitPerSecond);
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

    /** The number of attempts the endpoint may have in flight now. */
    int limit() {
        return limits.getLimit();
    }

    /**
     * Defers the queued jobs beyond {@code keep}, oldest first, when the endpoint is stuck: every slot
     * taken and no 2xx answer for {@code stall}. The oldest go because they hold their partitions'
     * commit point, and with it the window of every other subscription's tasks read after them.
     * Returns how many were deferred.
     */
    int deferIfStuck(final int keep, final Duration stall) {
        final List<Queued> deferred = new ArrayList<>();
        synchronized (this) {
            if (inFlight < limits.getLimit() || ticker.read() - lastHealthyNanos < stall.toNanos()) {
                return 0;
            }
            while (waiting.size() > keep) {
                deferred.add(waiting.pollFirst());
            }
        }
        deferred.forEach(queued -> forward(started(queued.job().deferral()), queued.result()));
        return deferred.size();
    }

    /**
     * Parks every queued job, oldest first, instead of attempting it: its subscription's breaker
     * opened. Done at once and in order, so that the tasks that waited here are parked before any
     * that comes after them. Returns how many.
     */
    int parkQueued() {
        final List<Queued> parked = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty()) {
                parked.add(waiting.pollFirst());
            }
        }
        parked.forEach(queued -> forward(started(queued.job().parking()), queued.result()));
        return parked.size();
    }

    private void drain() {
        while (true) {
            final Queued next;
            final Limiter.Listener slot;
            synchronized (this) {
                if (waiting.isEmpty() || refillScheduled) {
                    return;
                }
                final Optional<Limiter.Listener> acquired = limiter.acquire(null);
                if (acquired.isEmpty()) {
                    // Every slot the endpoint has earned is taken: the next completion drains again.
                    return;
                }
                final long waitNanos = waitForTokens();
                if (waitNanos > 0) {
                    acquired.get().onIgnore();
                    refillScheduled = true;
                    timer.schedule(this::afterRefill, waitNanos, TimeUnit.NANOSECONDS);
                    return;
                }
                slot = acquired.get();
                inFlight++;
                next = waiting.pollFirst();
            }
            final AtomicBoolean reported = new AtomicBoolean();
            final CompletableFuture<Void> attempt = started(() -> next.job().attempt().apply(signal -> {
                if (reported.compareAndSet(false, true)) {
                    report(slot, signal);
                }
            }));
            attempt.whenComplete((ignored, error) -> {
                if (reported.compareAndSet(false, true)) {
                    slot.onIgnore();
                }
                synchronized (this) {
                    inFlight--;
                }
                drain();
            });
            forward(attempt, next.result());
        }
    }

    /** Takes a token of this lane's bucket and of the tenant's, or none and says how long to wait (0: taken). */
    private long waitForTokens() {
        if (bucket != null) {
            final ConsumptionProbe own = bucket.tryConsumeAndReturnRemaining(1);
            if (!own.isConsumed()) {
                return Math.max(1, own.getNanosToWaitForRefill());
            }
        }
        if (shared != null) {
            final ConsumptionProbe tenant = shared.tryConsumeAndReturnRemaining(1);
            if (!tenant.isConsumed()) {
                if (bucket != null) {
                    // Not spent after all: the attempt waits for the tenant.
                    bucket.addTokens(1);
                }
                return Math.max(1, tenant.getNanosToWaitForRefill());
            }
        }
        return 0;
    }

    private void report(final Limiter.Listener slot, final Signal signal) {
        switch (signal) {
            case HEALTHY -> {
                lastHealthyNanos = ticker.read();
                slot.onSuccess();
            }
            case OVERLOADED -> slot.onDropped();
            default -> slot.onIgnore();
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
