package io.hookgate.providers.stripe;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: stripe}: {@code Stripe-Signature: t=<seconds>,v1=<hex>[,v1=...]}, the hex
 * HMAC-SHA256 of {@code t + "." + body} under the UTF-8 bytes of the whole {@code whsec_...}
 * secret (not decoded, unlike Standard Webhooks). {@code v0} and other schemes are ignored. Event
 * id and type: the body's {@code id} and {@code type}.
 */
public final class StripeProvider implements Provider {

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new StripeScheme(source);
    }
}
