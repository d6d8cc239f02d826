package io.hookgate.core.config;

import java.util.Set;

/**
 * What the configuration needs to know of a verification scheme: the extra keys a source of
 * that provider may carry, and the checks across keys that only the provider knows
 * ({@code publicUrl} required, {@code header} and {@code queryParam} exclusive, ...).
 */
public interface ProviderSpec {

    /** The {@code provider} value naming this scheme. */
    String name();

    /** Keys this provider adds to its sources; empty for most. */
    default ConfigDef options() {
        return ConfigDef.of();
    }

    /**
     * The event types this provider publishes, named as its scheme names them (the envelope's
     * {@code type}); empty where hookgate ships no list. A source's declared {@code eventTypes}
     * are added to these.
     */
    default Set<String> eventTypes() {
        return Set.of();
    }

    /** Reports what is wrong with {@code source} for this provider, under {@code path}. */
    default void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
    }
}
