package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The outcome of one attempt to deliver a task: the HTTP status the endpoint answered, or the
 * error that prevented an answer (timeout, connection refused, refused address), and what the
 * endpoint said beside its status (a few headers, the start of its body), when it answered.
 *
 * @param number     1 for the first attempt
 * @param at         when the attempt started
 * @param status     the HTTP status, or null when there was none
 * @param error      why there was no usable answer, or null
 * @param durationMs how long the attempt took
 * @param response   what the endpoint answered beside its status (bounded: {@link SubscriberResponse}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(int number, Instant at, Integer status, String error, long durationMs, SubscriberResponse response) {

    public DeliveryAttempt {
        // Times travel as epoch milliseconds in task headers: keep no finer precision than survives the trip.
        at = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** An attempt without a response excerpt. */
    public DeliveryAttempt(final int number, final Instant at, final Integer status, final String error, final long durationMs) {
        this(number, at, status, error, durationMs, null);
    }

    public static DeliveryAttempt answered(final int number, final Instant at, final int status, final long durationMs) {
        return new DeliveryAttempt(number, at, status, null, durationMs);
    }

    public static DeliveryAttempt failed(final int number, final Instant at, final String error, final long durationMs) {
        return new DeliveryAttempt(number, at, null, error, durationMs);
    }

    /** This attempt with what the endpoint answered beside its status ({@code response} may be null: none). */
    public DeliveryAttempt withResponse(final SubscriberResponse excerpt) {
        return new DeliveryAttempt(number, at, status, error, durationMs, excerpt);
    }
}
