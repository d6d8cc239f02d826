package io.hookgate.providers.zoom;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: zoom}: {@code x-zm-signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":" + body>}
 * with {@code x-zm-request-timestamp}, under the app's Secret Token. Answers
 * {@code endpoint.url_validation} (after its checks). Zoom sends no event id: a payload hash;
 * type {@code event}.
 */
public final class ZoomProvider implements Provider {

    @Override
    public String name() {
        return "zoom";
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new ZoomScheme(source);
    }
}
