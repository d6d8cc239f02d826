package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.Delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which deliveries to list: any of subscription, source, event id and outcome (exact), a time range
 * over their last attempt ({@code since} inclusive, {@code until} exclusive), a page size, the
 * cursor of the previous page, and the {@code scope} of deliveries the caller may see at all.
 */
public record DeliveryFilter(String subscription, String source, String eventId, String outcome, Instant since, Instant until, int limit,
                             String cursor, Predicate<Delivery> scope) {

    public DeliveryFilter {
        if (limit < 1 || limit > EntryFilter.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + EntryFilter.MAX_LIMIT);
        }
        Objects.requireNonNull(scope, "scope");
    }

    /** A filter over every delivery (no scope). */
    public DeliveryFilter(final String subscription, final String source, final String eventId, final String outcome, final Instant since,
                          final Instant until, final int limit, final String cursor) {
        this(subscription, source, eventId, outcome, since, until, limit, cursor, delivery -> true);
    }

    public DeliveryFilter afterCursor(final String next) {
        return new DeliveryFilter(subscription, source, eventId, outcome, since, until, limit, next, scope);
    }

    boolean matches(final Delivery delivery) {
        return (subscription == null || subscription.equals(delivery.subscription()))
            && (source == null || source.equals(delivery.source()))
            && (eventId == null || eventId.equals(delivery.eventId()))
            && (outcome == null || outcome.equals(delivery.outcome()))
            && (since == null || !delivery.lastAttemptAt().isBefore(since))
            && (until == null || delivery.lastAttemptAt().isBefore(until))
            && scope.test(delivery);
    }
}
