package io.hookgate.admin.internals.events;

import io.hookgate.admin.api.model.EventRequest;
import io.hookgate.core.event.EncodedEvent;

/**
 * A verified event read back from Kafka: its envelope as the processor wrote it, and its request.
 *
 * @param event   the envelope and who it is
 * @param request the raw request that carried it, redacted
 */
public record FoundEvent(EncodedEvent event, EventRequest request) {
}
