package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.event.EventRef;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery attempt and what it led to: what {@code dispatch.attempts} carries, keyed by
 * subscription id, successes included, so that the delivery log can answer whether, when and after
 * how many attempts a subscription got an event. Small by design: no envelope, no secret.
 *
 * @param schemaVersion version of this record's shape
 * @param deliveryId    the {@code webhook-id}, the same for every attempt of one delivery
 * @param subscription  the subscription id
 * @param eventRef      which event was delivered
 * @param attempt       the attempt: its number, start, status or error, duration, and what the endpoint answered beside
 *                      its status ({@link SubscriberResponse}: a few headers, the first KiB of its body)
 * @param outcome       delivered, retry or dead
 * @param nextTier      for {@code retry}: the retry tier the task waits in (its delay, {@code 30s}), or {@value #PARKED}
 *                      when the attempt disabled the subscription (a 410 Gone) and the task waits parked until it is enabled
 * @param nextDueAt     for {@code retry}: when the next attempt is due
 * @param dlqReason     for {@code dead}: why the delivery stopped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "deliveryId", "subscription", "outcome", "attempt", "nextTier", "nextDueAt", "dlqReason", "eventRef"})
public record AttemptEntry(int schemaVersion, String deliveryId, String subscription, EventRef eventRef, DeliveryAttempt attempt,
                           AttemptOutcome outcome, String nextTier, Instant nextDueAt, DlqReason dlqReason) {

    public static final int SCHEMA_VERSION = 1;
    /** The {@code nextTier} of a task that waits parked rather than in a retry tier. */
    public static final String PARKED = "parked";

    public AttemptEntry {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(eventRef, "eventRef");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** {@code attempt} of {@code task} delivered it. */
    public static AttemptEntry delivered(final DeliveryTask task, final DeliveryAttempt attempt) {
        return new AttemptEntry(SCHEMA_VERSION, task.deliveryId(), task.subscription(), task.eventRef(), attempt,
            AttemptOutcome.DELIVERED, null, null, null);
    }

    /** {@code attempt} of {@code task} failed; the task waits in {@code tier} until {@code dueAt}. */
    public static AttemptEntry retry(final DeliveryTask task, final DeliveryAttempt attempt, final String tier, final Instant dueAt) {
        return new AttemptEntry(SCHEMA_VERSION, task.deliveryId(), task.subscription(), task.eventRef(), attempt,
            AttemptOutcome.RETRY, Objects.requireNonNull(tier, "tier"), Objects.requireNonNull(dueAt, "dueAt"), null);
    }

    /** {@code attempt} of {@code task} ended it in the DLQ for {@code reason}. */
    public static AttemptEntry dead(final DeliveryTask task, final DeliveryAttempt attempt, final DlqReason reason) {
        return new AttemptEntry(SCHEMA_VERSION, task.deliveryId(), task.subscription(), task.eventRef(), attempt,
            AttemptOutcome.DEAD, null, null, Objects.requireNonNull(reason, "reason"));
    }
}
