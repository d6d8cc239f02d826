package io.hookgate.providers.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.crypto.Timestamps;
import io.hookgate.providers.payload.Payload;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.PublishedEventTypes;
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
 * {@code provider: stripe}: {@code Stripe-Signature: t=<seconds>,v1=<hex>[,v1=...]}, the hex
 * HMAC-SHA256 of {@code t + "." + body} under the UTF-8 bytes of the whole {@code whsec_...} secret
 * (not decoded, unlike Standard Webhooks); {@code v0} and other schemes are ignored. The window is
 * two-sided around the receive time (Stripe's SDKs check only the past; a signature from the future
 * is as suspect as a stale one). Event id and type: the body's {@code id} and {@code type}.
 */
public final class StripeScheme extends SignatureScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("stripe", StripeScheme::new)
        .publishing(PublishedEventTypes.of(StripeScheme.class));

    private static final String HEADER = "Stripe-Signature";

    private final List<byte[]> keys;

    StripeScheme(final SourceConfig source) {
        super(source);
        this.keys = source.secrets().stream().map(Hmac::utf8).toList();
    }

    @Override
    protected Optional<Verification.Rejected> checkSignature(final RawRequest request) {
        final Optional<String> header = request.header(HEADER);
        if (header.isEmpty()) {
            return reject(RejectReason.MISSING_SIGNATURE, "header " + HEADER + " is missing");
        }
        String timestamp = null;
        final List<byte[]> signatures = new ArrayList<>();
        for (String element : header.get().split(",")) {
            final int equals = element.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            final String key = element.substring(0, equals).trim();
            final String value = element.substring(equals + 1).trim();
            if ("t".equals(key)) {
                timestamp = value;
            } else if ("v1".equals(key)) {
                Encoding.HEX.decode(value).ifPresent(signatures::add);
            }
        }
        final OptionalLong seconds = Timestamps.parseCanonical(timestamp);
        if (seconds.isEmpty() || seconds.getAsLong() == 0) {
            return reject(RejectReason.MALFORMED_SIGNATURE, HEADER + " has no valid timestamp t");
        }
        if (signatures.isEmpty()) {
            return reject(RejectReason.MALFORMED_SIGNATURE, HEADER + " has no v1 signature");
        }
        if (!Hmac.anyMatches(Hmac.Algorithm.SHA256, keys, signatures, Hmac.utf8(timestamp + "."), request.body())) {
            return reject(RejectReason.BAD_SIGNATURE, "no v1 signature matches a configured secret");
        }
        if (!withinReplayWindow(request, seconds.getAsLong())) {
            return reject(RejectReason.STALE_TIMESTAMP, "t=" + timestamp + " is more than " + source.toleranceSeconds()
                + "s from the receive time");
        }
        return accept();
    }

    @Override
    protected Payload readPayload(final RawRequest request) {
        return Payloads.json(request.body());
    }

    @Override
    protected List<String> signatureCovers(final RawRequest request) {
        return List.of("timestamp", "body");
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        return Payloads.identity(Payloads.text(payload, "id"), payload, Payloads.text(payload, "type"));
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return eventIdHint(Payloads.topLevelText(request.body(), "id"));
    }

    @Override
    public SignedRequest sign(final byte[] body, final Instant now) {
        final String timestamp = Long.toString(now.getEpochSecond());
        final byte[] mac = Hmac.compute(Hmac.Algorithm.SHA256, Hmac.utf8(signingSecret()), Hmac.utf8(timestamp + "."), body);
        return new SignedRequest(HttpHeaders.empty()
            .with("Content-Type", "application/json; charset=utf-8")
            .with("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .with(HEADER, "t=" + timestamp + ",v1=" + Encoding.HEX.encode(mac)), body, "");
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return StripeSamples.body("invoice.paid", now);
    }

    @Override
    public List<String> sampleTypes() {
        return StripeSamples.TYPES;
    }

    @Override
    public SignedRequest signedSample(final String type, final Instant now) {
        return sign(StripeSamples.body(type, now), now);
    }
}
