package io.hookgate.admin.internals.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.delivery.DeliveryAttempt;

import java.time.Instant;
import java.util.List;

/**
 * A DLQ entry or a rejected event as operators see it through the admin API and CLI.
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "subscription", "source", "eventId", "deliveryId", "ingressId", "client", "userAgent", "reason", "detail", "at", "attempts", "replay", "request"})
public record AdminEntry(String id, String subscription, String source, String eventId, String deliveryId, String ingressId, String client,
                         String userAgent, String reason, String detail, Instant at, List<DeliveryAttempt> attempts, ReplayState replay, RequestCopy request) {

    public AdminEntry withReplay(final ReplayState state) {
        return new AdminEntry(id, subscription, source, eventId, deliveryId, ingressId, client, userAgent, reason, detail, at, attempts, state,
            request);
    }
}
