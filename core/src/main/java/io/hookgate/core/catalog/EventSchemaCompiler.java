package io.hookgate.core.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and compiles the JSON Schema files of declared event types (networknt
 * json-schema-validator). A file must hold a JSON object that is valid against its dialect's
 * meta-schema ({@code $schema}: drafts 4, 6, 7, 2019-09 or 2020-12; 2020-12 when absent); it is
 * compiled whole, its local {@code $ref}s included, so that validating a payload later does no
 * loading. Nothing is fetched from the network: a {@code $ref} to a remote schema is an error
 * here, never a request at run time. One instance per configuration load.
 */
public final class EventSchemaCompiler {

    private static final SpecificationVersion DEFAULT_DIALECT = SpecificationVersion.DRAFT_2020_12;
    private static final int MAX_ERRORS_SHOWN = 3;

    private final ObjectMapper json = new ObjectMapper();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(DEFAULT_DIALECT, builder -> builder
        // Payload locations as JSON pointers; every subschema compiled now, not at the first event.
        .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).preloadSchema(true).build()));

    /**
     * The schema in {@code file}, compiled.
     *
     * @throws InvalidEventSchemaException when it cannot serve, saying why
     */
    public EventSchema compile(final Path file) throws InvalidEventSchemaException {
        final JsonNode document = read(file);
        if (!document.isObject()) {
            throw new InvalidEventSchemaException("schema file " + file + " is not a JSON Schema: expected an object");
        }
        final SpecificationVersion dialect = dialect(document, file);
        final List<com.networknt.schema.Error> errors = registry.getSchema(SchemaLocation.of(dialect.getDialectId())).validate(document);
        if (!errors.isEmpty()) {
            throw new InvalidEventSchemaException("schema file " + file + " is not a valid JSON Schema: " + errors.stream()
                .limit(MAX_ERRORS_SHOWN).map(EventSchemaCompiler::describe).collect(Collectors.joining("; "))
                + (errors.size() > MAX_ERRORS_SHOWN ? " (and " + (errors.size() - MAX_ERRORS_SHOWN) + " more)" : ""));
        }
        try {
            final Schema schema = registry.getSchema(SchemaLocation.of(file.toUri().toString()), document);
            schema.initializeValidators();
            return new EventSchema(file, schema);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidEventSchemaException("schema file " + file + " cannot be compiled: " + e.getMessage());
        }
    }

    private JsonNode read(final Path file) throws InvalidEventSchemaException {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidEventSchemaException("schema file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidEventSchemaException("cannot read schema file " + file + ": " + e.getMessage());
        }
        try {
            final JsonNode document = json.readTree(bytes);
            if (document == null || document.isMissingNode()) {
                throw new InvalidEventSchemaException("schema file " + file + " is empty");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new InvalidEventSchemaException("schema file " + file + " is not JSON: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new InvalidEventSchemaException("cannot read schema file " + file + ": " + e.getMessage());
        }
    }

    private static SpecificationVersion dialect(final JsonNode document, final Path file) throws InvalidEventSchemaException {
        final JsonNode declared = document.get("$schema");
        if (declared == null) {
            return DEFAULT_DIALECT;
        }
        final Optional<SpecificationVersion> version = declared.isTextual()
            ? SpecificationVersion.fromDialectId(declared.textValue()) : Optional.empty();
        if (version.isEmpty()) {
            throw new InvalidEventSchemaException("schema file " + file + " names an unknown $schema " + declared
                + " (known: drafts 4, 6, 7, 2019-09 and 2020-12 of json-schema.org)");
        }
        return version.get();
    }

    private static String describe(final com.networknt.schema.Error error) {
        final String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return (at.isEmpty() ? "" : at + ": ") + error.getMessage();
    }
}
