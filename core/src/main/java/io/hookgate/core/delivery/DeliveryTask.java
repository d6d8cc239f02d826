package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One event to deliver to one subscription: what {@code dispatch} and the retry topics carry,
 * keyed by subscription id ({@link DeliveryTaskRecord} says how), and what a DLQ entry holds.
 * Every attempt made so far travels with it. The envelope is the outbound body, built once by
 * the processor and posted as it is on every attempt.
 *
 * @param schemaVersion  version of this record's shape
 * @param deliveryId     the {@code webhook-id}: the same for every attempt of this delivery
 * @param subscription   the subscription id
 * @param dueAt          not to be attempted before this time
 * @param firstAttemptAt when the first attempt started, or null before it
 * @param attempts       the attempts made so far, oldest first
 * @param eventRef       which event this is
 * @param envelope       the envelope to deliver; null only in a DLQ entry that could not keep it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "attempt", allowGetters = true)
@JsonPropertyOrder({"schemaVersion", "deliveryId", "subscription", "attempt", "dueAt", "firstAttemptAt", "attempts", "eventRef", "event"})
public record DeliveryTask(
    int schemaVersion,
    String deliveryId,
    String subscription,
    Instant dueAt,
    Instant firstAttemptAt,
    List<DeliveryAttempt> attempts,
    EventRef eventRef,
    @JsonProperty("event") RawJson envelope) {

    public static final int SCHEMA_VERSION = 2;

    /**
     * The most bytes of {@link SubscriberResponse}s a task carries ({@link SubscriberResponse#weight()}):
     * the newest attempts keep theirs, older ones lose it when more would not fit, so that a task and
     * its DLQ entry stay within {@link io.hookgate.core.kafka.RecordLimits#ENVELOPE_MARGIN_BYTES} of
     * their envelope however many attempts it makes. The delivery log keeps every attempt's.
     */
    public static final int RESPONSE_BUDGET_BYTES = 16 * 1024;

    public DeliveryTask {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(dueAt, "dueAt");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        Objects.requireNonNull(eventRef, "eventRef");
    }

    /** The first task of delivering the event {@code ref} (envelope {@code envelope}) to {@code subscription}, due at once. */
    public static DeliveryTask first(final EventRef ref, final RawJson envelope, final String subscription, final Instant now) {
        return new DeliveryTask(SCHEMA_VERSION, StableIds.deliveryId(ref.id(), subscription), subscription, now, null,
            List.of(), ref, Objects.requireNonNull(envelope, "envelope"));
    }

    /** The first task of delivering {@code event} to {@code subscription}: its envelope written now. */
    public static DeliveryTask first(final VerifiedEvent event, final String subscription, final Instant now) {
        return first(event.ref(), RawJson.trusted(Json.write(event)), subscription, now);
    }

    /** The number the next attempt will have: 1 for the first. */
    @JsonProperty("attempt")
    public int attempt() {
        return attempts.size() + 1;
    }

    /** This task after {@code attempt} failed, due again at {@code nextDueAt}. */
    public DeliveryTask after(final DeliveryAttempt attempt, final Instant nextDueAt) {
        final List<DeliveryAttempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        int budget = RESPONSE_BUDGET_BYTES;
        for (int i = all.size() - 1; i >= 0; i--) {
            final SubscriberResponse response = all.get(i).response();
            if (response != null) {
                budget -= response.weight();
                if (budget < 0) {
                    all.set(i, all.get(i).withResponse(null));
                }
            }
        }
        return new DeliveryTask(schemaVersion, deliveryId, subscription, nextDueAt,
            firstAttemptAt == null ? attempt.at() : firstAttemptAt, all, eventRef, envelope);
    }

    /** This task, not attempted, due again at {@code nextDueAt} (its endpoint's backlog was full). */
    public DeliveryTask deferredUntil(final Instant nextDueAt) {
        return new DeliveryTask(schemaVersion, deliveryId, subscription, nextDueAt, firstAttemptAt, attempts, eventRef, envelope);
    }

    /** This task as replayed from the DLQ: same {@code webhook-id}, attempts counted afresh. */
    public DeliveryTask replayed(final Instant now) {
        return new DeliveryTask(SCHEMA_VERSION, deliveryId, subscription, now, null, List.of(), eventRef, envelope);
    }

    /** This task without its envelope, for a DLQ entry that cannot carry it. */
    public DeliveryTask withoutEnvelope() {
        return new DeliveryTask(schemaVersion, deliveryId, subscription, dueAt, firstAttemptAt, attempts, eventRef, null);
    }
}
