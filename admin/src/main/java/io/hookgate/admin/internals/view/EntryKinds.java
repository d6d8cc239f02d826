package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.RequestCopy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * How records of {@code dispatch.dlq}, {@code events.rejected} and {@code dispatch.attempts} become
 * entries operators see.
 * Reading is pure (nothing is written), so that a record it cannot read is the record's fault:
 * it throws {@link UnreadableRecord}, and the index quarantines the record.
 */
final class EntryKinds {

    private EntryKinds() {
    }

    /**
     * A DLQ record as an entry.
     *
     * @throws UnreadableRecord when it is not a DLQ entry with what the index needs
     */
    static AdminEntry dlq(final ConsumerRecord<byte[], byte[]> record) {
        final DlqEntry entry = value(record, DlqEntry.class, "DLQ", "a DLQ entry");
        if (entry.id().isEmpty() || entry.deadAt() == null) {
            throw new UnreadableRecord("value is not a DLQ entry: it needs a non-empty id and deadAt");
        }
        return new AdminEntry(entry.id(), entry.subscription(), entry.source(), entry.eventId(),
            entry.task() == null ? null : entry.task().deliveryId(), entry.task() == null ? null : entry.task().eventRef().ingressId(), null, null, entry.reason().code(), entry.detail(), entry.deadAt(), entry.attempts(), null, null);
    }

    /**
     * An attempts record as the attempt it logs.
     *
     * @throws UnreadableRecord when it is not an attempt entry with a start time
     */
    static io.hookgate.core.delivery.OperationalEvent operational(final ConsumerRecord<byte[], byte[]> record) {
        return value(record, io.hookgate.core.delivery.OperationalEvent.class, "operational", "an operational event");
    }

    static AttemptEntry attempt(final ConsumerRecord<byte[], byte[]> record) {
        final AttemptEntry entry = value(record, AttemptEntry.class, "attempts", "an attempt entry");
        if (entry.attempt().at() == null || entry.deliveryId().isEmpty()) {
            throw new UnreadableRecord("value is not an attempt entry: it needs a delivery id and the attempt's start");
        }
        return entry;
    }

    /**
     * The value of {@code record} (of a topic that is not compacted) as {@code type}, {@code what} it is meant to be.
     *
     * @throws UnreadableRecord when it has none, or it is not that
     */
    private static <T> T value(final ConsumerRecord<byte[], byte[]> record, final Class<T> type, final String topic, final String what) {
        if (record.value() == null) {
            throw new UnreadableRecord("no value (the " + topic + " topic is not compacted: a tombstone means nothing there)");
        }
        final T value;
        try {
            value = Json.read(record.value(), type);
        } catch (UncheckedIOException e) {
            throw new UnreadableRecord("value is not " + what + ": " + describe(e.getCause()), e);
        }
        if (value == null) {
            throw new UnreadableRecord("value is JSON null, not " + what);
        }
        return value;
    }

    /**
     * A rejected record as an entry, with a copy of the request whose credentials {@code redaction}
     * hides; its id is stable: {@code rej_<partition>_<offset>}.
     *
     * @throws UnreadableRecord when it has no source (its key) or an unreadable rejection time
     */
    static AdminEntry rejected(final ConsumerRecord<byte[], byte[]> record, final Redaction redaction) {
        if (record.key() == null || record.key().length == 0) {
            throw new UnreadableRecord("no key (the rejected topic is keyed by source id)");
        }
        final String reason = RejectionHeaders.reason(record.headers()).map(RejectReason::code).orElse("unknown");
        final String detail = RejectionHeaders.detail(record.headers());
        final String rejectedAt = RawRecordCodec.lastValue(record.headers(), RejectionHeaders.REJECTED_AT);
        final Instant at;
        try {
            at = rejectedAt == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.ofEpochMilli(Long.parseLong(rejectedAt));
        } catch (NumberFormatException e) {
            throw new UnreadableRecord("header " + RejectionHeaders.REJECTED_AT + " is not a time in epoch milliseconds", e);
        }
        final String source = new String(record.key(), StandardCharsets.UTF_8);
        final RequestCopy request = redaction.copyOf(record);
        return new AdminEntry("rej_" + record.partition() + "_" + record.offset(), null, source, null, null,
            RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID), request.client(), request.userAgent(), reason, detail, at,
            List.of(DeliveryAttempt.failed(1, at, reason + (detail.isEmpty() ? "" : ": " + detail), 0)), null, request);
    }

    /**
     * What is wrong with JSON that did not map, by kind, field path and place: never the
     * offending text, which Jackson's messages quote and which may be anything.
     */
    static String describe(final IOException e) {
        final StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append(" at ").append(path(mapping));
        }
        if (e instanceof JsonProcessingException processing && processing.getLocation() != null) {
            text.append(" (line ").append(processing.getLocation().getLineNr()).append(", column ")
                .append(processing.getLocation().getColumnNr()).append(')');
        }
        return text.toString();
    }

    private static String path(final JsonMappingException mapping) {
        final StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
}
