package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The outcome of one attempt to deliver a task: the HTTP status the endpoint answered, or the
 * error that prevented an answer (timeout, connection refused, refused address).
 *
 * @param number     1 for the first attempt
 * @param at         when the attempt started
 * @param status     the HTTP status, or null when there was none
 * @param error      why there was no usable answer, or null
 * @param durationMs how long the attempt took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(int number, Instant at, Integer status, String error, long durationMs) {

    public DeliveryAttempt {
        // Times travel as epoch milliseconds in task headers: keep no finer precision than survives the trip.
        at = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    public static DeliveryAttempt answered(final int number, final Instant at, final int status, final long durationMs) {
        return new DeliveryAttempt(number, at, status, null, durationMs);
    }

    public static DeliveryAttempt failed(final int number, final Instant at, final String error, final long durationMs) {
        return new DeliveryAttempt(number, at, null, error, durationMs);
    }
}
