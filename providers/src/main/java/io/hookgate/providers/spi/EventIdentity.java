package io.hookgate.providers.spi;

import io.hookgate.core.event.EventIdOrigin;

import java.util.Objects;

/**
 * Who an event is: its id for deduplication, where that id came from, its type for
 * subscriptions' filters, and whether the signature covered the id.
 *
 * @param eventId   the provider's event or delivery id, or a payload hash
 * @param origin    where {@code eventId} came from
 * @param type      the provider's event type, or null where it has none
 * @param idSigned  whether the signature covers {@code eventId} (and {@code type}); when not (an id
 *                  in an unsigned header), one signed body could be sent again under any id, so
 *                  the processor deduplicates it by the hash of what was signed instead
 */
public record EventIdentity(String eventId, EventIdOrigin origin, String type, boolean idSigned) {

    public EventIdentity {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(origin, "origin");
        if (eventId.isEmpty()) {
            throw new IllegalArgumentException("empty event id");
        }
    }

    /** An id (and type) read from what the signature covers. */
    public static EventIdentity fromProvider(final String eventId, final String type) {
        return new EventIdentity(eventId, EventIdOrigin.PROVIDER, type, true);
    }

    /** An id (and type) read from headers the signature does not cover. */
    public static EventIdentity fromUnsignedHeader(final String eventId, final String type) {
        return new EventIdentity(eventId, EventIdOrigin.PROVIDER, type, false);
    }
}
