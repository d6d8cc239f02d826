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
 * @param replay        set when an operator re-injected this request from {@code events.rejected}, else null
 */
public record RawRequest(
    String ingressId,
    String source,
    Instant receivedAt,
    String clientAddress,
    String method,
    String query,
    HttpHeaders headers,
    byte[] body,
    Replay replay) {

    /** How an operator replayed a rejected request: which rejection, and whether its replay window is waived. */
    public record Replay(String of, boolean ignoreTimestamp) {
    }

    /** A request as received (not a replay). */
    public RawRequest(final String ingressId, final String source, final Instant receivedAt, final String clientAddress,
                      final String method, final String query, final HttpHeaders headers, final byte[] body) {
        this(ingressId, source, receivedAt, clientAddress, method, query, headers, body, null);
    }

    /** Whether signed timestamps are to be checked against the receive time (not waived by a replay). */
    public boolean checksReplayWindow() {
        return replay == null || !replay.ignoreTimestamp();
    }

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
            && headers.equals(that.headers) && Arrays.equals(body, that.body) && Objects.equals(replay, that.replay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ingressId, source, receivedAt, clientAddress, method, query, headers, Arrays.hashCode(body), replay);
    }

    @Override
    public String toString() {
        return "RawRequest[ingressId=" + ingressId + ", source=" + source + ", receivedAt=" + receivedAt
            + ", bodyBytes=" + body.length + ", headers=" + headers + "]";
    }
}
