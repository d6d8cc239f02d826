package io.hookgate.core.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values read for one section of the configuration, looked up by their {@link ConfigKey}.
 * Immutable.
 */
public final class ConfigValues {

    private final Map<ConfigKey<?>, Object> values;
    private final Set<ConfigKey<?>> given;

    ConfigValues(final Map<ConfigKey<?>, Object> values, final Set<ConfigKey<?>> given) {
        this.values = Map.copyOf(values);
        this.given = Set.copyOf(given);
    }

    /** The value of {@code key}: as given, or its default (which may be null). */
    @SuppressWarnings("unchecked")
    public <T> T get(final ConfigKey<T> key) {
        if (values.containsKey(key)) {
            return (T) values.get(key);
        }
        return key.defaultValue();
    }

    /** These values with {@code value} for {@code key}, as the configuration applies it (given or not as before). */
    <T> ConfigValues with(final ConfigKey<T> key, final T value) {
        final Map<ConfigKey<?>, Object> replaced = new HashMap<>(values);
        replaced.put(key, value);
        return new ConfigValues(replaced, given);
    }

    /** Whether the file gave a value for {@code key}. */
    public boolean isGiven(final ConfigKey<?> key) {
        return given.contains(key);
    }
}
