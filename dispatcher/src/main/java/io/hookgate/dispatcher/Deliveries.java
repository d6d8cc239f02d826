package io.hookgate.dispatcher;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.delivery.UnreadableRecord;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.kafka.RecordLimits;
import io.hookgate.core.logging.LogContext;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.topics.Topics;
import io.hookgate.core.tracing.Tracing;
import io.hookgate.dispatcher.http.DeliveryClient;
import io.hookgate.dispatcher.http.HttpOutcome;
import io.hookgate.dispatcher.retry.RetryLadder;
import io.hookgate.dispatcher.retry.Verdict;
import io.github.bucket4j.Bucket;
import io.hookgate.core.limits.RateBuckets;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
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
 * subscription just made can reach the dispatcher before the change does), waits for room in its
 * subscription's lane, signs and
 * posts, then settles the outcome (delivered, handed to a retry tier, or put in the DLQ). The
 * returned future completes when the task may be committed. Every task ends one of those three
 * ways: an attempt that throws is a failed attempt, a record that is not a task and a DLQ entry
 * Kafka refuses end as (smaller) DLQ entries. Each attempt is a span of the webhook's trace (the
 * context current when {@link #deliver} is called, which the loop takes from the task's record),
 * sent to the subscriber as {@code traceparent}; a task handed to a retry tier carries that same
 * context on, so its later attempts join the same trace.
 */
final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    /** The shortest time an endpoint may go without a 2xx, all slots taken, before its queued tasks are deferred. */
    private static final Duration MIN_STALL = Duration.ofSeconds(1);
    /** How long a task naming an unknown subscription waits for the subscriptions topic before it is dead-lettered. */
    private static final Duration UNKNOWN_WAIT = Duration.ofSeconds(10);

    private final HookgateConfig config;
    private final Subscriptions subscriptions;
    private final DeliveryClient client;
    private final HandOff handOff;
    private final RetryLadder ladder;
    private final Topics topics;
    private final RecordLimits limits;
    private final DispatcherMetrics metrics;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final TimeOrderedIds dlqIds;
    private final AttemptLog attemptLog;
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

    Deliveries(final HookgateConfig config, final Subscriptions subscriptions, final DeliveryClient client, final HandOff handOff,
               final DispatcherMetrics metrics, final ScheduledExecutorService timer, final Clock clock, final Tracing tracing) {
        this.tracing = new AttemptTracing(tracing);
        this.subscriptions = subscriptions;
        this.config = config;
        this.client = client;
        this.handOff = handOff;
        this.topics = new Topics(config.kafka().topicPrefix());
        this.limits = RecordLimits.of(config);
        this.ladder = new RetryLadder(config.dispatch(), topics);
        this.metrics = metrics;
        this.timer = timer;
        this.clock = clock;
        this.dlqIds = new TimeOrderedIds(clock);
        this.attemptLog = new AttemptLog(handOff, topics, metrics);
        final Map<String, Bucket> buckets = new java.util.HashMap<>();
        config.tenants().values().stream().filter(tenant -> tenant.rateLimitPerSecond() > 0).forEach(tenant -> buckets.put(tenant.id(),
            RateBuckets.perSecond(tenant.rateLimitPerSecond())));
        this.tenantBuckets = Map.copyOf(buckets);
    }

    CompletableFuture<Void> deliver(final DeliveryTask task) {
        final Context trace = Context.current();
        final Optional<LiveSubscription> known = subscriptions.find(task.subscription());
        if (known.isPresent()) {
            return deliver(task, trace, known);
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
            .thenCompose(found -> deliver(task, trace, found));
    }

    private CompletableFuture<Void> deliver(final DeliveryTask task, final Context trace, final Optional<LiveSubscription> found) {
        try (LogContext ignored = logContext(task, trace)) {
            if (found.isEmpty()) {
                return dead(task, null, DlqReason.UNKNOWN_SUBSCRIPTION, "subscription " + task.subscription() + " does not exist");
            }
            if (!found.get().enabled()) {
                return dead(task, null, DlqReason.SUBSCRIPTION_DISABLED, "subscription " + task.subscription() + " is disabled");
            }
            final SubscriptionConfig subscription = found.get().config();
            final SubscriptionLane lane = lanes.compute(subscription.id(), (id, current) -> current != null && current.fits(subscription)
                ? current
                : new Lane(new SubscriptionLane(subscription.maxInFlight(), subscription.rateLimitPerSecond(), slowAfter(subscription),
                    subscription.tenant().map(tenantBuckets::get).orElse(null), timer),
                    subscription.maxInFlight(), subscription.rateLimitPerSecond(), subscription.timeout())).lane();
            return lane.submit(new SubscriptionLane.Job(signal -> attempt(subscription, task, trace, signal), () -> defer(task, trace)));
        } catch (RuntimeException e) {
            LOG.error("Could not start delivery subscription={} deliveryId={}", task.subscription(), task.deliveryId(), e);
            return dead(task, null, DlqReason.DELIVERY_ERROR, "the delivery could not start: " + e);
        }
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
        metrics.malformed(record.topic());
        LOG.error("Dead-lettering a record that is not a delivery task: topic={} partition={} offset={}: {}", record.topic(),
            record.partition(), record.offset(), why);
        // Base64 grows the value by a third; what would not fit is left out, with its length.
        final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        final UnreadableRecord kept = UnreadableRecord.of(record.topic(), record.partition(), record.offset(), key,
            record.headers(), record.value(), limits.maxEnvelopeBytes() / 4 * 3);
        final DlqEntry entry = new DlqEntry(DlqEntry.SCHEMA_VERSION, "dlq_" + dlqIds.next(), DlqReason.MALFORMED_TASK, why,
            clock.instant(), null, kept);
        return handOff.send(topics.deadLetters().record(key, entry));
    }

    /** Defers the queued tasks of stuck endpoints; the dispatcher calls it a few times a second. */
    void deferStuck() {
        if (config.dispatch().retryDelays().isEmpty()) {
            // No retry tier to wait in: tasks of a stuck endpoint wait their turn in its lane.
            return;
        }
        lanes.forEach((id, lane) -> lane.lane().deferIfStuck(config.dispatch().maxQueuedPerSubscription(), stall(id)));
    }

    private CompletableFuture<Void> attempt(final SubscriptionConfig subscription, final DeliveryTask task, final Context trace,
                                            final Consumer<SubscriptionLane.Signal> signal) {
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
            signal.accept(signalOf(outcome));
            try (LogContext ignored = logContext(task, trace)) {
                return settle(task, trace, span, startedAt, outcome);
            }
        });
    }

    /** The ids of {@code task} (and its trace) on the log lines written while it is handled on this thread. */
    private static LogContext logContext(final DeliveryTask task, final Context trace) {
        return LogContext.of(LogContext.SUBSCRIPTION, task.subscription()).and(LogContext.DELIVERY_ID, task.deliveryId())
            .and(LogContext.SOURCE, task.eventRef().source()).and(LogContext.EVENT_ID, task.eventRef().eventId())
            .and(LogContext.INGRESS_ID, task.eventRef().ingressId()).andTrace(trace);
    }

    /** What an outcome says of the endpoint's capacity: a timeout, 429 or 5xx means slow down. */
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

    private CompletableFuture<Void> settle(final DeliveryTask task, final Context trace, final Span span, final Instant startedAt,
                                           final HttpOutcome outcome) {
        final Instant now = clock.instant();
        final Duration took = Duration.between(startedAt, now);
        final DeliveryAttempt attempt = outcome.status() > 0
            ? DeliveryAttempt.answered(task.attempt(), startedAt, outcome.status(), took.toMillis()).withResponse(outcome.response())
            : DeliveryAttempt.failed(task.attempt(), startedAt, outcome.error(), took.toMillis());
        final Verdict verdict = ladder.after(task.attempt(), outcome, now);
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
            dead(task, attempt, dead.reason(), dead.detail()));
    }

    /** Hands {@code task} to a retry tier; should Kafka refuse it for good, it goes to the DLQ instead. */
    private CompletableFuture<Void> handOn(final String topic, final DeliveryTask task, final Context trace) {
        return handOff.send(AttemptTracing.carry(trace, topics.tasks(topic).record(task.subscription(), task)))
            .exceptionallyCompose(error -> HandOff.refused(error)
                ? dead(task, null, DlqReason.DELIVERY_ERROR, "the hand-off to " + topic + " was refused: " + error.getMessage())
                : CompletableFuture.failedFuture(error));
    }

    private CompletableFuture<Void> dead(final DeliveryTask task, final DeliveryAttempt attempt, final DlqReason reason, final String detail) {
        final DeliveryTask finalTask = attempt == null ? task : task.after(attempt, clock.instant());
        final DlqEntry entry = new DlqEntry("dlq_" + dlqIds.next(), reason, detail, clock.instant(), finalTask);
        metrics.dead(task.subscription(), reason);
        if (reason == DlqReason.GONE) {
            LOG.warn("Endpoint of subscription={} answered 410 Gone; deliveryId={} goes to the DLQ. Remove or fix the subscription.",
                task.subscription(), task.deliveryId());
        } else {
            LOG.warn("Dead-lettered subscription={} deliveryId={} source={} eventId={} reason={} detail={}", task.subscription(),
                task.deliveryId(), task.eventRef().source(), task.eventRef().eventId(), reason.code(), detail);
        }
        final ProducerRecord<byte[], byte[]> record = topics.deadLetters().record(task.subscription(), entry);
        if (record.value().length > limits.maxRecordBytes()) {
            return deadWithoutEnvelope(entry, "the entry would be " + record.value().length + " bytes");
        }
        return handOff.send(record)
            .exceptionallyCompose(error -> HandOff.refused(error)
                ? deadWithoutEnvelope(entry, error.getMessage())
                : CompletableFuture.failedFuture(error));
    }

    /** The entry without the envelope: small enough for any topic, so the task still ends accounted for. */
    private CompletableFuture<Void> deadWithoutEnvelope(final DlqEntry entry, final String why) {
        LOG.error("DLQ entry id={} subscription={} deliveryId={} kept without its envelope: {}", entry.id(), entry.subscription(),
            entry.task().deliveryId(), why);
        final DlqEntry minimal = new DlqEntry(entry.schemaVersion(), entry.id(), entry.reason(),
            entry.detail() + " (envelope not kept: " + why + ")", entry.deadAt(), entry.task().withoutEnvelope(), null);
        return handOff.send(topics.deadLetters().record(entry.subscription(), minimal));
    }

    private static String describe(final HttpOutcome outcome) {
        return outcome.status() > 0 ? Integer.toString(outcome.status()) : outcome.error();
    }
}
