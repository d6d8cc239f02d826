package io.hookgate.core.config;

import io.hookgate.core.catalog.EventCatalog;
import io.hookgate.core.catalog.EventSchemaCompiler;
import io.hookgate.core.catalog.InvalidEventSchemaException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds each source's {@link EventCatalog} at configuration load: its provider's published types,
 * then its declared {@code eventTypes} added, each declared schema file read and compiled once
 * (relative paths against the configuration file's directory), a file that cannot serve reported
 * under its path ({@code sources.app.eventTypes[1].schema}). One instance per load.
 */
final class SourceCatalogues {

    private final Path baseDirectory;
    private final EventSchemaCompiler compiler = new EventSchemaCompiler();

    /** @param baseDirectory where relative schema paths start: the configuration file's directory, else the working directory */
    SourceCatalogues(final Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    EventCatalog build(final Set<String> published, final List<DeclaredEventType> declared, final String path,
                       final ConfigProblems problems) {
        EventCatalog catalogue = EventCatalog.of(published);
        for (int i = 0; i < declared.size(); i++) {
            final DeclaredEventType type = declared.get(i);
            final String schemaPath = ConfigProblems.child(ConfigProblems.index(path, i), DeclaredEventType.SCHEMA.name());
            catalogue = catalogue.with(type.name(), type.schema().flatMap(file -> compile(file, schemaPath, problems)));
        }
        return catalogue;
    }

    private Optional<io.hookgate.core.catalog.EventSchema> compile(final String file, final String path, final ConfigProblems problems) {
        final Path resolved;
        try {
            resolved = baseDirectory.resolve(file).normalize();
        } catch (InvalidPathException e) {
            problems.add(path, "'" + file + "' is not a file path: " + e.getReason());
            return Optional.empty();
        }
        try {
            return Optional.of(compiler.compile(resolved));
        } catch (InvalidEventSchemaException e) {
            problems.add(path, e.getMessage());
            return Optional.empty();
        }
    }
}
