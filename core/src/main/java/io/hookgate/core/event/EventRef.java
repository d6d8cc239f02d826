package io.hookgate.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Objects;

/**
 * Which verified event a record is about, without its payload: what the processor's internal
 * records, delivery tasks and DLQ entries say of their event, so that routing, delivery and
 * accounting never parse an envelope.
 *
 * @param id         the envelope's stable gateway id
 * @param source     the source id
 * @param eventId    the provider's event id, or a payload hash
 * @param type       the event type, or null
 * @param tenant     the source's tenant, or null
 * @param receivedAt when the ingress received the request
 * @param ingressId  the ingress id of the request that carried it (its raw record), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventRef(String id, String source, String eventId, String type, String tenant, Instant receivedAt, String ingressId) {

    public EventRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** {@code {source}:{eventId}}: the key of deduplication and of {@code verified.{source}}. */
    public static String dedupKey(final String source, final String eventId) {
        return source + ":" + eventId;
    }

    /**
     * The dedup key of an event whose id comes from an unsigned header: the hash of the signed body,
     * {@code {source}:sha256:{hex}}, so that one body sent again under another id is a duplicate.
     */
    public static String signedBodyKey(final String source, final byte[] body) {
        return source + ":sha256:" + io.hookgate.core.id.StableIds.sha256Hex(body);
    }

    @JsonIgnore
    public String dedupKey() {
        return dedupKey(source, eventId);
    }
}
