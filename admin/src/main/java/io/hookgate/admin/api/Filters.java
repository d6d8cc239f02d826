package io.hookgate.admin.api;

import io.hookgate.admin.internals.view.EntryFilter;

import java.time.Instant;
import java.util.TreeSet;

/** Reads an {@link EntryFilter} from a request, checking each value against what the {@link Listing} accepts. */
final class Filters {

    static final String SUBSCRIPTION = "subscription";
    static final String SOURCE = "source";
    static final String REASON = "reason";
    static final String EVENT_ID = "eventId";
    static final String SINCE = TimeRange.SINCE;
    static final String UNTIL = TimeRange.UNTIL;

    private Filters() {
    }

    /**
     * The filter {@code input} names.
     *
     * @param latestUntil when not null, the end of the range is at most this (a bulk replay's arrival time)
     */
    static EntryFilter read(final Input input, final Listing listing, final int limit, final String cursor, final Instant latestUntil) {
        final String reason = input.text(REASON);
        if (reason != null && !listing.reasons().contains(reason)) {
            throw input.invalid(REASON, "unknown " + listing.name() + " reason '" + reason + "'"
                + DidYouMean.hint(reason, new TreeSet<>(listing.reasons())));
        }
        final TimeRange range = TimeRange.read(input, latestUntil);
        return new EntryFilter(input.text(SUBSCRIPTION), input.text(SOURCE), reason, input.text(EVENT_ID), range.since(), range.until(), limit,
            cursor);
    }

    /** Whether {@code input} names at least one filter. */
    static boolean any(final Input input, final Listing listing) {
        return listing.filters().stream().anyMatch(name -> input.text(name) != null);
    }
}
