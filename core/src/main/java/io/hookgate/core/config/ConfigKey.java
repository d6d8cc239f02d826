package io.hookgate.core.config;

import java.util.Objects;

/**
 * The one definition of a configuration key: its name, type, default, validation and
 * documentation, in the manner of Kafka's {@code ConfigDef}.
 *
 * @param <T> the Java type of the value
 */
public final class ConfigKey<T> {

    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final boolean required;
    private final Validator<? super T> validator;
    private final String doc;

    private ConfigKey(final String name, final ValueType<T> type, final T defaultValue, final boolean required,
                      final Validator<? super T> validator, final String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.required = required;
        this.validator = Objects.requireNonNull(validator, "validator");
        this.doc = Objects.requireNonNull(doc, "doc");
    }

    /** A key that must be present. */
    public static <T> ConfigKey<T> required(final String name, final ValueType<T> type, final String doc) {
        return new ConfigKey<>(name, type, null, true, Validator.none(), doc);
    }

    /** A key that may be absent; its value is then {@code defaultValue}, which may be null. */
    public static <T> ConfigKey<T> optional(final String name, final ValueType<T> type, final T defaultValue, final String doc) {
        return new ConfigKey<>(name, type, defaultValue, false, Validator.none(), doc);
    }

    /** This key with {@code check} applied to every value given in a file (defaults are trusted). */
    public ConfigKey<T> validatedBy(final Validator<? super T> check) {
        return new ConfigKey<>(name, type, defaultValue, required, check, doc);
    }

    public String name() {
        return name;
    }

    public ValueType<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public boolean isRequired() {
        return required;
    }

    public String doc() {
        return doc;
    }

    Validator<? super T> validator() {
        return validator;
    }

    @Override
    public String toString() {
        return name;
    }
}
