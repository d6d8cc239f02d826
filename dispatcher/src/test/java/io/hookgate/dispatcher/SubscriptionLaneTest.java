package io.hookgate.dispatcher;

import io.hookgate.core.testing.ManualTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
    private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger deferred = new AtomicInteger();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private SubscriptionLane.Job job() {
        return SubscriptionLane.Job.of(() -> {
            started.incrementAndGet();
            final CompletableFuture<Void> attempt = new CompletableFuture<>();
            synchronized (inFlight) {
                inFlight.add(attempt);
            }
            return attempt;
        }, () -> {
            deferred.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void aJobThatThrowsFailsItsTaskAndFreesItsSlot() {
        final SubscriptionLane lane = new SubscriptionLane(1, 0, timer);
        final CompletableFuture<Void> broken = lane.submit(SubscriptionLane.Job.of(() -> {
            throw new IllegalStateException("boom");
        }, () -> CompletableFuture.completedFuture(null)));
        assertThat(broken).isCompletedExceptionally();
        // The one slot is free again: the next job starts at once.
        lane.submit(job());
        assertThat(started).hasValue(1);
    }

    @Test
    void theLimitGrowsForAFastEndpointUpToItsCapAndShrinksWhenItIsOverloaded() throws Exception {
        final SubscriptionLane lane = new SubscriptionLane(100, 0, timer);
        assertThat(lane.limit()).as("starts at 20").isEqualTo(20);
        final List<Runnable> answers = new ArrayList<>();
        final SubscriptionLane.Signal[] answer = {SubscriptionLane.Signal.HEALTHY};
        for (int i = 0; i < 6000; i++) {
            lane.submit(new SubscriptionLane.Job(signal -> {
                final CompletableFuture<Void> attempt = new CompletableFuture<>();
                synchronized (answers) {
                    answers.add(() -> {
                        signal.accept(answer[0]);
                        attempt.complete(null);
                    });
                }
                return attempt;
            }, () -> CompletableFuture.completedFuture(null)));
        }
        // A busy, fast endpoint: every slot in use, each answered in a millisecond or so.
        for (int round = 0; round < 150 && lane.queued() > 1000; round++) {
            answerAll(answers);
        }
        final int grown = lane.limit();
        assertThat(grown).isGreaterThan(20).isLessThanOrEqualTo(100);
        answer[0] = SubscriptionLane.Signal.OVERLOADED;
        for (int round = 0; round < 5; round++) {
            answerAll(answers);
        }
        assertThat(lane.limit()).isLessThan(grown);
    }

    private static void answerAll(final List<Runnable> answers) throws InterruptedException {
        Thread.sleep(1);
        final List<Runnable> now;
        synchronized (answers) {
            now = new ArrayList<>(answers);
            answers.clear();
        }
        now.forEach(Runnable::run);
    }

    @Test
    void holdsJobsBeyondTheInFlightLimitWithoutAThread() {
        final SubscriptionLane lane = new SubscriptionLane(2, 0, timer);
        final List<CompletableFuture<Void>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(lane.submit(job()));
        }
        assertThat(started).hasValue(2);
        assertThat(lane.queued()).isEqualTo(3);
        inFlight.get(0).complete(null);
        assertThat(started).hasValue(3);
        assertThat(results.get(0)).isCompleted();
        inFlight.get(1).complete(null);
        inFlight.get(2).completeExceptionally(new IllegalStateException("failed"));
        assertThat(started).hasValue(5);
        assertThat(results.get(2)).isCompletedExceptionally();
    }

    @Test
    void defersQueuedJobsOnlyWhenTheEndpointIsStuck() {
        final ManualTicker ticker = new ManualTicker();
        final SubscriptionLane lane = new SubscriptionLane(2, 0, Duration.ofSeconds(5), null, timer, ticker);
        final List<CompletableFuture<Void>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(lane.submit(job()));
        }
        assertThat(lane.deferIfStuck(3, Duration.ofMillis(200))).as("not stuck yet").isZero();
        ticker.advance(Duration.ofMillis(199));
        assertThat(lane.deferIfStuck(3, Duration.ofMillis(200))).as("not stuck for the whole 200 ms").isZero();
        ticker.advance(Duration.ofMillis(101));
        assertThat(lane.deferIfStuck(3, Duration.ofMillis(200))).isEqualTo(5);
        assertThat(deferred).hasValue(5);
        assertThat(lane.queued()).isEqualTo(3);
        // The oldest queued go: they hold their partitions' commit point, the newest three wait for a slot.
        assertThat(results.subList(2, 7)).allMatch(CompletableFuture::isDone);
        assertThat(results.subList(7, 10)).noneMatch(CompletableFuture::isDone);
        // An attempt ends without a 2xx: the next one takes its slot, and the endpoint is still stuck.
        inFlight.get(0).complete(null);
        assertThat(lane.deferIfStuck(0, Duration.ofMillis(200))).isEqualTo(2);
    }

    @Test
    void queuedJobsAreParkedOldestFirstWhenTheBreakerOpens() {
        final SubscriptionLane lane = new SubscriptionLane(1, 0, timer);
        final List<Integer> parked = new ArrayList<>();
        final List<CompletableFuture<Void>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            final int number = i;
            results.add(lane.submit(new SubscriptionLane.Job(signal -> {
                final CompletableFuture<Void> attempt = new CompletableFuture<>();
                inFlight.add(attempt);
                return attempt;
            }, () -> CompletableFuture.failedFuture(new AssertionError("not deferred")), () -> {
                parked.add(number);
                return CompletableFuture.completedFuture(null);
            })));
        }
        assertThat(lane.parkQueued()).isEqualTo(3);
        assertThat(parked).containsExactly(1, 2, 3);
        assertThat(results.subList(1, 4)).allMatch(result -> result.isDone() && !result.isCompletedExceptionally());
        assertThat(lane.queued()).isZero();
        assertThat(results.get(0)).isNotDone();
    }

    @Test
    void aBusyEndpointThatAnswersIsNeverDeferredOneThatOnlyFailsIs() throws Exception {
        final SubscriptionLane lane = new SubscriptionLane(2, 0, timer);
        final SubscriptionLane.Signal[] answer = {SubscriptionLane.Signal.HEALTHY};
        for (int i = 0; i < 30; i++) {
            lane.submit(new SubscriptionLane.Job(signal -> {
                final CompletableFuture<Void> attempt = new CompletableFuture<>();
                // Each answer takes 150 ms: both slots always busy.
                timer.schedule(() -> {
                    signal.accept(answer[0]);
                    attempt.complete(null);
                }, 150, TimeUnit.MILLISECONDS);
                return attempt;
            }, () -> {
                deferred.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }));
        }
        for (int i = 0; i < 6; i++) {
            Thread.sleep(100);
            assertThat(lane.deferIfStuck(2, Duration.ofMillis(400))).as("answering 2xx, however busy").isZero();
        }
        answer[0] = SubscriptionLane.Signal.OVERLOADED;
        await().atMost(5, TimeUnit.SECONDS).until(() -> lane.deferIfStuck(2, Duration.ofMillis(400)) > 0);
        assertThat(deferred.get()).isPositive();
    }

    @Test
    void rateLimitSpacesAttemptsOut() {
        final SubscriptionLane lane = new SubscriptionLane(100, 5, timer);
        final AtomicInteger count = new AtomicInteger();
        final long begin = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            lane.submit(SubscriptionLane.Job.of(() -> {
                count.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }, () -> CompletableFuture.completedFuture(null)));
        }
        // The bucket holds 5: the other 5 start as it refills, at 5 per second.
        assertThat(count.get()).isEqualTo(5);
        await().atMost(5, TimeUnit.SECONDS).until(() -> count.get() == 10);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)).isGreaterThanOrEqualTo(700);
    }

    @Test
    void theLanesOfOneTenantShareItsBucket() {
        final io.github.bucket4j.Bucket tenant = io.hookgate.core.limits.RateBuckets.perSecond(6);
        final SubscriptionLane first = new SubscriptionLane(100, 0, java.time.Duration.ofSeconds(5), tenant, timer);
        final SubscriptionLane second = new SubscriptionLane(100, 4, java.time.Duration.ofSeconds(5), tenant, timer);
        final SubscriptionLane otherTenant = new SubscriptionLane(100, 0, java.time.Duration.ofSeconds(5), null, timer);
        final AtomicInteger count = new AtomicInteger();
        final SubscriptionLane.Job counted = SubscriptionLane.Job.of(() -> {
            count.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, () -> CompletableFuture.completedFuture(null));
        for (int i = 0; i < 4; i++) {
            first.submit(counted);
            second.submit(counted);
        }
        // Six a second for the tenant, however its subscriptions' own limits would allow more.
        assertThat(count.get()).isEqualTo(6);
        assertThat(first.queued() + second.queued()).isEqualTo(2);
        for (int i = 0; i < 20; i++) {
            otherTenant.submit(counted);
        }
        assertThat(count.get()).as("another tenant's lane is not held back").isEqualTo(26);
        await().atMost(5, TimeUnit.SECONDS).until(() -> count.get() == 28);
    }
}
