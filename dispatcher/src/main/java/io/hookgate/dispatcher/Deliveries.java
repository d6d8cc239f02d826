package io.hookgate.dispatcher;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.topics.Topics;
import io.hookgate.dispatcher.http.DeliveryClient;
import io.hookgate.dispatcher.http.HttpOutcome;
import io.hookgate.dispatcher.retry.RetryLadder;
import io.hookgate.dispatcher.retry.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Carries one task through one attempt: waits for room in its subscription's lane, signs and
 * posts, then settles the outcome (delivered, handed to a retry tier, or put in the DLQ). The
 * returned future completes when the task may be committed.
 */
final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    /** How long an endpoint may go without finishing an attempt, all slots taken, before its new tasks are deferred. */
    private static final Duration STALL = Duration.ofSeconds(1);

    private final HookgateConfig config;
    private final DeliveryClient client;
    private final HandOff handOff;
    private final RetryLadder ladder;
    private final Topics topics;
    private final DispatcherMetrics metrics;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final TimeOrderedIds dlqIds;
    private final Map<String, SubscriptionLane> lanes = new ConcurrentHashMap<>();

    Deliveries(final HookgateConfig config, final DeliveryClient client, final HandOff handOff, final DispatcherMetrics metrics,
               final ScheduledExecutorService timer, final Clock clock) {
        this.config = config;
        this.client = client;
        this.handOff = handOff;
        this.topics = new Topics(config.kafka().topicPrefix());
        this.ladder = new RetryLadder(config.dispatch(), topics);
        this.metrics = metrics;
        this.timer = timer;
        this.clock = clock;
        this.dlqIds = new TimeOrderedIds(clock);
    }

    CompletableFuture<Void> deliver(final DeliveryTask task) {
        final SubscriptionConfig subscription = config.subscription(task.subscription()).orElse(null);
        if (subscription == null) {
            return dead(task, null, DlqReason.UNKNOWN_SUBSCRIPTION, "subscription " + task.subscription() + " is not configured");
        }
        final SubscriptionLane lane = lanes.computeIfAbsent(subscription.id(),
            id -> new SubscriptionLane(subscription.maxInFlight(), subscription.rateLimitPerSecond(), timer));
        return lane.submit(new SubscriptionLane.Job(() -> attempt(subscription, task), () -> defer(task)));
    }

    /** Defers the queued tasks of stuck endpoints; the dispatcher calls it a few times a second. */
    void deferStuck() {
        if (config.dispatch().retryDelays().isEmpty()) {
            // No retry tier to wait in: tasks of a stuck endpoint wait their turn in its lane.
            return;
        }
        lanes.values().forEach(lane -> lane.deferIfStuck(config.dispatch().maxQueuedPerSubscription(), STALL));
    }

    private CompletableFuture<Void> attempt(final SubscriptionConfig subscription, final DeliveryTask task) {
        final byte[] body = Json.write(task.event());
        final Instant startedAt = clock.instant();
        return client.post(subscription, OutboundSigner.headers(subscription, task.deliveryId(), body, startedAt), body)
            .thenCompose(outcome -> settle(task, startedAt, outcome));
    }

    /** Parks {@code task} in the first retry tier without counting an attempt (its endpoint is stuck). */
    private CompletableFuture<Void> defer(final DeliveryTask task) {
        final Verdict.Retry deferral = ladder.deferral(clock.instant()).orElseThrow();
        metrics.deferred(task.subscription());
        return handOff.send(deferral.topic(), task.subscription(), Json.write(task.deferredUntil(deferral.dueAt())));
    }

    private CompletableFuture<Void> settle(final DeliveryTask task, final Instant startedAt, final HttpOutcome outcome) {
        final Instant now = clock.instant();
        final Duration took = Duration.between(startedAt, now);
        final DeliveryAttempt attempt = outcome.status() > 0
            ? DeliveryAttempt.answered(task.attempt(), startedAt, outcome.status(), took.toMillis())
            : DeliveryAttempt.failed(task.attempt(), startedAt, outcome.error(), took.toMillis());
        final Verdict verdict = ladder.after(task.attempt(), outcome, now);
        if (verdict instanceof Verdict.Delivered) {
            metrics.attempt(task.subscription(), "delivered", took);
            metrics.delivered(task.subscription(), Duration.between(task.event().receivedAt(), now));
            LOG.debug("Delivered subscription={} deliveryId={} source={} eventId={} attempt={} status={}", task.subscription(),
                task.deliveryId(), task.event().source(), task.event().eventId(), task.attempt(), outcome.status());
            return CompletableFuture.completedFuture(null);
        }
        if (verdict instanceof Verdict.Retry retry) {
            metrics.attempt(task.subscription(), "retry", took);
            metrics.retried(task.subscription(), retry.tier());
            LOG.info("Retrying subscription={} deliveryId={} source={} eventId={} attempt={} outcome={} tier={} dueAt={}",
                task.subscription(), task.deliveryId(), task.event().source(), task.event().eventId(), task.attempt(),
                describe(outcome), retry.tier(), retry.dueAt());
            return handOff.send(retry.topic(), task.subscription(), Json.write(task.after(attempt, retry.dueAt())));
        }
        final Verdict.Dead dead = (Verdict.Dead) verdict;
        metrics.attempt(task.subscription(), "dlq", took);
        return dead(task, attempt, dead.reason(), dead.detail());
    }

    private CompletableFuture<Void> dead(final DeliveryTask task, final DeliveryAttempt attempt, final DlqReason reason, final String detail) {
        final DeliveryTask finalTask = attempt == null ? task : task.after(attempt, clock.instant());
        final DlqEntry entry = new DlqEntry(DlqEntry.SCHEMA_VERSION, "dlq_" + dlqIds.next(), reason, detail, clock.instant(), finalTask);
        metrics.dead(task.subscription(), reason);
        if (reason == DlqReason.GONE) {
            LOG.warn("Endpoint of subscription={} answered 410 Gone; deliveryId={} goes to the DLQ. Remove or fix the subscription.",
                task.subscription(), task.deliveryId());
        } else {
            LOG.warn("Dead-lettered subscription={} deliveryId={} source={} eventId={} reason={} detail={}", task.subscription(),
                task.deliveryId(), task.event().source(), task.event().eventId(), reason.code(), detail);
        }
        return handOff.send(topics.dlq(), task.subscription(), Json.write(entry));
    }

    private static String describe(final HttpOutcome outcome) {
        return outcome.status() > 0 ? Integer.toString(outcome.status()) : outcome.error();
    }
}
