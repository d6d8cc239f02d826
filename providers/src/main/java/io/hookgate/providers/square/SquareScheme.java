package io.hookgate.providers.square;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.NamedProvider;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.PublishedEventTypes;
import io.hookgate.providers.spi.EventIdentity;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.SignatureFormat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code provider: square}: {@code x-square-hmacsha256-signature}, base64 HMAC-SHA256 of
 * {@code publicUrl + body} under the subscription's signature key. {@code publicUrl} is required.
 * Event id {@code event_id}; type {@code type}.
 */
public final class SquareScheme extends HeaderHmacScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("square", SquareScheme::new)
        .requiring(SourceConfig.PUBLIC_URL, "the notification URL exactly as configured at Square")
        .publishing(PublishedEventTypes.of(SquareScheme.class));

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
    protected List<String> signatureCovers(final RawRequest request) {
        return List.of("url", "body");
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return eventIdHint(Payloads.topLevelText(request.body(), "event_id"));
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
