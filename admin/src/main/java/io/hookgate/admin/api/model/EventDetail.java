package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.json.RawJson;

import java.util.List;

/**
 * The answer of {@code GET /admin/events/{source}/{eventId}}: one verified event and what became of
 * it. Every key is present.
 *
 * @param source     the source id
 * @param eventId    the event's id, as its provider named it
 * @param envelope   the envelope byte for byte as the processor published it (a {@code VerifiedEvent})
 * @param request    the request that carried it, credentials redacted
 * @param deliveries its deliveries, one per subscription, as the delivery log has them
 * @param dlq        its DLQ entries, each with how its redelivery went
 */
@JsonPropertyOrder({"source", "eventId", "envelope", "request", "deliveries", "dlq"})
public record EventDetail(String source, String eventId, RawJson envelope, EventRequest request, List<Delivery> deliveries,
                          List<AdminEntry> dlq) {
}
