package io.hookgate.core.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delivery that will not be attempted again: what {@code dispatch.dlq} carries, keyed by
 * subscription id. The task inside holds every attempt's outcome and, unless the entry could not
 * carry it ({@code task.event} absent), the envelope to replay. An entry of reason
 * {@code malformed_task} has no task but the {@link UnreadableRecord} that was read instead.
 *
 * @param schemaVersion version of this record's shape
 * @param id            unique id of this entry, for inspection and replay
 * @param reason        why the delivery stopped
 * @param detail        a human-readable explanation (never a secret)
 * @param deadAt        when it was put in the DLQ
 * @param task          the task, with all its attempts; null only for an unreadable record
 * @param record        the record that could not be read as a task, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "id", "reason", "detail", "deadAt", "task", "record"})
public record DlqEntry(int schemaVersion, String id, DlqReason reason, String detail, Instant deadAt, DeliveryTask task,
                       UnreadableRecord record) {

    public static final int SCHEMA_VERSION = 1;

    public DlqEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        if (task == null && record == null) {
            throw new IllegalArgumentException("a DLQ entry holds a task or the record that was not one");
        }
    }

    /** An entry of a task that ended here. */
    public DlqEntry(final String id, final DlqReason reason, final String detail, final Instant deadAt, final DeliveryTask task) {
        this(SCHEMA_VERSION, id, reason, detail, deadAt, Objects.requireNonNull(task, "task"), null);
    }

    /** Whether the entry carries what a replay needs: a task with its envelope. */
    @JsonIgnore
    public boolean replayable() {
        return task != null && task.envelope() != null;
    }

    /** The subscription, or the unreadable record's key (which is meant to be one). */
    @JsonIgnore
    public String subscription() {
        return task != null ? task.subscription() : record.key();
    }

    @JsonIgnore
    public String source() {
        return task == null ? null : task.eventRef().source();
    }

    @JsonIgnore
    public String eventId() {
        return task == null ? null : task.eventRef().eventId();
    }

    @JsonIgnore
    public List<DeliveryAttempt> attempts() {
        return task == null ? List.of() : task.attempts();
    }
}
