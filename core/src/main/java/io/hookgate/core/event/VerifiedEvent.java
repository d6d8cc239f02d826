package io.hookgate.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * The verified-event envelope: what {@code verified.{source}} carries, keyed
 * {@code {source}:{eventId}}, and the body of every outbound webhook. Documented in
 * {@code topology-docs/}; only ever extended compatibly (readers ignore fields they do not know),
 * and {@link #schemaVersion} changes only on an incompatible change.
 *
 * @param schemaVersion version of this envelope's shape, {@value #SCHEMA_VERSION}
 * @param id            stable gateway id, the same for every copy of the same (source, eventId)
 * @param source        the source id
 * @param provider      the verification scheme of the source
 * @param tenant        the source's tenant, or null
 * @param eventId       the provider's event id, or a payload hash
 * @param eventIdOrigin where {@code eventId} came from
 * @param type          the provider's event type, or null where it has none
 * @param receivedAt    when the ingress received the request
 * @param verifiedAt    when the processor verified it
 * @param ingressId     the ingress id of the request that carried it
 * @param payload       the provider's JSON (form bodies as an object of their fields)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "id", "source", "provider", "tenant", "eventId", "eventIdOrigin", "type",
    "receivedAt", "verifiedAt", "ingressId", "payload"})
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
    JsonNode payload) {

    public static final int SCHEMA_VERSION = 1;

    public VerifiedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventIdOrigin, "eventIdOrigin");
    }

    /** The key of this event in {@code verified.{source}}, and of deduplication: {@code {source}:{eventId}}. */
    public String dedupKey() {
        return source + ":" + eventId;
    }
}
