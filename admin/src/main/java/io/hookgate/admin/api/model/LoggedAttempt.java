package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.AttemptOutcome;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.SubscriberResponse;

import java.time.Instant;

/**
 * One attempt of a delivery as the delivery log shows it: what {@code dispatch.attempts} recorded,
 * and the tier the task waited in before it.
 *
 * @param number     1 for the first attempt (a replay from the DLQ counts afresh from 1)
 * @param at         when it started
 * @param status     the HTTP status the endpoint answered, or null
 * @param error      why no usable answer came, or null
 * @param durationMs how long it took
 * @param tier       where the task waited before it: {@code dispatch} for a first attempt, else the
 *                   retry tier ({@code 5m}) its previous attempt chose; null when that attempt is not in the log
 * @param outcome    what it led to: {@code delivered}, {@code retry} or {@code dead}
 * @param nextTier   for {@code retry}: the tier the task then waited in
 * @param nextDueAt  for {@code retry}: when the next attempt was due
 * @param dlqReason  for {@code dead}: why the delivery stopped
 * @param response   what the endpoint answered beside its status (a few headers, the first KiB of its body), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"number", "at", "status", "error", "durationMs", "tier", "outcome", "nextTier", "nextDueAt", "dlqReason", "response"})
public record LoggedAttempt(int number, Instant at, Integer status, String error, long durationMs, String tier, String outcome,
                            String nextTier, Instant nextDueAt, String dlqReason, SubscriberResponse response) {

    /** The tier of a first attempt: the task came from the {@code dispatch} topic. */
    public static final String FIRST_TIER = "dispatch";

    public static LoggedAttempt of(final AttemptEntry entry, final String tier) {
        return new LoggedAttempt(entry.attempt().number(), entry.attempt().at(), entry.attempt().status(), entry.attempt().error(),
            entry.attempt().durationMs(), tier, entry.outcome().code(), entry.nextTier(), entry.nextDueAt(),
            entry.dlqReason() == null ? null : entry.dlqReason().code(), entry.attempt().response());
    }

    /** {@code attempt} as a DLQ entry keeps it: without the tier and outcome, which only the delivery log records. */
    public static LoggedAttempt of(final DeliveryAttempt attempt) {
        return new LoggedAttempt(attempt.number(), attempt.at(), attempt.status(), attempt.error(), attempt.durationMs(), null, null, null,
            null, null, attempt.response());
    }

    /** Whether the endpoint took it (2xx). */
    @JsonIgnore
    public boolean delivered() {
        return AttemptOutcome.DELIVERED.code().equals(outcome);
    }
}
