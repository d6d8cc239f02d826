package io.hookgate.dispatcher.http;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP attempt produced: a status (with the {@code Retry-After} the endpoint asked for),
 * or an error without a status.
 *
 * @param status     the HTTP status, or 0 when there was none
 * @param retryAfter the wait the endpoint asked for, if any
 * @param error      why there is no status, or null
 * @param refused    whether the error is a refused address (SSRF guard)
 */
public record HttpOutcome(int status, Optional<Duration> retryAfter, String error, boolean refused) {

    public static HttpOutcome answered(final int status, final Optional<Duration> retryAfter) {
        return new HttpOutcome(status, retryAfter, null, false);
    }

    public static HttpOutcome failed(final String error) {
        return new HttpOutcome(0, Optional.empty(), error, false);
    }

    public static HttpOutcome refused(final String error) {
        return new HttpOutcome(0, Optional.empty(), error, true);
    }
}
