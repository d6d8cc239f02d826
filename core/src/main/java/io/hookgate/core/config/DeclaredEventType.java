package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.catalog.EventCatalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a source's {@code eventTypes} as written: a name ({@code order.created}), or
 * {@code {name, schema}} with the path of a JSON Schema file for the type's payloads.
 *
 * @param name   the event type, as the envelope's {@code type} names it
 * @param schema the schema file's path as written (relative to the configuration file's directory), if any
 */
public record DeclaredEventType(String name, Optional<String> schema) {

    static final ConfigKey<String> NAME = ConfigKey.required("name", ValueType.STRING, "The event type.");
    static final ConfigKey<String> SCHEMA = ConfigKey.optional("schema", ValueType.STRING, null,
        "Path of the JSON Schema file of the type's payloads.").validatedBy(Validator.nonEmpty());
    private static final ConfigDef DEF = ConfigDef.of(NAME, SCHEMA);

    public DeclaredEventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }

    /** A name, or a {@code {name, schema}} mapping. */
    public static final ValueType<DeclaredEventType> TYPE = new ValueType<>() {
        @Override
        public DeclaredEventType read(final JsonNode node, final String path, final ConfigProblems problems) {
            if (node.isTextual()) {
                return checkedName(node.textValue(), path, problems) ? new DeclaredEventType(node.textValue(), Optional.empty()) : null;
            }
            if (!node.isObject()) {
                problems.add(path, "expected an event type name or {name, schema}");
                return null;
            }
            final ConfigValues values = DEF.read(node, path, problems);
            if (problems.reported(path) || !checkedName(values.get(NAME), ConfigProblems.child(path, NAME.name()), problems)) {
                return null;
            }
            return new DeclaredEventType(values.get(NAME), Optional.ofNullable(values.get(SCHEMA)));
        }

        @Override
        public String describe() {
            return "event type or {name, schema}";
        }

        @Override
        public JsonNode write(final DeclaredEventType value) {
            return value.schema().isEmpty() ? ValueType.STRING.write(value.name())
                : DEF.write(new ConfigValues(Map.of(NAME, value.name(), SCHEMA, value.schema().get()), Set.of()));
        }
    };

    /** A list of them, each name once. */
    public static final ValueType<List<DeclaredEventType>> LIST = ValueType.listOf(TYPE);

    /** Reports a name declared more than once, at each later occurrence. */
    static void checkUnique(final List<DeclaredEventType> declared, final String path, final ConfigProblems problems) {
        final Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            final Integer earlier = first.putIfAbsent(declared.get(i).name(), i);
            if (earlier != null) {
                problems.add(ConfigProblems.index(path, i), "'" + declared.get(i).name() + "' is declared twice (also at ["
                    + earlier + "])");
            }
        }
    }

    private static boolean checkedName(final String name, final String path, final ConfigProblems problems) {
        if (!EventCatalog.NAME.matcher(name).matches()) {
            problems.add(path, "'" + name + "' is not an event type name (1 to 200 letters, digits, _ . : / -)");
            return false;
        }
        return true;
    }
}
