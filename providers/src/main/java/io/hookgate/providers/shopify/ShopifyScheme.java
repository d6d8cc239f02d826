package io.hookgate.providers.shopify;

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
import java.util.Optional;
import java.util.UUID;

/**
 * {@code provider: shopify}: {@code X-Shopify-Hmac-Sha256} (or {@code shopify-hmac-sha256} for
 * Events webhooks), base64 HMAC-SHA256 of the body under the app's client secret. Event id
 * {@code X-Shopify-Event-Id}, else {@code X-Shopify-Webhook-Id}; type {@code X-Shopify-Topic}.
 */
public final class ShopifyScheme extends HeaderHmacScheme {

    /** The registry entry of this provider. */
    public static final Provider PROVIDER = NamedProvider.of("shopify", ShopifyScheme::new)
        .publishing(PublishedEventTypes.of(ShopifyScheme.class));

    private static final SignatureFormat FORMAT = SignatureFormat.of("X-Shopify-Hmac-Sha256", Hmac.Algorithm.SHA256, Encoding.BASE64)
        .withAlternativeHeader("shopify-hmac-sha256");

    ShopifyScheme(final SourceConfig source) {
        super(source, FORMAT);
    }


    @Override
    protected EventIdentity identify(final RawRequest request, final JsonNode payload) {
        final String topic = header(request, "X-Shopify-Topic", "shopify-topic").orElse(null);
        // The ids and the topic are headers Shopify does not sign: the body is.
        return Payloads.headerIdentity(header(request, "X-Shopify-Event-Id", "shopify-event-id")
            .or(() -> header(request, "X-Shopify-Webhook-Id", "shopify-webhook-id")).orElse(null), payload, topic);
    }

    @Override
    public Optional<String> dedupKeyHint(final RawRequest request) {
        return signedBodyHint(request, header(request, "X-Shopify-Event-Id", "shopify-event-id")
            .or(() -> header(request, "X-Shopify-Webhook-Id", "shopify-webhook-id")));
    }

    private static Optional<String> header(final RawRequest request, final String classic, final String events) {
        return request.header(classic).or(() -> request.header(events)).filter(value -> !value.isBlank());
    }

    @Override
    protected HttpHeaders unsignedHeaders(final byte[] body, final Instant now) {
        return HttpHeaders.empty()
            .with("Content-Type", "application/json")
            .with("X-Shopify-Topic", "products/update")
            .with("X-Shopify-Shop-Domain", "hookgate-test.myshopify.com")
            .with("X-Shopify-API-Version", "2026-10")
            .with("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .with("X-Shopify-Event-Id", UUID.randomUUID().toString())
            .with("X-Shopify-Triggered-At", now.toString());
    }

    @Override
    public byte[] sampleBody(final Instant now) {
        return Hmac.utf8("{\"id\":788032119674292922,\"title\":\"Example T-Shirt\",\"updated_at\":\"" + now + "\"}");
    }
}
