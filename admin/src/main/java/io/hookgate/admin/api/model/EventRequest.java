package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.event.EventRef;

import java.time.Instant;
import java.util.List;

/**
 * The raw request that carried a verified event, as operators see it: what the ingress received,
 * every credential's value redacted as in a rejected
 * entry's copy, and the body's size only (the envelope holds the payload). When the raw record is
 * no longer found, only what the envelope says of it ({@code ingressId}, {@code receivedAt}) and
 * why ({@code unavailable}).
 *
 * @param ingressId     the ingress id of the request
 * @param receivedAt    when the ingress received it
 * @param method        the HTTP method, or null when the record was not found
 * @param clientAddress the client address the ingress saw, or null
 * @param query         the query string, credential values redacted, or null
 * @param headers       the HTTP headers in the order received, credential values redacted, or null
 * @param bodyBytes     the size of the body, or null
 * @param unavailable   why the rest is missing, or null when the record was found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ingressId", "receivedAt", "method", "clientAddress", "query", "headers", "bodyBytes", "unavailable"})
public record EventRequest(String ingressId, Instant receivedAt, String method, String clientAddress, String query,
                           List<RequestCopy.HeaderCopy> headers, Integer bodyBytes, String unavailable) {

    /** The request of {@code event}, as its redacted {@code copy} has it. */
    public static EventRequest of(final EventRef event, final RequestCopy copy) {
        return new EventRequest(event.ingressId(), copy.receivedAt() == null ? event.receivedAt() : copy.receivedAt(), copy.method(),
            copy.client(), copy.query(), copy.headers(), copy.bodyBytes(), null);
    }

    /** What the envelope of {@code event} says of its request, and {@code why} the rest is missing. */
    public static EventRequest unavailable(final EventRef event, final String why) {
        return new EventRequest(event.ingressId(), event.receivedAt(), null, null, null, null, null, why);
    }
}
