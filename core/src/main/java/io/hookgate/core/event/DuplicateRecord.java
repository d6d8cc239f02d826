package io.hookgate.core.event;

import java.time.Instant;

/**
 * A verified event the processor dropped because its (source, event id) was already seen, as
 * written to {@code events.duplicates}: which request it came in, nothing of its payload. Read by
 * {@code hookgate tail} and dev mode's live lines; extended only compatibly.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param event         the dropped copy (its ingress id names the request that carried it)
 * @param droppedAt     when the processor dropped it
 */
public record DuplicateRecord(int schemaVersion, EventRef event, Instant droppedAt) {

    public static final int SCHEMA_VERSION = 1;
}
