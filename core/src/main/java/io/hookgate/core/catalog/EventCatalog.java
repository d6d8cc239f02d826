package io.hookgate.core.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The event types known for one source: the list its provider publishes (shipped with hookgate),
 * and the types the source declares, each with its JSON Schema where one is declared. An empty
 * catalogue means that nothing is known: any type may come, and nothing is checked against it.
 * Immutable and thread-safe.
 */
public final class EventCatalog {

    /** What an event type name may look like: the characters of subscription patterns, without {@code *}. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,200}");

    private static final EventCatalog EMPTY = new EventCatalog(Map.of());

    /** By name, sorted, so that listings are stable. */
    private final Map<String, Optional<EventSchema>> types;

    private EventCatalog(final Map<String, Optional<EventSchema>> types) {
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
    }

    /** The catalogue of a source of which no type is known. */
    public static EventCatalog empty() {
        return EMPTY;
    }

    /** The types {@code names}, without schemas. */
    public static EventCatalog of(final Collection<String> names) {
        final Map<String, Optional<EventSchema>> types = new TreeMap<>();
        names.forEach(name -> types.put(Objects.requireNonNull(name, "name"), Optional.empty()));
        return new EventCatalog(types);
    }

    /** This catalogue with {@code name} added, or its schema replaced when {@code schema} is present. */
    public EventCatalog with(final String name, final Optional<EventSchema> schema) {
        final Map<String, Optional<EventSchema>> next = new TreeMap<>(types);
        next.merge(name, schema, (known, declared) -> declared.isPresent() ? declared : known);
        return new EventCatalog(next);
    }

    /** Whether no type is known. */
    public boolean isEmpty() {
        return types.isEmpty();
    }

    public boolean contains(final String type) {
        return type != null && types.containsKey(type);
    }

    /** The known types, sorted. */
    public SortedSet<String> types() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(types.keySet()));
    }

    /** The schema declared for {@code type}, if any. */
    public Optional<EventSchema> schema(final String type) {
        return type == null ? Optional.empty() : types.getOrDefault(type, Optional.empty());
    }

    @Override
    public String toString() {
        return types.keySet().toString();
    }
}
