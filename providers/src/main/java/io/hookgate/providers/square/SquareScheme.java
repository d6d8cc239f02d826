package io.hookgate.providers.square;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.SignatureFormat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Square: the configured notification URL followed by the raw body, HMAC-SHA256, base64. */
final class SquareScheme extends HeaderHmacScheme {

    private static final SignatureFormat FORMAT =
        SignatureFormat.of("x-square-hmacsha256-signature", Hmac.Algorithm.SHA256, Encoding.BASE64);

    private final byte[] notificationUrl;

    SquareScheme(final SourceConfig source) {
        super(source, FORMAT);
        this.notificationUrl = Hmac.utf8(source.publicUrl().orElseThrow());
    }

    @Override
    protected List<byte[][]> signedContents(final RawRequest request, final String timestamp) {
        return List.<byte[][]>of(new byte[][] {notificationUrl, request.body()});
    }

    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        return Payloads.identity(Payloads.text(payload, "event_id"), payload, Payloads.text(payload, "type"));
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty()
            .with("Content-Type", "application/json")
            .with("square-environment", "Sandbox")
            .with("square-initial-delivery-timestamp", now.toString());
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("{\"merchant_id\":\"MLEFBHHSJGVHD\",\"type\":\"webhooks.test_notification\",\"event_id\":\""
            + UUID.randomUUID() + "\",\"created_at\":\"" + now + "\",\"data\":{\"type\":\"webhooks\",\"id\":\"" + UUID.randomUUID() + "\"}}");
    }
}
