package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.net.CidrBlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a YAML value becomes a Java value. A value that does not fit is reported to the
 * {@link ConfigProblems} with its path and read as {@code null}.
 *
 * @param <T> the Java type of the value
 */
public interface ValueType<T> {

    /** Reads {@code node} (never missing or null), or reports why it cannot. */
    T read(JsonNode node, String path, ConfigProblems problems);

    /** A short name for documentation: {@code string}, {@code duration}, {@code list of string}. */
    String describe();

    ValueType<String> STRING = new ValueType<>() {
        @Override
        public String read(final JsonNode node, final String path, final ConfigProblems problems) {
            if (node.isValueNode()) {
                return node.asText();
            }
            problems.add(path, "expected a string");
            return null;
        }

        @Override
        public String describe() {
            return "string";
        }
    };

    ValueType<Integer> INT = new ValueType<>() {
        @Override
        public Integer read(final JsonNode node, final String path, final ConfigProblems problems) {
            if (node.isInt()) {
                return node.intValue();
            }
            if (node.isTextual()) {
                try {
                    return Integer.parseInt(node.textValue().trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(path, "expected a whole number, got '" + node.asText() + "'");
            return null;
        }

        @Override
        public String describe() {
            return "integer";
        }
    };

    ValueType<Boolean> BOOLEAN = new ValueType<>() {
        @Override
        public Boolean read(final JsonNode node, final String path, final ConfigProblems problems) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isTextual() && ("true".equals(node.textValue()) || "false".equals(node.textValue()))) {
                return Boolean.parseBoolean(node.textValue());
            }
            problems.add(path, "expected true or false, got '" + node.asText() + "'");
            return null;
        }

        @Override
        public String describe() {
            return "boolean";
        }
    };

    ValueType<Double> DECIMAL = new ValueType<>() {
        @Override
        public Double read(final JsonNode node, final String path, final ConfigProblems problems) {
            if (node.isNumber()) {
                return node.doubleValue();
            }
            if (node.isTextual()) {
                try {
                    return Double.parseDouble(node.textValue().trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(path, "expected a number, got '" + node.asText() + "'");
            return null;
        }

        @Override
        public String describe() {
            return "number";
        }
    };

    ValueType<Duration> DURATION = new ValueType<>() {
        @Override
        public Duration read(final JsonNode node, final String path, final ConfigProblems problems) {
            if (node.isTextual()) {
                try {
                    return Durations.parse(node.textValue());
                } catch (IllegalArgumentException e) {
                    problems.add(path, e.getMessage());
                    return null;
                }
            }
            problems.add(path, "expected a duration such as 500ms, 5s, 5m, 2h or 7d, got '" + node.asText() + "'");
            return null;
        }

        @Override
        public String describe() {
            return "duration";
        }
    };

    ValueType<List<String>> STRING_LIST = listOf(STRING);

    ValueType<List<Duration>> DURATION_LIST = listOf(DURATION);

    ValueType<Map<String, String>> STRING_MAP = new ValueType<>() {
        @Override
        public Map<String, String> read(final JsonNode node, final String path, final ConfigProblems problems) {
            if (!node.isObject()) {
                problems.add(path, "expected a map of names to values");
                return null;
            }
            final Map<String, String> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> {
                final String value = STRING.read(field.getValue(), ConfigProblems.child(path, field.getKey()), problems);
                if (value != null) {
                    values.put(field.getKey(), value);
                }
            });
            return Collections.unmodifiableMap(values);
        }

        @Override
        public String describe() {
            return "map of string";
        }
    };

    ValueType<List<CidrBlock>> CIDR_LIST = listOf(parsedString("CIDR block", CidrBlock::parse));

    ValueType<List<EventTypePattern>> EVENT_TYPE_LIST = listOf(parsedString("event type pattern", EventTypePattern::parse));

    /**
     * A string turned into a {@code T} by {@code parser}, whose {@link IllegalArgumentException}
     * message becomes the problem reported.
     */
    static <T> ValueType<T> parsedString(final String description, final Function<String, T> parser) {
        return new ValueType<>() {
            @Override
            public T read(final JsonNode node, final String path, final ConfigProblems problems) {
                final String text = STRING.read(node, path, problems);
                if (text == null) {
                    return null;
                }
                try {
                    return parser.apply(text);
                } catch (IllegalArgumentException e) {
                    problems.add(path, e.getMessage());
                    return null;
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** A YAML sequence whose every element is of {@code element}'s type. */
    static <E> ValueType<List<E>> listOf(final ValueType<E> element) {
        return new ValueType<>() {
            @Override
            public List<E> read(final JsonNode node, final String path, final ConfigProblems problems) {
                if (!node.isArray()) {
                    problems.add(path, "expected a list");
                    return null;
                }
                final List<E> values = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    final String elementPath = ConfigProblems.index(path, i);
                    if (node.get(i).isNull()) {
                        problems.add(elementPath, "empty");
                        continue;
                    }
                    final E value = element.read(node.get(i), elementPath, problems);
                    if (value != null) {
                        values.add(value);
                    }
                }
                return Collections.unmodifiableList(values);
            }

            @Override
            public String describe() {
                return "list of " + element.describe();
            }
        };
    }
}
