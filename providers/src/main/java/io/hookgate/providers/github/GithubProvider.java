package io.hookgate.providers.github;

import io.hookgate.core.config.ConfigDef;
import io.hookgate.core.config.ConfigKey;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.config.ValueType;
import io.hookgate.providers.spi.Provider;
import io.hookgate.providers.spi.PublishedEventTypes;
import io.hookgate.providers.spi.SourceScheme;

import java.util.Set;

/**
 * {@code provider: github}: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}, or the
 * legacy {@code X-Hub-Signature: sha1=...} when {@code legacySha1: true}. Event id
 * {@code X-GitHub-Delivery}; type {@code X-GitHub-Event} and the payload's {@code action}.
 */
public final class GithubProvider implements Provider {

    /** GitHub's published events, as {@link GithubScheme} names them: {@code X-GitHub-Event} and {@code .action}. */
    private static final Set<String> EVENT_TYPES = PublishedEventTypes.of(GithubProvider.class);

    static final ConfigKey<Boolean> LEGACY_SHA1 = ConfigKey.optional("legacySha1", ValueType.BOOLEAN, false,
        "Verify the legacy X-Hub-Signature (HMAC-SHA1) instead of X-Hub-Signature-256, for old GitHub Enterprise servers.");

    @Override
    public String name() {
        return "github";
    }

    @Override
    public ConfigDef options() {
        return ConfigDef.of(LEGACY_SHA1);
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return new GithubScheme(source, source.options().get(LEGACY_SHA1));
    }
}
