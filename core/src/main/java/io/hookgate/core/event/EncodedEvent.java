package io.hookgate.core.event;

import io.hookgate.core.json.RawJson;

import java.util.Objects;

/**
 * A verified event as it travels after verification: its envelope written once ({@link EnvelopeJson})
 * and who it is ({@link EventRef}), so that deduplication, routing and delivery read the ref and
 * pass the bytes on untouched. In a record the envelope is the value and the ref its headers
 * ({@link EncodedEventSerde}).
 */
public record EncodedEvent(EventRef ref, RawJson envelope) {

    public EncodedEvent {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(envelope, "envelope");
    }

    /** {@code event}, its envelope written now. */
    public static EncodedEvent of(final VerifiedEvent event) {
        return new EncodedEvent(event.ref(), RawJson.trusted(EnvelopeJson.write(event)));
    }
}
