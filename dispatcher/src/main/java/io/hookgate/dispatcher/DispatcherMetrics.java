package io.hookgate.dispatcher;

import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.metrics.MeterCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The dispatcher's business metrics, by subscription and its tenant (empty for none). */
final class DispatcherMetrics {

    /** Why a task was parked: its breaker is open. */
    static final String PARKED_BREAKER = "breaker";
    /** Why a task was parked: its subscription is disabled. */
    static final String PARKED_DISABLED = "disabled";
    /** Why a task was parked: older tasks of its subscription wait parked, and it keeps its place behind them. */
    static final String PARKED_BACKLOG = "backlog";

    private final MeterRegistry registry;
    private final MeterCache meters = new MeterCache();
    /** The value of each subscription's breaker gauge, which holds it strongly. */
    private final Map<String, AtomicInteger> breakerStates = new ConcurrentHashMap<>();

    private final Function<String, String> tenantOf;

    DispatcherMetrics(final MeterRegistry registry) {
        this(registry, subscription -> "");
    }

    /** @param tenantOf the tenant of a subscription, empty for none: every meter of a subscription carries it */
    DispatcherMetrics(final MeterRegistry registry, final Function<String, String> tenantOf) {
        this.registry = registry;
        this.tenantOf = tenantOf;
    }

    private Tags of(final String subscription) {
        return Tags.of("subscription", subscription, "tenant", tenantOf.apply(subscription));
    }

    /**
     * The counters that alerts watch, at zero for each of {@code subscriptions}: a counter that first
     * appears at 1 hides that first increase from {@code increase()} and {@code rate()}, so the first
     * DLQ entry of a subscription would never alert.
     */
    void startAtZero(final Collection<String> subscriptions) {
        for (String subscription : subscriptions) {
            for (String outcome : List.of("delivered", "retry", "dlq")) {
                deliveries(subscription, outcome);
            }
            for (DlqReason reason : DlqReason.values()) {
                deadLetters(subscription, reason);
            }
            deferrals(subscription);
            for (String reason : List.of(PARKED_BREAKER, PARKED_DISABLED, PARKED_BACKLOG)) {
                parkings(subscription, reason);
            }
            transitions(subscription, "open");
            disableFailures(subscription);
        }
    }

    private Counter disableFailures(final String subscription) {
        return meters.get("disable failed " + subscription, () -> Counter.builder("hookgate.subscriptions.disable.failures")
            .description("Subscriptions the dispatcher was to disable (410 Gone, breaker open for disableAfter) and could not: the "
                + "subscriptions topic could not be read to its end, or written; asked again by a later task")
            .tags(of(subscription)).register(registry));
    }

    /** {@code subscription} was to be disabled and could not be. */
    void disableFailed(final String subscription) {
        disableFailures(subscription).increment();
    }

    private Counter parkings(final String subscription, final String reason) {
        return meters.get("parked " + subscription + " " + reason, () -> Counter.builder("hookgate.deliveries.parked")
            .description("Tasks handed to the park topic without an attempt (a parked task due again and still waiting counts again), "
                + "by reason: breaker, disabled, backlog")
            .tags(of(subscription)).tag("reason", reason).register(registry));
    }

    private Counter transitions(final String subscription, final String to) {
        return meters.get("breaker " + subscription + " " + to, () -> Counter.builder("hookgate.breaker.transitions")
            .description("Changes of a subscription's breaker, by the state it went to (open, half_open, closed)")
            .tags(of(subscription)).tag("to", to).register(registry));
    }

    void parked(final String subscription, final String reason) {
        parkings(subscription, reason).increment();
    }

    /** The breaker of {@code subscription} is in {@code state} now: 0 closed, 1 open, 2 half-open. */
    void breaker(final String subscription, final int state) {
        breakerStates.computeIfAbsent(subscription, id -> {
            final AtomicInteger value = new AtomicInteger();
            Gauge.builder("hookgate.breaker.state", value, AtomicInteger::get)
                .description("State of the subscription's breaker in this dispatcher: 0 closed, 1 open, 2 half-open")
                .tags(of(id)).strongReference(true).register(registry);
            return value;
        }).set(state);
    }

    /** The breaker of {@code subscription} went {@code to} a state ({@code open}, {@code half_open}, {@code closed}) of gauge {@code state}. */
    void breakerChanged(final String subscription, final String to, final int state) {
        transitions(subscription, to).increment();
        breaker(subscription, state);
    }

    private Counter deliveries(final String subscription, final String outcome) {
        return meters.get("attempt " + subscription + " " + outcome, () -> Counter.builder("hookgate.deliveries")
            .description("Delivery attempts, by outcome (delivered, retry, dlq, parked: a 410 disabled the subscription)")
            .tags(of(subscription)).tag("outcome", outcome).register(registry));
    }

    private Counter deadLetters(final String subscription, final DlqReason reason) {
        return meters.get("dlq " + subscription + " " + reason.code(), () -> Counter.builder("hookgate.dlq")
            .description("Deliveries put in the DLQ, by reason")
            .tags(of(subscription)).tag("reason", reason.code()).register(registry));
    }

    private Counter deferrals(final String subscription) {
        return meters.get("deferred " + subscription, () -> Counter.builder("hookgate.deliveries.deferred")
            .description("Tasks parked in a retry tier because their endpoint's backlog was full")
            .tags(of(subscription)).register(registry));
    }

    void attempt(final String subscription, final String outcome, final Duration took) {
        deliveries(subscription, outcome).increment();
        meters.<Timer>get("latency " + subscription, () -> Timer.builder("hookgate.delivery.latency").description("Time of one delivery attempt")
            .tags(of(subscription)).publishPercentileHistogram().register(registry)).record(took);
    }

    void delivered(final String subscription, final Duration sinceReceived) {
        meters.<Timer>get("end-to-end " + subscription, () -> Timer.builder("hookgate.delivery.end_to_end")
            .description("From ingress receive to successful delivery")
            .tags(of(subscription)).publishPercentileHistogram().register(registry)).record(sinceReceived);
    }

    void retried(final String subscription, final String tier) {
        Counter.builder("hookgate.retries").description("Deliveries handed to a retry tier")
            .tags(of(subscription)).tag("tier", tier).register(registry).increment();
    }

    void deferred(final String subscription) {
        deferrals(subscription).increment();
    }

    void dead(final String subscription, final DlqReason reason) {
        deadLetters(subscription, reason).increment();
    }

    void attemptNotLogged(final String subscription) {
        Counter.builder("hookgate.attempts.unlogged").description("Attempts whose dispatch.attempts entry Kafka refused")
            .tags(of(subscription)).register(registry).increment();
    }

    void malformed(final String topic) {
        Counter.builder("hookgate.dispatch.malformed").description("Task records that could not be read")
            .tag("topic", topic).register(registry).increment();
    }
}
