package io.hookgate.admin.view;

import java.time.Instant;

/**
 * Which entries to list or replay: any of subscription, source and reason (exact), a time range
 * ({@code since} inclusive, {@code until} exclusive), a page size and the cursor of the previous page.
 */
public record EntryFilter(String subscription, String source, String reason, Instant since, Instant until, int limit, String cursor) {

    public static final int MAX_LIMIT = 1000;

    public EntryFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    public EntryFilter afterCursor(final String next) {
        return new EntryFilter(subscription, source, reason, since, until, limit, next);
    }

    boolean matches(final AdminEntry entry) {
        return (subscription == null || subscription.equals(entry.subscription()))
            && (source == null || source.equals(entry.source()))
            && (reason == null || reason.equals(entry.reason()))
            && (since == null || !entry.at().isBefore(since))
            && (until == null || entry.at().isBefore(until));
    }
}
