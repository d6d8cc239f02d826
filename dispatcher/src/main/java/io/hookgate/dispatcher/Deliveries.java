package io.hookgate.dispatcher;

import io.hookgate.core.config.Durations;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.logging.LogContext;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.dispatcher.internals.breaker.Backlog;
import io.hookgate.dispatcher.internals.breaker.Breaker;
import io.hookgate.dispatcher.internals.http.DeliveryClient;
import io.hookgate.dispatcher.internals.http.HttpOutcome;
import io.hookgate.dispatcher.internals.retry.RetryLadder;
import io.hookgate.dispatcher.internals.retry.Verdict;
import io.github.bucket4j.Bucket;
import io.hookgate.core.limits.RateBuckets;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries one task through one attempt: finds its subscription as in force now (waiting for the
 * {@code subscriptions} topic once when it names one not known here yet, as a task of a
 * subscription just made can reach the dispatcher before the change does), asks the
 * subscription's breaker whether it may be attempted, waits for room in its subscription's lane,
 * signs and posts, then settles the outcome (delivered, handed to a retry tier, or put in the DLQ).
 * The returned future completes when the task may be committed. Every task ends one of those ways
 * or parked: an attempt that throws is a failed attempt, a record that is not a task and a DLQ
 * entry Kafka refuses end as (smaller) DLQ entries.
 *
 * <p>Parking: the task of a disabled subscription, of an open breaker (every task but the one
 * probe; those that come while the probe is out wait for its answer), or of a subscription whose
 * older tasks wait parked ({@link Backlog}, so that its tasks keep their order of arrival) is
 * handed, unattempted, to the park topic, due again in
 * {@code dispatch.parkFor} (one delay for the whole topic, so its head is its earliest due task and
 * no other subscription waits behind it longer than that). When a parked task comes due and must
 * still wait, it is parked again: write amplification of one record per parked task per
 * {@code parkFor}, the price of waiting durably in Kafka rather than in memory. Order: waiting
 * tasks are read back in the order they come due, which is their order of arrival; a task read
 * back that must wait again goes to the end of the topic, so the younger parked tasks of its
 * subscription read back before it comes back park again too, whatever the state of its
 * subscription then ({@link Backlog#holdsParked}): one may be let through as its breaker's probe,
 * no other is attempted before the older one. An endpoint that
 * answers 410 Gone, and a breaker open for {@code disableAfter}, disable the subscription
 * ({@link SubscriptionDisabler}); its tasks, the one that got the 410 included, wait parked until
 * it is enabled again.
 *
 * <p>Each attempt is a span of the webhook's trace (the context current when {@link #deliver} is
 * called, which the loop takes from the task's record), sent to the subscriber as
 * {@code traceparent}; a task handed to a retry tier or parked carries that same context on, so its
 * later attempts join the same trace.
 */
final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    /** The shortest time an endpoint may go without a 2xx, all slots taken, before its queued tasks are deferred. */
    private static final Duration MIN_STALL = Duration.ofSeconds(1);
    /** How long a task naming an unknown subscription waits for the subscriptions topic before it is dead-lettered. */
    private static final Duration UNKNOWN_WAIT = Duration.ofSeconds(10);
    /** How many park delays a subscription's backlog count may stand still before it is forgotten. */
    private static final int BACKLOG_FORGET_PARKS = 3;

    private final HookgateConfig config;
    private final Subscriptions subscriptions;
    private final DeliveryClient client;
    private final HandOff handOff;
    private final RetryLadder ladder;
    private final Topics topics;
    private final DispatcherMetrics metrics;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final AttemptLog attemptLog;
    private final DeadLetters deadLetters;
    private final Breakers breakers;
    private final Backlog backlog;
    private final SubscriptionDisabler disabler;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    /** One bucket per tenant with a limit, shared by the lanes of its subscriptions. */
    private final Map<String, Bucket> tenantBuckets;
    private final AttemptTracing tracing;

    /** A subscription's lane, with the settings it was made for: a change of them makes a new lane. */
    private record Lane(SubscriptionLane lane, int maxInFlight, int rateLimitPerSecond, Duration timeout) {

        boolean fits(final SubscriptionConfig subscription) {
            return maxInFlight == subscription.maxInFlight() && rateLimitPerSecond == subscription.rateLimitPerSecond()
                && timeout.equals(subscription.timeout());
        }
    }

    /** Without a history of the subscriptions topic: a disable does not look for a change it wrote over (for tests). */
    Deliveries(final HookgateConfig config, final Subscriptions subscriptions, final DeliveryClient client, final HandOff handOff,
               final DispatcherMetrics metrics, final ScheduledExecutorService timer, final Clock clock, final Tracing tracing) {
        this(config, subscriptions, SubscriptionHistory.none(), client, handOff, metrics, timer, clock, tracing);
    }

    /** @param history the {@code subscriptions} topic read back, where a disable looks for a change it wrote over */
    Deliveries(final HookgateConfig config, final Subscriptions subscriptions, final SubscriptionHistory history, final DeliveryClient client,
               final HandOff handOff, final DispatcherMetrics metrics, final ScheduledExecutorService timer, final Clock clock,
               final Tracing tracing) {
        this.tracing = new AttemptTracing(tracing);
        this.subscriptions = subscriptions;
        this.config = config;
        this.client = client;
        this.handOff = handOff;
        this.topics = new Topics(config.kafka().topicPrefix());
        this.ladder = new RetryLadder(config.dispatch(), topics);
        this.metrics = metrics;
        this.timer = timer;
        this.clock = clock;
        this.attemptLog = new AttemptLog(handOff, topics, metrics);
        this.deadLetters = new DeadLetters(handOff, topics, RecordLimits.of(config), metrics, clock);
        final Optional<AdminNotify> notify = config.admin().notifyUrl().map(url ->
            new AdminNotify(url, config.admin().notifySecret().orElseThrow(), client, timer, clock));
        final OperationalNotices notices = new OperationalNotices(handOff, topics, notify, clock);
        this.breakers = new Breakers(metrics, notices, clock, this::parkQueued);
        this.backlog = new Backlog(config.dispatch().parkFor().multipliedBy(BACKLOG_FORGET_PARKS), clock);
        this.disabler = new SubscriptionDisabler(subscriptions, history, handOff, topics, notices, metrics, clock);
        final Map<String, Bucket> buckets = new java.util.HashMap<>();
        config.tenants().values().stream().filter(tenant -> tenant.rateLimitPerSecond() > 0).forEach(tenant -> buckets.put(tenant.id(),
            RateBuckets.perSecond(tenant.rateLimitPerSecond())));
        this.tenantBuckets = Map.copyOf(buckets);
    }

    /** Delivers {@code task} as one read from {@code dispatch}. */
    CompletableFuture<Void> deliver(final DeliveryTask task) {
        return deliver(task, topics.dispatch());
    }

    /** Delivers {@code task}, read from {@code topic} ({@code dispatch}, a retry tier or the park topic). */
    CompletableFuture<Void> deliver(final DeliveryTask task, final String topic) {
        final Context trace = Context.current();
        final boolean wasParked = topics.parked().equals(topic);
        if (wasParked) {
            backlog.left(task.subscription());
        }
        final Optional<LiveSubscription> known = subscriptions.find(task.subscription());
        if (known.isPresent()) {
            return route(task, trace, known, wasParked);
        }
        // Made a moment ago, perhaps: the processor may have seen the change before this process did.
        return subscriptions.sync().orTimeout(UNKNOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
            .handle((synced, error) -> {
                if (error != null) {
                    try (LogContext ignored = logContext(task, trace)) {
                        LOG.warn("Could not catch up with the subscriptions topic for subscription={} deliveryId={}: {}",
                            task.subscription(), task.deliveryId(), error.toString());
                    }
                }
                return subscriptions.find(task.subscription());
            })
            .thenCompose(found -> route(task, trace, found, wasParked));
    }

    /** Parks, dead-letters or queues {@code task} for an attempt, by its subscription's state, backlog and breaker. */
    private CompletableFuture<Void> route(final DeliveryTask task, final Context trace, final Optional<LiveSubscription> found,
                                          final boolean wasParked) {
        try (LogContext ignored = logContext(task, trace)) {
            if (found.isEmpty()) {
                return deadLetters.task(task, null, DlqReason.UNKNOWN_SUBSCRIPTION, "subscription " + task.subscription() + " does not exist");
            }
            final LiveSubscription live = found.get();
            // An older parked task of its subscription was parked again, so went behind it: this one is not attempted before it.
            final boolean held = wasParked && backlog.holdsParked(live.id(), task.deliveryId());
            if (!live.enabled()) {
                breakers.forget(live.id());
                return park(task, trace, DispatcherMetrics.PARKED_DISABLED, wasParked);
            }
            if (!wasParked && backlog.holds(live.id())) {
                return park(task, trace, DispatcherMetrics.PARKED_BACKLOG);
            }
            final Breaker breaker = breakers.of(live);
            if (held && breaker.state() == Breaker.State.CLOSED) {
                return park(task, trace, DispatcherMetrics.PARKED_BACKLOG);
            }
            if (breaker.disableDue()) {
                disable(live, breaker, "its breaker stayed open " + Durations.format(live.config().disableAfter())
                    + " without a successful probe");
            }
            // A task that comes while the probe is out waits for its answer, then is routed again, in its turn,
            // by its subscription as it is then.
            final CompletableFuture<CompletableFuture<Void>> afterProbe = new CompletableFuture<>();
            final Breaker.Admission admission = breaker.admit(() -> {
                try {
                    afterProbe.complete(route(task, trace, subscriptions.find(task.subscription()), wasParked));
                } catch (RuntimeException e) {
                    afterProbe.completeExceptionally(e);
                }
            });
            if (admission.decision() == Breaker.Decision.WAIT) {
                return afterProbe.thenCompose(routed -> routed);
            }
            if (admission.decision() == Breaker.Decision.PARK) {
                return park(task, trace, DispatcherMetrics.PARKED_BREAKER, wasParked);
            }
            final CompletableFuture<Void> done = lane(live.config()).submit(new SubscriptionLane.Job(
                signal -> attempt(live, breaker, admission.probe(), task, trace, signal, wasParked), () -> defer(task, trace),
                () -> park(task, trace, DispatcherMetrics.PARKED_BREAKER, wasParked)));
            if (admission.decision() == Breaker.Decision.PROBE) {
                // A probe deferred by its lane, or one that could not settle, was never answered: the next task probes.
                done.whenComplete((ignoredResult, error) -> breaker.ended(admission.probe()));
            }
            return done;
        } catch (RuntimeException e) {
            LOG.error("Could not start delivery subscription={} deliveryId={}", task.subscription(), task.deliveryId(), e);
            return deadLetters.task(task, null, DlqReason.DELIVERY_ERROR, "the delivery could not start: " + e);
        }
    }

    /** The lane of {@code subscription}, made afresh when its limits changed. */
    private SubscriptionLane lane(final SubscriptionConfig subscription) {
        return lanes.compute(subscription.id(), (id, current) -> current != null && current.fits(subscription)
            ? current
            : new Lane(new SubscriptionLane(subscription.maxInFlight(), subscription.rateLimitPerSecond(), slowAfter(subscription),
                subscription.tenant().map(tenantBuckets::get).orElse(null), timer),
                subscription.maxInFlight(), subscription.rateLimitPerSecond(), subscription.timeout())).lane();
    }

    /** Parks the tasks waiting in {@code subscription}'s lane, oldest first: its breaker just opened. */
    private void parkQueued(final String subscription) {
        final Lane lane = lanes.get(subscription);
        if (lane != null) {
            lane.lane().parkQueued();
        }
    }

    /** Disables {@code subscription} for {@code why}; should its record not be written, its breaker may ask again. */
    private void disable(final LiveSubscription subscription, final Breaker breaker, final String why) {
        disabler.disable(subscription, why).whenComplete((done, error) -> {
            if (error != null) {
                LOG.error("Could not disable subscription={} ({}); it is asked again by a later task: {}", subscription.id(), why,
                    error.toString());
                breaker.disableFailed();
            }
        });
    }

    /** How long {@code subscription}'s endpoint may go without a 2xx, all its slots taken, before it counts as hanging. */
    private Duration stall(final String subscription) {
        final Duration slow = subscriptions.find(subscription).map(live -> slowAfter(live.config())).orElse(MIN_STALL);
        return slow.compareTo(MIN_STALL) > 0 ? slow : MIN_STALL;
    }

    /** Half the subscription's timeout: answers slower than that are a sign to send less at once. */
    private static Duration slowAfter(final SubscriptionConfig subscription) {
        return subscription.timeout().dividedBy(2);
    }

    /** Puts a record that is not a task into the DLQ as it was read. */
    CompletableFuture<Void> unreadable(final ConsumerRecord<byte[], byte[]> record, final String why) {
        return deadLetters.unreadable(record, why);
    }

    /** Defers the queued tasks of stuck endpoints; the dispatcher calls it a few times a second. */
    void deferStuck() {
        if (config.dispatch().retryDelays().isEmpty()) {
            // No retry tier to wait in: tasks of a stuck endpoint wait their turn in its lane.
            return;
        }
        lanes.forEach((id, lane) -> lane.lane().deferIfStuck(config.dispatch().maxQueuedPerSubscription(), stall(id)));
    }

    /**
     * Attempts {@code task}, probe {@code probe} of its breaker (0 when not a probe), unless the
     * breaker opened while it waited for room in its lane: then it parks instead ({@code wasParked}:
     * again, read back from the park topic).
     */
    private CompletableFuture<Void> attempt(final LiveSubscription live, final Breaker breaker, final long probe, final DeliveryTask task,
                                            final Context trace, final Consumer<SubscriptionLane.Signal> signal, final boolean wasParked) {
        if (probe == 0 && !breaker.stillAdmits()) {
            return park(task, trace, DispatcherMetrics.PARKED_BREAKER, wasParked);
        }
        final SubscriptionConfig subscription = live.config();
        final byte[] body = task.envelope().bytes();
        final Instant startedAt = clock.instant();
        final Span span = tracing.start(trace, subscription, task);
        CompletableFuture<HttpOutcome> posted;
        try {
            posted = client.post(subscription, AttemptTracing.withTraceContext(
                OutboundSigner.headers(subscription, task.deliveryId(), body, startedAt), span), body);
        } catch (RuntimeException e) {
            try (LogContext ignored = logContext(task, trace)) {
                LOG.error("Attempt failed to start subscription={} deliveryId={}", task.subscription(), task.deliveryId(), e);
            }
            posted = CompletableFuture.completedFuture(HttpOutcome.failed("the attempt could not start: " + e));
        }
        return posted.thenCompose(outcome -> {
            final SubscriptionLane.Signal health = signalOf(outcome);
            signal.accept(health);
            tell(breaker, probe, health, outcome);
            try (LogContext ignored = logContext(task, trace)) {
                return settle(live, breaker, task, trace, span, startedAt, outcome);
            }
        });
    }

    /** What the breaker learns of an attempt: a 2xx, an endpoint failure, or nothing of its health. */
    private static void tell(final Breaker breaker, final long probe, final SubscriptionLane.Signal health, final HttpOutcome outcome) {
        switch (health) {
            case HEALTHY -> breaker.succeeded(probe);
            case OVERLOADED -> breaker.failed(probe, describe(outcome));
            default -> breaker.ended(probe);
        }
    }

    /** The ids of {@code task} (and its trace) on the log lines written while it is handled on this thread. */
    private static LogContext logContext(final DeliveryTask task, final Context trace) {
        return LogContext.of(LogContext.SUBSCRIPTION, task.subscription()).and(LogContext.DELIVERY_ID, task.deliveryId())
            .and(LogContext.SOURCE, task.eventRef().source()).and(LogContext.EVENT_ID, task.eventRef().eventId())
            .and(LogContext.INGRESS_ID, task.eventRef().ingressId()).andTrace(trace);
    }

    /**
     * What an outcome says of the endpoint's capacity: a timeout, connection error, 429 or 5xx means
     * slow down (and, for its breaker, a failure).
     */
    private static SubscriptionLane.Signal signalOf(final HttpOutcome outcome) {
        if (outcome.status() >= 200 && outcome.status() < 300) {
            return SubscriptionLane.Signal.HEALTHY;
        }
        if (outcome.status() == 429 || outcome.status() >= 500 || outcome.status() == 0 && !outcome.refused()) {
            return SubscriptionLane.Signal.OVERLOADED;
        }
        return SubscriptionLane.Signal.NEUTRAL;
    }

    /** Parks {@code task} in the first retry tier without counting an attempt (its endpoint is stuck). */
    private CompletableFuture<Void> defer(final DeliveryTask task, final Context trace) {
        final Verdict.Retry deferral = ladder.deferral(clock.instant()).orElseThrow();
        metrics.deferred(task.subscription());
        return handOn(deferral.topic(), task.deferredUntil(deferral.dueAt()), trace);
    }

    /** Hands {@code task} to the park topic, unattempted, due again in {@code dispatch.parkFor}; {@code reason} for the metric. */
    private CompletableFuture<Void> park(final DeliveryTask task, final Context trace, final String reason) {
        return park(task, clock.instant().plus(config.dispatch().parkFor()), trace, reason);
    }

    /**
     * As {@link #park(DeliveryTask, Context, String)}; a task read back from the park topic ({@code again}) goes behind the
     * younger parked tasks of its subscription, so it holds those read back before it comes back ({@link Backlog#parkedAgain}).
     */
    private CompletableFuture<Void> park(final DeliveryTask task, final Context trace, final String reason, final boolean again) {
        if (again) {
            backlog.parkedAgain(task.subscription(), task.deliveryId());
        }
        return park(task, trace, reason);
    }

    private CompletableFuture<Void> park(final DeliveryTask task, final Instant dueAt, final Context trace, final String reason) {
        metrics.parked(task.subscription(), reason);
        backlog.parked(task.subscription());
        LOG.debug("Parked subscription={} deliveryId={} reason={} until={}", task.subscription(), task.deliveryId(), reason, dueAt);
        return handOn(topics.parked(), task.deferredUntil(dueAt), trace);
    }

    private CompletableFuture<Void> settle(final LiveSubscription live, final Breaker breaker, final DeliveryTask task, final Context trace,
                                           final Span span, final Instant startedAt, final HttpOutcome outcome) {
        final Instant now = clock.instant();
        final Duration took = Duration.between(startedAt, now);
        final DeliveryAttempt attempt = outcome.status() > 0
            ? DeliveryAttempt.answered(task.attempt(), startedAt, outcome.status(), took.toMillis()).withResponse(outcome.response())
            : DeliveryAttempt.failed(task.attempt(), startedAt, outcome.error(), took.toMillis());
        final Verdict verdict = ladder.after(live.config(), task.attempt(), outcome, now);
        if (verdict instanceof Verdict.Dead dead && dead.reason() == DlqReason.GONE) {
            AttemptTracing.end(span, outcome, "parked");
            return gone(live, breaker, task, attempt, took, trace);
        }
        AttemptTracing.end(span, outcome, verdict instanceof Verdict.Delivered ? "delivered" : verdict instanceof Verdict.Retry ? "retry" : "dlq");
        if (verdict instanceof Verdict.Delivered) {
            metrics.attempt(task.subscription(), "delivered", took);
            metrics.delivered(task.subscription(), Duration.between(task.eventRef().receivedAt(), now));
            LOG.debug("Delivered subscription={} deliveryId={} source={} eventId={} attempt={} status={}", task.subscription(),
                task.deliveryId(), task.eventRef().source(), task.eventRef().eventId(), task.attempt(), outcome.status());
            return attemptLog.record(AttemptEntry.delivered(task, attempt));
        }
        if (verdict instanceof Verdict.Retry retry) {
            metrics.attempt(task.subscription(), "retry", took);
            metrics.retried(task.subscription(), retry.tier());
            LOG.info("Retrying subscription={} deliveryId={} source={} eventId={} attempt={} outcome={} tier={} dueAt={}",
                task.subscription(), task.deliveryId(), task.eventRef().source(), task.eventRef().eventId(), task.attempt(),
                describe(outcome), retry.tier(), retry.dueAt());
            return CompletableFuture.allOf(attemptLog.record(AttemptEntry.retry(task, attempt, retry.tier(), retry.dueAt())),
                handOn(retry.topic(), task.after(attempt, retry.dueAt()), trace));
        }
        final Verdict.Dead dead = (Verdict.Dead) verdict;
        metrics.attempt(task.subscription(), "dlq", took);
        return CompletableFuture.allOf(attemptLog.record(AttemptEntry.dead(task, attempt, dead.reason())),
            deadLetters.task(task, attempt, dead.reason(), dead.detail()));
    }

    /** The endpoint answered 410 Gone: the subscription is disabled, and the task, its attempt counted, waits parked. */
    private CompletableFuture<Void> gone(final LiveSubscription live, final Breaker breaker, final DeliveryTask task,
                                         final DeliveryAttempt attempt, final Duration took, final Context trace) {
        metrics.attempt(task.subscription(), "parked", took);
        if (breaker.gone()) {
            disable(live, breaker, "its endpoint answered 410 Gone");
        }
        final Instant dueAt = clock.instant().plus(config.dispatch().parkFor());
        LOG.warn("Endpoint of subscription={} answered 410 Gone; deliveryId={} waits parked until the subscription is enabled again",
            task.subscription(), task.deliveryId());
        return CompletableFuture.allOf(attemptLog.record(AttemptEntry.retry(task, attempt, AttemptEntry.PARKED, dueAt)),
            park(task.after(attempt, dueAt), dueAt, trace, DispatcherMetrics.PARKED_DISABLED));
    }

    /** Hands {@code task} to a retry tier or the park topic; should Kafka refuse it for good, it goes to the DLQ instead. */
    private CompletableFuture<Void> handOn(final String topic, final DeliveryTask task, final Context trace) {
        return handOff.send(AttemptTracing.carry(trace, topics.tasks(topic).record(task.subscription(), task)))
            .exceptionallyCompose(error -> {
                if (!HandOff.refused(error)) {
                    return CompletableFuture.failedFuture(error);
                }
                if (topic.equals(topics.parked())) {
                    backlog.left(task.subscription());
                }
                return deadLetters.task(task, null, DlqReason.DELIVERY_ERROR, "the hand-off to " + topic + " was refused: " + error.getMessage());
            });
    }

    private static String describe(final HttpOutcome outcome) {
        return outcome.status() > 0 ? "answered " + outcome.status() : outcome.error();
    }
}
