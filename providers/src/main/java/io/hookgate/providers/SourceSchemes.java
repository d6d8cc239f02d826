package io.hookgate.providers;

import io.hookgate.providers.spi.SourceScheme;

import java.util.Map;
import java.util.Optional;

/** The configured sources, each bound to its provider's scheme. Immutable and thread-safe. */
public final class SourceSchemes {

    private final Map<String, SourceScheme> bySource;

    public SourceSchemes(final Map<String, SourceScheme> bySource) {
        this.bySource = Map.copyOf(bySource);
    }

    public Optional<SourceScheme> forSource(final String sourceId) {
        return Optional.ofNullable(bySource.get(sourceId));
    }
}
