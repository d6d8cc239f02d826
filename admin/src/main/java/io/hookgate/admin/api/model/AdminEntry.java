package io.hookgate.admin.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.delivery.DeliveryAttempt;

import java.time.Instant;
import java.util.List;

/**
 * A DLQ entry or a rejected event as operators see it through the admin API and CLI: one entry of a
 * listing ({@link Page}), or the answer of {@code GET /admin/dlq/{id}} and {@code /admin/rejected/{id}}.
 *
 * @param id           stable id, for show and replay
 * @param subscription the subscription (DLQ entries), or null
 * @param source       the source id
 * @param eventId      the event id, or null for a rejected request (it was never identified)
 * @param deliveryId   the delivery's {@code webhook-id} (DLQ entries of a task), or null: what finds its
 *                     attempts in the delivery log, a replay's among them
 * @param ingressId    the ingress id of the request
 * @param client       the client address the ingress saw (rejected requests), or null
 * @param userAgent    the User-Agent the client sent (rejected requests), or null
 * @param reason       the DLQ or rejection reason code
 * @param detail       a human-readable explanation
 * @param at           when it was dead-lettered or rejected
 * @param attempts     delivery attempts (DLQ), or the rejection as one failed attempt
 * @param replay       what operators did with it
 * @param request      a rejected request as received, credentials redacted; null for DLQ entries
 * @param payload      what a replay would send, in the answer of one entry's show; null (absent) in listings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "subscription", "source", "eventId", "deliveryId", "ingressId", "client", "userAgent", "reason", "detail", "at", "attempts", "replay", "request", "payload"})
public record AdminEntry(String id, String subscription, String source, String eventId, String deliveryId, String ingressId, String client,
                         String userAgent, String reason, String detail, Instant at, List<DeliveryAttempt> attempts, ReplayState replay, RequestCopy request,
                         PayloadView payload) {

    /** An entry as a listing has it: without its payload. */
    public AdminEntry(final String id, final String subscription, final String source, final String eventId, final String deliveryId,
                      final String ingressId, final String client, final String userAgent, final String reason, final String detail,
                      final Instant at, final List<DeliveryAttempt> attempts, final ReplayState replay, final RequestCopy request) {
        this(id, subscription, source, eventId, deliveryId, ingressId, client, userAgent, reason, detail, at, attempts, replay, request, null);
    }

    public AdminEntry withReplay(final ReplayState state) {
        return new AdminEntry(id, subscription, source, eventId, deliveryId, ingressId, client, userAgent, reason, detail, at, attempts, state,
            request, payload);
    }

    /** This entry with what a replay would send: its show's answer. */
    public AdminEntry withPayload(final PayloadView shown) {
        return new AdminEntry(id, subscription, source, eventId, deliveryId, ingressId, client, userAgent, reason, detail, at, attempts, replay,
            request, shown);
    }
}
