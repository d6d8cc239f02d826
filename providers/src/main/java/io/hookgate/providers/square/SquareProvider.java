package io.hookgate.providers.square;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: square}: {@code x-square-hmacsha256-signature}, base64 HMAC-SHA256 of
 * {@code publicUrl + body} under the subscription's signature key. {@code publicUrl} is required:
 * the notification URL exactly as configured at Square. Event id {@code event_id}; type {@code type}.
 */
public final class SquareProvider implements Provider {

    @Override
    public String name() {
        return "square";
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        if (source.publicUrl().isEmpty()) {
            problems.add(ConfigProblems.child(path, SourceConfig.PUBLIC_URL.name()),
                "required for square: the notification URL exactly as configured at Square");
        }
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new SquareScheme(source);
    }
}
