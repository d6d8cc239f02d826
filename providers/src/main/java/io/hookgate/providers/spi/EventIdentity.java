package io.hookgate.providers.spi;

import io.hookgate.core.event.EventIdOrigin;

import java.util.Objects;

/**
 * Who an event is: its id for deduplication, where that id came from, and its type for
 * subscriptions' filters.
 *
 * @param eventId the provider's event or delivery id, or a payload hash
 * @param origin  where {@code eventId} came from
 * @param type    the provider's event type, or null where it has none
 */
public record EventIdentity(String eventId, EventIdOrigin origin, String type) {

    public EventIdentity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(origin, "origin");
        if (eventId.isEmpty()) {
            throw new IllegalArgumentException("empty event id");
        }
    }

    public static EventIdentity fromProvider(final String eventId, final String type) {
        return new EventIdentity(eventId, EventIdOrigin.PROVIDER, type);
    }
}
