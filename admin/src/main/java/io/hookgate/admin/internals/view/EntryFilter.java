package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.AdminEntry;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which entries to list or replay: any of subscription, source, reason and event id (exact), a
 * time range ({@code since} inclusive, {@code until} exclusive), a page size, the cursor of the
 * previous page, and the {@code scope} of entries the caller may see at all (a tenant sees only its own).
 */
public record EntryFilter(String subscription, String source, String reason, String eventId, Instant since, Instant until, int limit,
                          String cursor, Predicate<AdminEntry> scope) {

    public static final int MAX_LIMIT = 1000;
    private static final Predicate<AdminEntry> EVERY_ENTRY = entry -> true;

    public EntryFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        Objects.requireNonNull(scope, "scope");
    }

    /** A filter over every entry (no scope). */
    public EntryFilter(final String subscription, final String source, final String reason, final String eventId, final Instant since,
                       final Instant until, final int limit, final String cursor) {
        this(subscription, source, reason, eventId, since, until, limit, cursor, EVERY_ENTRY);
    }

    /** A filter over every entry (no scope), whatever its event id. */
    public EntryFilter(final String subscription, final String source, final String reason, final Instant since, final Instant until,
                       final int limit, final String cursor) {
        this(subscription, source, reason, null, since, until, limit, cursor);
    }

    public EntryFilter afterCursor(final String next) {
        return new EntryFilter(subscription, source, reason, eventId, since, until, limit, next, scope);
    }

    /** This filter, matching only the entries {@code visible} accepts too. */
    public EntryFilter within(final Predicate<AdminEntry> visible) {
        return new EntryFilter(subscription, source, reason, eventId, since, until, limit, cursor, scope.and(visible));
    }

    boolean matches(final AdminEntry entry) {
        return (subscription == null || subscription.equals(entry.subscription()))
            && (source == null || source.equals(entry.source()))
            && (reason == null || reason.equals(entry.reason()))
            && (eventId == null || eventId.equals(entry.eventId()))
            && (since == null || !entry.at().isBefore(since))
            && (until == null || entry.at().isBefore(until))
            && scope.test(entry);
    }
}
