package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * The one definition of a configuration key: its name, type, default, validation and
 * documentation, in the manner of Kafka's {@code ConfigDef}; and whether it holds a secret, which
 * {@code hookgate config print} then masks ({@link #secret()}).
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
    /** The names of the entries that hold secrets: every name for a secret key, none (null) for a plain one. */
    private final Predicate<String> secretEntries;

    private ConfigKey(final String name, final ValueType<T> type, final T defaultValue, final boolean required,
                      final Validator<? super T> validator, final String doc, final Predicate<String> secretEntries) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.required = required;
        this.validator = Objects.requireNonNull(validator, "validator");
        this.doc = Objects.requireNonNull(doc, "doc");
        this.secretEntries = secretEntries;
    }

    /** A key that must be present. */
    public static <T> ConfigKey<T> required(final String name, final ValueType<T> type, final String doc) {
        return new ConfigKey<>(name, type, null, true, Validator.none(), doc, null);
    }

    /** A key that may be absent; its value is then {@code defaultValue}, which may be null. */
    public static <T> ConfigKey<T> optional(final String name, final ValueType<T> type, final T defaultValue, final String doc) {
        return new ConfigKey<>(name, type, defaultValue, false, Validator.none(), doc, null);
    }

    /** This key with {@code check} applied to every value given in a file (defaults are trusted). */
    public ConfigKey<T> validatedBy(final Validator<? super T> check) {
        return new ConfigKey<>(name, type, defaultValue, required, check, doc, secretEntries);
    }

    /**
     * This key, its value a secret (a token, a key, signing secrets): {@code hookgate config print}
     * shows every string in it masked, the values of a map with their names kept.
     */
    public ConfigKey<T> secret() {
        return new ConfigKey<>(name, type, defaultValue, required, validator, doc, entry -> true);
    }

    /**
     * This key, a map of which the entries whose name {@code names} accepts hold secrets:
     * {@code hookgate config print} masks their values and shows the others.
     */
    public ConfigKey<T> secretEntries(final Predicate<String> names) {
        return new ConfigKey<>(name, type, defaultValue, required, validator, doc, Objects.requireNonNull(names, "names"));
    }

    /** Whether the value of this key is, or may hold, a secret ({@link #secret()}, {@link #secretEntries}). */
    public boolean isSecret() {
        return secretEntries != null;
    }

    /** {@code value} (of this key's type) as {@code hookgate config print} shows it: written by its type, secrets masked. */
    @SuppressWarnings("unchecked")
    JsonNode printed(final Object value) {
        final JsonNode written = type.write((T) value);
        return secretEntries == null ? written : SecretMask.entries(written, secretEntries);
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
