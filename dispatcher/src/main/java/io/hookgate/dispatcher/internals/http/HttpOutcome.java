package io.hookgate.dispatcher.internals.http;

import io.hookgate.core.delivery.SubscriberResponse;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP attempt produced: a status (with the {@code Retry-After} the endpoint asked for, and
 * an excerpt of the rest of its answer), or an error without a status.
 *
 * @param status     the HTTP status, or 0 when there was none
 * @param retryAfter the wait the endpoint asked for, if any
 * @param error      why there is no status, or null
 * @param refused    whether the error is a refused address (SSRF guard)
 * @param response   a few of the answer's headers and the start of its body, or null (no answer, or none read)
 */
public record HttpOutcome(int status, Optional<Duration> retryAfter, String error, boolean refused, SubscriberResponse response) {

    public static HttpOutcome answered(final int status, final Optional<Duration> retryAfter) {
        return answered(status, retryAfter, null);
    }

    public static HttpOutcome answered(final int status, final Optional<Duration> retryAfter, final SubscriberResponse response) {
        return new HttpOutcome(status, retryAfter, null, false, response);
    }

    public static HttpOutcome failed(final String error) {
        return new HttpOutcome(0, Optional.empty(), error, false, null);
    }

    public static HttpOutcome refused(final String error) {
        return new HttpOutcome(0, Optional.empty(), error, true, null);
    }
}
