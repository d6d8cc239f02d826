package io.hookgate.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.json.RawJson;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verified-event envelope: what {@code verified.{source}} carries, keyed
 * {@code {source}:{eventId}}, and the body of every outbound webhook. Documented in
 * {@code topology-docs/}; only ever extended compatibly (readers ignore fields they do not know),
 * and {@link #schemaVersion} changes only on an incompatible change. The payload is the provider's
 * bytes, embedded unchanged: no number, space or escape of it is ever rewritten.
 *
 * @param schemaVersion   version of this envelope's shape, {@value #SCHEMA_VERSION}
 * @param id              stable gateway id, the same for every copy of the same (source, eventId)
 * @param source          the source id
 * @param provider        the verification scheme of the source
 * @param tenant          the source's tenant, or null
 * @param eventId         the provider's event id, or a payload hash
 * @param eventIdOrigin   where {@code eventId} came from
 * @param type            the provider's event type, or null where it has none
 * @param receivedAt      when the ingress received the request
 * @param verifiedAt      when the processor verified it
 * @param ingressId       the ingress id of the request that carried it
 * @param signatureCovers what the provider's signature covered ({@code body}, {@code timestamp},
 *                        {@code id}, {@code url}, or named fields such as {@code event.event_time});
 *                        empty for senders authenticated by a credential alone. Anything else in
 *                        the envelope (the type from an unsigned header, say) is the sender's word only.
 * @param payload         the provider's JSON as sent (form bodies as an object of their fields)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "id", "source", "provider", "tenant", "eventId", "eventIdOrigin", "type",
    "receivedAt", "verifiedAt", "ingressId", "signatureCovers", "payload"})
public record VerifiedEvent(
    int schemaVersion,
    String id,
    String source,
    String provider,
    String tenant,
    String eventId,
    EventIdOrigin eventIdOrigin,
    String type,
    Instant receivedAt,
    Instant verifiedAt,
    String ingressId,
    List<String> signatureCovers,
    RawJson payload) {

    public static final int SCHEMA_VERSION = 1;

    public VerifiedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventIdOrigin, "eventIdOrigin");
        signatureCovers = signatureCovers == null ? null : List.copyOf(signatureCovers);
    }

    /** The key of this event in {@code verified.{source}}, and of deduplication: {@code {source}:{eventId}}. */
    public String dedupKey() {
        return EventRef.dedupKey(source, eventId);
    }

    /** Who this event is, without its payload. */
    public EventRef ref() {
        return new EventRef(id, source, eventId, type, tenant, receivedAt, ingressId);
    }
}
