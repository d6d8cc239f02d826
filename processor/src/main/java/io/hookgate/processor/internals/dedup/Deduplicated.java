package io.hookgate.processor.internals.dedup;

import io.hookgate.core.event.EncodedEvent;

/**
 * What deduplication makes of a verified event: the first copy within the retention, to publish and
 * fan out, or a duplicate, to record in {@code events.duplicates} only.
 *
 * @param event     the event as it came
 * @param duplicate whether its (source, event id) was already seen
 */
public record Deduplicated(EncodedEvent event, boolean duplicate) {
}
