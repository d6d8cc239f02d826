package io.hookgate.admin.internals.events;

import io.hookgate.admin.api.model.EventRequest;
import io.hookgate.admin.api.model.RequestCopy;
import io.hookgate.admin.internals.errors.Gone;
import io.hookgate.admin.internals.errors.Unavailable;
import io.hookgate.admin.internals.replay.OriginalRecords;
import io.hookgate.admin.internals.view.EventStore;
import io.hookgate.admin.internals.view.Redaction;
import io.hookgate.admin.internals.view.VerifiedRef;
import io.hookgate.core.event.EncodedEvent;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;

/**
 * Reads a verified event back: its envelope from {@code verified.{source}} at the ref the admin
 * index keeps, decoded as the dispatcher decodes it ({@link Topics#verifiedEvents}), and the raw
 * request that carried it ({@link RawRequests}), its credentials {@link Redaction redacted}. Only
 * the envelope is required: a raw request no longer found, or not found because Kafka did not
 * answer, is answered as {@link EventRequest#unavailable}.
 */
public final class EventReader {

    private final EventStore events;
    private final OriginalRecords records;
    private final RawRequests requests;
    private final Redaction redaction;
    private final Topics topics;

    public EventReader(final EventStore events, final OriginalRecords records, final RawRequests requests, final Redaction redaction,
                       final Topics topics) {
        this.events = events;
        this.records = records;
        this.requests = requests;
        this.redaction = redaction;
        this.topics = topics;
    }

    /**
     * Event {@code eventId} of {@code source}, or empty when the admin index never saw it (or forgot
     * it with the verified topic's retention).
     *
     * @throws Gone        when its envelope is no longer in Kafka, or another record is at its place
     * @throws Unavailable when Kafka does not answer for its envelope
     */
    public Optional<FoundEvent> read(final String source, final String eventId) {
        final Optional<VerifiedRef> ref = events.get(source, eventId);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        final EncodedEvent event = envelope(ref.get(), source, eventId);
        return Optional.of(new FoundEvent(event, request(event.ref())));
    }

    private EncodedEvent envelope(final VerifiedRef ref, final String source, final String eventId) {
        final ConsumerRecord<byte[], byte[]> record;
        try {
            record = records.fetch(ref.original());
        } catch (Gone e) {
            throw new Gone("the envelope of event " + eventId + " of " + source + " is no longer in Kafka: " + e.getMessage());
        }
        final EncodedEvent event;
        try {
            event = topics.verifiedEvents(ref.topic()).value(record);
        } catch (RuntimeException e) {
            throw new Gone("the record at " + ref.topic() + " partition " + ref.partition() + " offset " + ref.offset()
                + " is no longer an envelope (was the topic recreated?): " + e.getMessage());
        }
        if (event == null || !event.ref().source().equals(source) || !event.ref().eventId().equals(eventId)) {
            throw new Gone("the record at " + ref.topic() + " partition " + ref.partition() + " offset " + ref.offset()
                + " is no longer event " + eventId + " of " + source + " (was the topic recreated?)");
        }
        return event;
    }

    private EventRequest request(final EventRef event) {
        if (event.ingressId() == null) {
            return EventRequest.unavailable(event, "the envelope names no ingress id");
        }
        try {
            return requests.find(event).map(raw -> EventRequest.of(event, redaction.copyOf(raw)))
                .orElseGet(() -> EventRequest.unavailable(event, "the raw request is no longer in " + topics.raw()
                    + " (its retention deleted it) or not where its receive time says"));
        } catch (Unavailable e) {
            return EventRequest.unavailable(event, e.getMessage());
        }
    }
}
