package io.hookgate.core.request;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook request exactly as the ingress received it: the body's bytes unchanged, every header,
 * the raw query string, the client address and the receive time, under a unique ingress id.
 * This is what the ingress stores in {@code ingress.raw} and what every verifier checks.
 *
 * @param ingressId     unique id given by the ingress, time-ordered
 * @param source        the source id from the path {@code /webhooks/{source}}
 * @param receivedAt    when the ingress received the request; replay windows count from it
 * @param clientAddress the client's IP address (after trusted-proxy resolution)
 * @param method        the HTTP method
 * @param query         the raw query string without {@code ?}, or empty
 * @param headers       every header as received
 * @param body          the exact body bytes
 */
public record RawRequest(
    String ingressId,
    String source,
    Instant receivedAt,
    String clientAddress,
    String method,
    String query,
    HttpHeaders headers,
    byte[] body) {

    public RawRequest {
        Objects.requireNonNull(ingressId, "ingressId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        clientAddress = clientAddress == null ? "" : clientAddress;
        method = method == null ? "POST" : method;
        query = query == null ? "" : query;
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(final String name) {
        return headers.first(name);
    }

    /** The media type of the body, lower-case without parameters, or empty. */
    public String mediaType() {
        return header("Content-Type")
            .map(value -> value.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT))
            .orElse("");
    }

    /** The body decoded as UTF-8 (malformed bytes replaced); verifiers must use {@link #body()}. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The key of this request in {@code ingress.raw}: {@code {source}:{ingressId}}. */
    public String recordKey() {
        return source + ":" + ingressId;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof RawRequest that
            && ingressId.equals(that.ingressId) && source.equals(that.source) && receivedAt.equals(that.receivedAt)
            && clientAddress.equals(that.clientAddress) && method.equals(that.method) && query.equals(that.query)
            && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ingressId, source, receivedAt, clientAddress, method, query, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RawRequest[ingressId=" + ingressId + ", source=" + source + ", receivedAt=" + receivedAt
            + ", bodyBytes=" + body.length + ", headers=" + headers + "]";
    }
}
