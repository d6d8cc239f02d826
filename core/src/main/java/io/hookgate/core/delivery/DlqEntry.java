package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delivery that will not be attempted again: what {@code dispatch.dlq} carries, keyed by
 * subscription id. The task inside holds every attempt's outcome.
 *
 * @param schemaVersion version of this record's shape
 * @param id            unique id of this entry, for inspection and replay
 * @param reason        why the delivery stopped
 * @param detail        a human-readable explanation (never a secret)
 * @param deadAt        when it was put in the DLQ
 * @param task          the task, with all its attempts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "id", "reason", "detail", "deadAt", "task"})
public record DlqEntry(int schemaVersion, String id, DlqReason reason, String detail, Instant deadAt, DeliveryTask task) {

    public static final int SCHEMA_VERSION = 1;

    public DlqEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(task, "task");
    }

    @JsonIgnore
    public String subscription() {
        return task.subscription();
    }

    @JsonIgnore
    public String source() {
        return task.event().source();
    }

    @JsonIgnore
    public String eventId() {
        return task.event().eventId();
    }

    @JsonIgnore
    public List<DeliveryAttempt> attempts() {
        return task.attempts();
    }
}
