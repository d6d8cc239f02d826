package io.hookgate.admin.api;

import java.time.Instant;

/**
 * The time range a listing or a replay names: {@code since} (inclusive) and {@code until}
 * (exclusive), each an ISO-8601 instant or absent, {@code since} before {@code until}.
 */
public record TimeRange(Instant since, Instant until) {

    public static final String SINCE = "since";
    public static final String UNTIL = "until";

    /**
     * The range {@code input} names.
     *
     * @param latestUntil when not null, the end of the range is at most this (a bulk replay's arrival time)
     * @throws io.hookgate.admin.internals.errors.BadRequest naming the value that is not an instant, or {@code since} when it is not before {@code until}
     */
    public static TimeRange read(final Input input, final Instant latestUntil) {
        final Instant since = input.instant(SINCE);
        Instant until = input.instant(UNTIL);
        if (latestUntil != null && (until == null || until.isAfter(latestUntil))) {
            until = latestUntil;
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw input.invalid(SINCE, "must be before until (" + until + ")");
        }
        return new TimeRange(since, until);
    }
}
