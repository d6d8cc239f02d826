package io.hookgate.providers.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.PublishedEventTypes;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.V0TimestampScheme;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.Verification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code provider: zoom}: {@code x-zm-signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":" + body>}
 * with {@code x-zm-request-timestamp}, under the app's Secret Token. Answers
 * {@code endpoint.url_validation} (after its checks). Zoom sends no event id: a payload hash; type
 * {@code event}.
 */
public final class ZoomScheme extends V0TimestampScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("zoom", ZoomScheme::new)
        .publishing(PublishedEventTypes.of(ZoomScheme.class));

    ZoomScheme(final SourceConfig source) {
        super(source, "x-zm-signature", "x-zm-request-timestamp");
    }


    /** Answers {@code endpoint.url_validation} with the token HMAC'd by the secret that signed the request. */
    @Override
    public Optional<HttpReply> handshake(final RawRequest request) {
        // Most requests are events: skip verifying twice unless the body can be a validation.
        if (!request.bodyText().contains("endpoint.url_validation")) {
            return Optional.empty();
        }
        final Verification verification = verify(request);
        if (!(verification instanceof Verification.Accepted accepted)
            || !"endpoint.url_validation".equals(Payloads.text(accepted.payload().tree(), "event"))) {
            return Optional.empty();
        }
        final String plainToken = Payloads.text(accepted.payload().tree().path("payload"), "plainToken");
        if (plainToken == null) {
            return Optional.empty();
        }
        return signingSecretOf(request).map(secret -> {
            final Map<String, String> answer = new LinkedHashMap<>();
            answer.put("plainToken", plainToken);
            answer.put("encryptedToken", Encoding.HEX.encode(Hmac.sha256(secret, Hmac.utf8(plainToken))));
            return HttpReply.json(Json.writeString(answer));
        });
    }

    /**
     * Which configured secret signed {@code request} (rotation: the answer must use that one),
     * trying every signature value sent, as verification does: the one that verified decides.
     */
    private Optional<String> signingSecretOf(final RawRequest request) {
        final String timestamp = request.header(format.timestampHeader()).orElse("");
        final byte[][] signed = signedContents(request, timestamp).get(0);
        for (String value : signatureValues(request)) {
            final String trimmed = value.trim();
            if (!trimmed.startsWith(format.prefix())) {
                continue;
            }
            final Optional<byte[]> sent = Encoding.HEX.decode(trimmed.substring(format.prefix().length()));
            if (sent.isEmpty()) {
                continue;
            }
            for (String secret : secrets()) {
                if (Hmac.equal(Hmac.compute(Hmac.Algorithm.SHA256, Hmac.utf8(secret), signed), sent.get())) {
                    return Optional.of(secret);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        return Payloads.hashIdentity(payload, Payloads.text(payload, "event"));
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty().with("Content-Type", "application/json; charset=utf-8").with("User-Agent", "Zoom Marketplace/1.0a");
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("{\"event\":\"meeting.started\",\"event_ts\":" + now.toEpochMilli()
            + ",\"payload\":{\"account_id\":\"AAAA\",\"object\":{\"id\":\"123\",\"topic\":\"hookgate test\"}}}");
    }
}
