package io.hookgate.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON Schema of one event type, compiled once (by {@link EventSchemaCompiler}, at
 * configuration load) and then only applied. Thread-safe: a compiled schema holds no state of a
 * validation.
 */
public final class EventSchema {

    private final Path file;
    private final Schema schema;

    EventSchema(final Path file, final Schema schema) {
        this.file = Objects.requireNonNull(file, "file");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** The file the schema was read from. */
    public Path file() {
        return file;
    }

    /** How {@code payload} breaks this schema, or empty when it conforms. Reads the tree, never changes it. */
    public Optional<SchemaViolation> check(final JsonNode payload) {
        final List<com.networknt.schema.Error> errors = schema.validate(payload);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        final com.networknt.schema.Error first = errors.get(0);
        final String pointer = first.getInstanceLocation() == null ? "" : first.getInstanceLocation().toString();
        return Optional.of(new SchemaViolation(pointer, first.getMessage(), errors.size() - 1));
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
