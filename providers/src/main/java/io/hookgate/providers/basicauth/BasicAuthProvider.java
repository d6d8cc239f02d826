package io.hookgate.providers.basicauth;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/**
 * {@code provider: basic-auth}: for senders that do not sign but can send
 * {@code Authorization: Basic ...}. Each secret is {@code user:password}. The event id is a hash of
 * the payload.
 */
public final class BasicAuthProvider implements Provider {

    @Override
    public String name() {
        return "basic-auth";
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        for (int i = 0; i < source.secrets().size(); i++) {
            if (source.secrets().get(i).indexOf(':') <= 0) {
                problems.add(ConfigProblems.index(ConfigProblems.child(path, SourceConfig.SECRETS.name()), i),
                    "must be user:password");
            }
        }
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new BasicAuthScheme(source);
    }
}
