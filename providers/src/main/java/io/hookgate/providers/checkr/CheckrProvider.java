package io.hookgate.providers.checkr;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: checkr}: {@code X-Checkr-Signature}, hex HMAC-SHA256 of the body under the
 * account's secret API key. Event id and type: the body's {@code id} and {@code type}.
 */
public final class CheckrProvider implements Provider {

    @Override
    public String name() {
        return "checkr";
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new CheckrScheme(source);
    }
}
