package io.hookgate.providers.standardwebhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SigningSecret;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Timestamps;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.SignatureScheme;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.Verification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Verifies Standard Webhooks (and Svix) senders: {@code webhook-id}, {@code webhook-timestamp}
 * and {@code webhook-signature}, or the {@code svix-*} trio when all three are present (as the
 * Svix libraries do). Any {@code v1} signature matching any secret verifies; the timestamp must
 * lie within the tolerance of the receive time, either side. The event id is {@code webhook-id},
 * the type the payload's {@code type}.
 */
final class StandardWebhooksScheme extends SignatureScheme {

    private record SignedHeaders(String id, String timestamp, String signature) {
    }

    private final List<byte[]> keys;

    StandardWebhooksScheme(final SourceConfig source) {
        super(source);
        final List<byte[]> decoded = new ArrayList<>();
        source.secrets().forEach(secret -> decoded.add(SigningSecret.decode(secret)));
        this.keys = List.copyOf(decoded);
    }

    @Override
    protected Optional<Verification.Rejected> checkSignature(final RawRequest request) {
        final SignedHeaders headers = signedHeaders(request.headers());
        if (headers.id() == null || headers.timestamp() == null || headers.signature() == null) {
            return reject(RejectReason.MISSING_SIGNATURE, "webhook-id, webhook-timestamp and webhook-signature are required");
        }
        if (headers.id().isEmpty()) {
            // Signed or not, an empty id identifies no event.
            return reject(RejectReason.MISSING_SIGNATURE, "webhook-id is empty");
        }
        final OptionalLong timestamp = Timestamps.parseCanonical(headers.timestamp());
        if (timestamp.isEmpty()) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "webhook-timestamp is not a Unix time in seconds");
        }
        if (StandardWebhooksSigner.v1Signatures(headers.signature()).isEmpty()) {
            return reject(RejectReason.MALFORMED_SIGNATURE, "webhook-signature holds no v1 signature");
        }
        if (!StandardWebhooksSigner.matches(keys, headers.signature(), headers.id(), timestamp.getAsLong(), request.body())) {
            return reject(RejectReason.BAD_SIGNATURE, "no v1 signature matches a configured secret");
        }
        if (!withinReplayWindow(request, timestamp.getAsLong())) {
            return reject(RejectReason.STALE_TIMESTAMP, "webhook-timestamp " + timestamp.getAsLong()
                + " is more than " + source.toleranceSeconds() + "s from the receive time");
        }
        return accept();
    }

    @Override
    protected Payload readPayload(final RawRequest request) {
        return Payloads.json(request.body());
    }

    @Override
    protected List<String> signatureCovers(final RawRequest request) {
        return List.of("id", "timestamp", "body");
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        return EventIdentity.fromProvider(signedHeaders(request.headers()).id(), Payloads.text(payload, "type"));
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return eventIdHint(signedHeaders(request.headers()).id());
    }

    @Override
    public List<String> sampleTypes() {
        return StandardWebhooksSamples.TYPES;
    }

    @Override
    public SignedRequest signedSample(final String type, final Instant now) {
        return sign(StandardWebhooksSamples.body(type, now), now);
    }

    @Override
    public SignedRequest sign(final byte[] body, final Instant now) {
        final String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        final long timestamp = now.getEpochSecond();
        final HttpHeaders headers = HttpHeaders.empty()
            .with("content-type", "application/json")
            .with("webhook-id", id)
            .with("webhook-timestamp", Long.toString(timestamp))
            .with("webhook-signature", StandardWebhooksSigner.header(List.of(signingSecret()), id, timestamp, body));
        return new SignedRequest(headers, body, "");
    }

    private static SignedHeaders signedHeaders(final HttpHeaders headers) {
        final SignedHeaders svix = new SignedHeaders(headers.first("svix-id").orElse(null),
            headers.first("svix-timestamp").orElse(null), headers.first("svix-signature").orElse(null));
        if (svix.id() != null && svix.timestamp() != null && svix.signature() != null) {
            return svix;
        }
        return new SignedHeaders(headers.first("webhook-id").orElse(null),
            headers.first("webhook-timestamp").orElse(null), headers.first("webhook-signature").orElse(null));
    }
}
