package io.hookgate.providers.shopify;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: shopify}: {@code X-Shopify-Hmac-Sha256} (or {@code shopify-hmac-sha256}), base64
 * HMAC-SHA256 of the body under the app's client secret. Event id {@code X-Shopify-Event-Id}, else
 * {@code X-Shopify-Webhook-Id}; type {@code X-Shopify-Topic}.
 */
public final class ShopifyProvider implements Provider {

    @Override
    public String name() {
        return "shopify";
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new ShopifyScheme(source);
    }
}
