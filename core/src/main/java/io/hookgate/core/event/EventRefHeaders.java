package io.hookgate.core.event;

import io.hookgate.core.kafka.HeaderText;
import org.apache.kafka.common.header.Headers;

/**
 * An {@link EventRef} as Kafka headers, beside an envelope or a task: the processor's internal
 * records, {@code verified.{source}} and {@code dispatch} carry them, so routing and delivery read
 * who an event is without parsing its envelope (and consumers may filter on them too).
 */
public final class EventRefHeaders {

    public static final String ID = "hookgate.event.id";
    public static final String SOURCE = "hookgate.event.source";
    public static final String EVENT_ID = "hookgate.event.event-id";
    public static final String TYPE = "hookgate.event.type";
    public static final String TENANT = "hookgate.event.tenant";
    public static final String RECEIVED_AT = "hookgate.event.received-at";
    public static final String INGRESS_ID = "hookgate.event.ingress-id";

    private EventRefHeaders() {
    }

    public static Headers write(final Headers headers, final EventRef ref) {
        HeaderText.put(headers, ID, ref.id());
        HeaderText.put(headers, SOURCE, ref.source());
        HeaderText.put(headers, EVENT_ID, ref.eventId());
        HeaderText.put(headers, TYPE, ref.type());
        HeaderText.put(headers, TENANT, ref.tenant());
        HeaderText.putInstant(headers, RECEIVED_AT, ref.receivedAt());
        HeaderText.put(headers, INGRESS_ID, ref.ingressId());
        return headers;
    }

    /** @throws HeaderText.MalformedHeaderException when a required header is missing or unreadable */
    public static EventRef read(final Headers headers) {
        return new EventRef(HeaderText.required(headers, ID), HeaderText.required(headers, SOURCE),
            HeaderText.required(headers, EVENT_ID), HeaderText.last(headers, TYPE), HeaderText.last(headers, TENANT),
            HeaderText.requiredInstant(headers, RECEIVED_AT), HeaderText.last(headers, INGRESS_ID));
    }
}
