package io.hookgate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hookgate.core.net.CidrBlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a YAML value becomes a Java value, and back. A value that does not fit is reported to the
 * {@link ConfigProblems} with its path and read as {@code null}.
 *
 * @param <T> the Java type of the value
 */
public interface ValueType<T> {

    /** Reads {@code node} (never missing or null), or reports why it cannot. */
    T read(JsonNode node, String path, ConfigProblems problems);

    /** A short name for documentation: {@code string}, {@code duration}, {@code list of string}. */
    String describe();

    /** {@code value} (never null) as the file would write it: what {@link #read} turns back into {@code value}. */
    JsonNode write(T value);

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

        @Override
        public JsonNode write(final String value) {
            return TextNode.valueOf(value);
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

        @Override
        public JsonNode write(final Integer value) {
            return IntNode.valueOf(value);
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

        @Override
        public JsonNode write(final Boolean value) {
            return BooleanNode.valueOf(value);
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

        @Override
        public JsonNode write(final Double value) {
            return DoubleNode.valueOf(value);
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

        @Override
        public JsonNode write(final Duration value) {
            return TextNode.valueOf(Durations.format(value));
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

        @Override
        public JsonNode write(final Map<String, String> value) {
            final ObjectNode map = JsonNodeFactory.instance.objectNode();
            value.forEach(map::put);
            return map;
        }
    };

    ValueType<List<CidrBlock>> CIDR_LIST = listOf(parsedString("CIDR block", CidrBlock::parse));

    ValueType<List<EventTypePattern>> EVENT_TYPE_LIST = listOf(parsedString("event type pattern", EventTypePattern::parse));

    /**
     * A string turned into a {@code T} by {@code parser}, whose {@link IllegalArgumentException}
     * message becomes the problem reported; a {@code T}'s {@code toString} is the text it was read from.
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

            @Override
            public JsonNode write(final T value) {
                return TextNode.valueOf(value.toString());
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

            @Override
            public JsonNode write(final List<E> value) {
                final ArrayNode list = JsonNodeFactory.instance.arrayNode();
                value.forEach(each -> list.add(element.write(each)));
                return list;
            }
        };
    }
}
