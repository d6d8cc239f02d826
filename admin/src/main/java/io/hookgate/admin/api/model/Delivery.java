package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.AttemptOutcome;

import java.time.Instant;
import java.util.List;

/**
 * One delivery (one {@code webhook-id}: one event to one subscription) as the delivery log shows it:
 * where it stands, after how many attempts, and each attempt. Its {@code outcome} is its last
 * attempt's: {@value #DELIVERED}, {@value #RETRYING} (waiting in a retry tier for its next attempt)
 * or {@value #DEAD} (in the DLQ); a replay from the DLQ goes on with the same delivery.
 *
 * @param deliveryId    the {@code webhook-id}
 * @param subscription  the subscription
 * @param source        the event's source
 * @param eventId       the event's id (its provider's)
 * @param event         the event's gateway id
 * @param type          the event's type, or null
 * @param outcome       {@value #DELIVERED}, {@value #RETRYING} or {@value #DEAD}
 * @param attemptCount  how many attempts the log holds
 * @param firstAttemptAt when the first of them started
 * @param lastAttemptAt when the last of them started
 * @param lastStatus    the last attempt's HTTP status, or null
 * @param lastError     the last attempt's error, or null
 * @param nextTier      for {@value #RETRYING}: the tier the task waits in
 * @param nextAttemptAt for {@value #RETRYING}: when its next attempt is due
 * @param dlqReason     for {@value #DEAD}: why it stopped
 * @param attempts      every attempt, oldest first; null in what the index keeps of it (they are kept apart)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"deliveryId", "subscription", "source", "eventId", "event", "type", "outcome", "attemptCount", "firstAttemptAt",
    "lastAttemptAt", "lastStatus", "lastError", "nextTier", "nextAttemptAt", "dlqReason", "attempts"})
public record Delivery(String deliveryId, String subscription, String source, String eventId, String event, String type, String outcome,
                       int attemptCount, Instant firstAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError,
                       String nextTier, Instant nextAttemptAt, String dlqReason, List<LoggedAttempt> attempts) {

    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String DEAD = "dead";
    /** The values of {@code outcome}, as a filter accepts them. */
    public static final List<String> OUTCOMES = List.of(DELIVERED, RETRYING, DEAD);

    /** The outcome of a delivery whose last attempt led to {@code outcome}. */
    public static String outcomeOf(final String attemptOutcome) {
        return AttemptOutcome.RETRY.code().equals(attemptOutcome) ? RETRYING : attemptOutcome;
    }

    /** A delivery whose first logged attempt is {@code attempt} (of {@code entry}). */
    public static Delivery first(final AttemptEntry entry, final LoggedAttempt attempt) {
        return new Delivery(entry.deliveryId(), entry.subscription(), entry.eventRef().source(), entry.eventRef().eventId(),
            entry.eventRef().id(), entry.eventRef().type(), null, 0, attempt.at(), attempt.at(), null, null, null, null, null, null)
            .with(attempt);
    }

    /** This delivery with one attempt more; the latest attempt (by start) says where it stands. */
    public Delivery with(final LoggedAttempt attempt) {
        final Instant first = firstAttemptAt.isBefore(attempt.at()) ? firstAttemptAt : attempt.at();
        if (outcome != null && attempt.at().isBefore(lastAttemptAt)) {
            return new Delivery(deliveryId, subscription, source, eventId, event, type, outcome, attemptCount + 1, first, lastAttemptAt,
                lastStatus, lastError, nextTier, nextAttemptAt, dlqReason, null);
        }
        return new Delivery(deliveryId, subscription, source, eventId, event, type, outcomeOf(attempt.outcome()), attemptCount + 1, first,
            attempt.at(), attempt.status(), attempt.error(), attempt.nextTier(), attempt.nextDueAt(), attempt.dlqReason(), null);
    }

    /** This delivery with its attempts. */
    public Delivery withAttempts(final List<LoggedAttempt> all) {
        return new Delivery(deliveryId, subscription, source, eventId, event, type, outcome, attemptCount, firstAttemptAt, lastAttemptAt,
            lastStatus, lastError, nextTier, nextAttemptAt, dlqReason, List.copyOf(all));
    }
}
