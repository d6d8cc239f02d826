package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an operator should know of a subscription, said by the dispatcher: what
 * {@code events.operational} carries, keyed by subscription id, and what is posted to
 * {@code admin.notifyUrl} when one is set (signed like any delivery, {@code id} as its
 * {@code webhook-id}). Compatibility: fields are only ever added.
 *
 * @param schemaVersion version of this record's shape
 * @param id            unique id of this event
 * @param type          what happened
 * @param subscription  the subscription id
 * @param tenant        the subscription's tenant; absent for none
 * @param at            when it happened
 * @param detail        a human-readable explanation (the failures that opened a breaker, why a subscription was disabled)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "id", "type", "subscription", "tenant", "at", "detail"})
public record OperationalEvent(int schemaVersion, String id, Type type, String subscription, String tenant, Instant at, String detail) {

    public static final int SCHEMA_VERSION = 1;

    public OperationalEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(at, "at");
    }

    /** What happened to a subscription. */
    public enum Type {
        /** Its endpoint kept failing: its tasks wait parked, one probe at a time tests the endpoint. */
        BREAKER_OPENED("subscription.breaker_opened"),
        /** A probe succeeded: the parked tasks flow again at the subscription's rate. */
        BREAKER_CLOSED("subscription.breaker_closed"),
        /** The dispatcher disabled it (its breaker stayed open for disableAfter, or its endpoint answered 410 Gone). */
        DISABLED("subscription.disabled");

        private final String code;

        Type(final String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }
}
