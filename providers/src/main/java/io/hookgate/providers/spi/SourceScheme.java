package io.hookgate.providers.spi;

import io.hookgate.core.request.RawRequest;

import java.time.Instant;
import java.util.Optional;

/**
 * A provider's scheme bound to one configured source (its secrets, tolerance and options).
 * Built once at start; thread-safe. The processor verifies with it, the ingress answers
 * handshakes with it, and {@code hookgate sign} signs with it.
 */
public interface SourceScheme {

    /**
     * Verifies {@code request} byte for byte and, when it verifies, reads the event's identity and
     * payload. Never throws: a malformed header or body is a {@link Verification.Rejected}.
     */
    Verification verify(RawRequest request);

    /**
     * The answer to {@code request} when it is a handshake this provider requires the endpoint to
     * answer (Slack url_verification, Zoom endpoint.url_validation), after the signature checks
     * the handshake needs. Handshakes are answered at the ingress and never stored as events.
     */
    default Optional<HttpReply> handshake(final RawRequest request) {
        return Optional.empty();
    }

    /**
     * The dedup key {@code request} will have if it verifies, when the scheme can tell cheaply
     * without verifying (an id header, the body's hash, a top-level field of a JSON body). The
     * ingress puts the raw record in the partition of that key, so that the processor deduplicates it
     * where it is read instead of repartitioning it. A hint is never trusted: a wrong or missing one
     * costs a repartition, never a missed duplicate.
     */
    default Optional<String> dedupKeyHint(final RawRequest request) {
        return Optional.empty();
    }

    /** The success answer this provider requires, when hookgate's JSON answer will not do. */
    default Optional<HttpReply> acknowledgement() {
        return Optional.empty();
    }

    /**
     * A body this provider could send, for {@code hookgate sign} without {@code --body}: unique at
     * each call where the provider takes the event id from the body.
     */
    default byte[] sampleBody(final Instant now) {
        return ("{\"type\":\"hookgate.test\",\"data\":{\"message\":\"hello from hookgate\",\"sentAt\":\"" + now + "\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The event types {@code hookgate trigger} can send a sample of, the first when none is named:
     * a few of the provider's own, from fixtures in its package. Empty: only {@link #sampleBody}.
     */
    default java.util.List<String> sampleTypes() {
        return java.util.List.of();
    }

    /**
     * A sample event of {@code type} (one of {@link #sampleTypes()}), signed at {@code now} and with the
     * headers the provider sets: unique at each call where the provider takes the event id from it.
     */
    default SignedRequest signedSample(final String type, final Instant now) {
        return sign(sampleBody(now), now);
    }

    /**
     * Signs {@code body} as the provider would at {@code now}, with the source's first secret:
     * the inverse of {@link #verify}.
     *
     * @throws IllegalStateException when the source has no secret to sign with
     */
    SignedRequest sign(byte[] body, Instant now);
}
