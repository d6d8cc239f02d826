package io.hookgate.admin.api;

import io.hookgate.admin.view.EntryFilter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.TreeSet;

/** Reads an {@link EntryFilter} from a request, checking each value against what the {@link Listing} accepts. */
final class Filters {

    static final String SUBSCRIPTION = "subscription";
    static final String SOURCE = "source";
    static final String REASON = "reason";
    static final String EVENT_ID = "eventId";
    static final String SINCE = "since";
    static final String UNTIL = "until";

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
        final Instant since = instant(input, SINCE);
        Instant until = instant(input, UNTIL);
        if (latestUntil != null && (until == null || until.isAfter(latestUntil))) {
            until = latestUntil;
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw input.invalid(SINCE, "must be before until (" + until + ")");
        }
        return new EntryFilter(input.text(SUBSCRIPTION), input.text(SOURCE), reason, input.text(EVENT_ID), since, until, limit, cursor);
    }

    /** Whether {@code input} names at least one filter. */
    static boolean any(final Input input, final Listing listing) {
        return listing.filters().stream().anyMatch(name -> input.text(name) != null);
    }

    private static Instant instant(final Input input, final String name) {
        final String text = input.text(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw input.invalid(name, "not an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        }
    }
}
