package io.hookgate.providers.standardwebhooks;

import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SigningSecret;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.SourceScheme;

/** {@code provider: standard-webhooks}: Standard Webhooks and Svix senders. Secrets are {@code whsec_} + base64. */
public final class StandardWebhooksProvider implements Provider {

    public static final String NAME = "standard-webhooks";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        for (int i = 0; i < source.secrets().size(); i++) {
            try {
                SigningSecret.decode(source.secrets().get(i));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProblems.index(ConfigProblems.child(path, SourceConfig.SECRETS.name()), i), e.getMessage());
            }
        }
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new StandardWebhooksScheme(source);
    }
}
