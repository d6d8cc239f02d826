package io.hookgate.providers.spi;

import io.hookgate.core.config.ProviderSpec;
import io.hookgate.core.config.SourceConfig;

/**
 * A verification scheme, one per package under {@code io.hookgate.providers}: its name (the
 * {@code provider} value), its extra configuration keys and checks, and its binding to a source.
 * Adding a provider is adding its package and one line to {@link io.hookgate.providers.Providers}.
 */
public interface Provider extends ProviderSpec {

    /**
     * Binds this scheme to {@code source}, which the configuration loader has validated with
     * {@link #validate}.
     */
    SourceScheme bind(SourceConfig source);
}
