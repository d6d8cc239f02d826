package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of one section of the configuration. Reading a section checks every key against its
 * definition and reports keys that no definition names: a typo must not be silently ignored.
 */
public final class ConfigDef {

    private final Map<String, ConfigKey<?>> keys;

    public ConfigDef(final List<ConfigKey<?>> keys) {
        final Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
        for (ConfigKey<?> key : keys) {
            if (byName.put(key.name(), key) != null) {
                throw new IllegalArgumentException("key defined twice: " + key.name());
            }
        }
        this.keys = Collections.unmodifiableMap(byName);
    }

    public static ConfigDef of(final ConfigKey<?>... keys) {
        return new ConfigDef(List.of(keys));
    }

    /** The keys of this section and of {@code other}, which must not share a name. */
    public ConfigDef plus(final ConfigDef other) {
        final List<ConfigKey<?>> all = new ArrayList<>(keys.values());
        all.addAll(other.keys.values());
        return new ConfigDef(all);
    }

    public List<ConfigKey<?>> keys() {
        return List.copyOf(keys.values());
    }

    /**
     * Reads the section at {@code path} from {@code node} (an object, or missing/null for an absent
     * section), reporting each problem. A key whose value has a problem (of its type or its check) is
     * left at its default and not {@linkplain ConfigValues#isGiven given}.
     */
    public ConfigValues read(final JsonNode node, final String path, final ConfigProblems problems) {
        return read(node, path, problems, true);
    }

    /**
     * Reads the section like {@link #read}, but says nothing of keys this definition does not name:
     * for a section whose other keys could not be judged (those of a source whose provider is unknown).
     */
    public ConfigValues readKnownKeys(final JsonNode node, final String path, final ConfigProblems problems) {
        return read(node, path, problems, false);
    }

    private ConfigValues read(final JsonNode node, final String path, final ConfigProblems problems, final boolean reportUnknown) {
        final Map<ConfigKey<?>, Object> values = new HashMap<>();
        final Set<ConfigKey<?>> given = new HashSet<>();
        if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
            problems.add(path, "expected a section of keys");
            return new ConfigValues(values, given);
        }
        if (reportUnknown && node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                if (!keys.containsKey(name)) {
                    problems.add(ConfigProblems.child(path, name), "unknown key" + suggestion(name));
                }
            });
        }
        for (ConfigKey<?> key : keys.values()) {
            final JsonNode value = node == null ? null : node.get(key.name());
            final String keyPath = ConfigProblems.child(path, key.name());
            if (value != null && value.isNull()) {
                // "port:" with nothing after it: a value was meant, and the default would hide the slip.
                problems.add(keyPath, "empty: give a value" + (key.isRequired() ? "" : ", or leave the key out for its default"
                    + (key.defaultValue() == null ? "" : " (" + key.defaultValue() + ")")));
                continue;
            }
            if (value == null) {
                if (key.isRequired()) {
                    problems.add(keyPath, "required");
                }
                continue;
            }
            readKey(key, value, keyPath, problems, values, given);
        }
        return new ConfigValues(values, given);
    }

    /**
     * {@code values} of this section as {@code hookgate config print} shows them: every key in the
     * order defined, its value or default ({@code null} for none), each secret masked ({@link ConfigKey#secret()}).
     */
    public ObjectNode write(final ConfigValues values) {
        final ObjectNode section = JsonNodeFactory.instance.objectNode();
        for (ConfigKey<?> key : keys.values()) {
            final Object value = values.get(key);
            section.set(key.name(), value == null ? NullNode.getInstance() : key.printed(value));
        }
        return section;
    }

    private static <T> void readKey(final ConfigKey<T> key, final JsonNode node, final String path, final ConfigProblems problems,
                                    final Map<ConfigKey<?>, Object> values, final Set<ConfigKey<?>> given) {
        final int before = problems.size();
        final T value = key.type().read(node, path, problems);
        if (value == null || problems.size() > before) {
            return;
        }
        key.validator().check(value, path, problems);
        if (problems.size() > before) {
            // Refused: checks across keys see the default, and say nothing of this key (problems.reported).
            return;
        }
        values.put(key, value);
        given.add(key);
    }

    private String suggestion(final String unknown) {
        return io.hookgate.core.text.DidYouMean.nearest(unknown, keys.keySet())
            .map(known -> " (did you mean '" + known + "'?)")
            .orElse(" (known keys: " + String.join(", ", keys.keySet()) + ")");
    }
}
