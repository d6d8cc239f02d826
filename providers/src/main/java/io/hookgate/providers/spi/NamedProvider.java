package io.hookgate.providers.spi;

import io.hookgate.core.config.ConfigKey;
import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.SourceConfig;

import java.util.Set;
import java.util.function.Function;

/**
 * A provider that is just a name and a scheme, for the providers with no keys of their own;
 * {@link #requiring(ConfigKey, String)} adds a common key the scheme cannot do without, and
 * {@link #publishing(Set)} the provider's published event types.
 */
public final class NamedProvider implements Provider {

    private final String name;
    private final Function<SourceConfig, SourceScheme> bind;
    private final ConfigKey<?> required;
    private final String why;
    private final Set<String> eventTypes;

    private NamedProvider(final String name, final Function<SourceConfig, SourceScheme> bind, final ConfigKey<?> required, final String why,
                          final Set<String> eventTypes) {
        this.name = name;
        this.bind = bind;
        this.required = required;
        this.why = why;
        this.eventTypes = Set.copyOf(eventTypes);
    }

    public static NamedProvider of(final String name, final Function<SourceConfig, SourceScheme> bind) {
        return new NamedProvider(name, bind, null, null, Set.of());
    }

    /** This provider, refusing sources without {@code key}, {@code why} it is needed. */
    public NamedProvider requiring(final ConfigKey<?> key, final String reason) {
        return new NamedProvider(name, bind, key, reason, eventTypes);
    }

    /** This provider, publishing {@code types} (see {@link PublishedEventTypes}). */
    public NamedProvider publishing(final Set<String> types) {
        return new NamedProvider(name, bind, required, why, types);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> eventTypes() {
        return eventTypes;
    }

    @Override
    public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
        if (required != null && !source.options().isGiven(required)) {
            problems.add(ConfigProblems.child(path, required.name()), "required for " + name + ": " + why);
        }
    }

    @Override
    public SourceScheme bind(final SourceConfig source) {
        return bind.apply(source);
    }
}
