package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookgate.core.event.EventRef;

/**
 * One delivery attempt's outcome as the dispatcher writes it to {@code dispatch.attempts}, successes
 * included: what became of the attempt and what follows it, without the envelope. Read by
 * {@code hookgate tail} and dev mode's live lines; extended only compatibly.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param subscription  the subscription delivered to
 * @param deliveryId    the delivery's id (its {@code webhook-id})
 * @param event         which event
 * @param attempt       the attempt: its number, start, status or error, and duration
 * @param outcome       {@code delivered}, {@code retry} or {@code dead}
 * @param next          for {@code retry} the tier it waits in (its delay, e.g. {@code 5s}); for {@code dead} the DLQ reason
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptRecord(int schemaVersion, String subscription, String deliveryId, EventRef event, DeliveryAttempt attempt,
                            String outcome, String next) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DELIVERED = "delivered";
    public static final String RETRY = "retry";
    public static final String DEAD = "dead";
}
