package io.hookgate.admin.view;

import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How records of {@code dispatch.dlq} and {@code events.rejected} become entries operators see. */
final class EntryKinds {

    private EntryKinds() {
    }

    /** A DLQ record as an entry, with the DLQ entry itself as what replay needs. Empty when unreadable. */
    static Optional<AdminEntry> dlq(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        final DlqEntry entry = Json.read(record.value(), DlqEntry.class);
        return Optional.of(new AdminEntry(entry.id(), entry.subscription(), entry.source(), entry.eventId(),
            entry.task() == null ? null : entry.task().eventRef().ingressId(),
            entry.reason().code(), entry.detail(), entry.deadAt(), entry.attempts(), null));
    }

    /** A rejected record as an entry; its id is stable: {@code rej_<partition>_<offset>}. */
    static AdminEntry rejected(final ConsumerRecord<byte[], byte[]> record) {
        final String reason = RejectionHeaders.reason(record.headers()).map(RejectReason::code).orElse("unknown");
        final String detail = RejectionHeaders.detail(record.headers());
        final String rejectedAt = RawRecordCodec.lastValue(record.headers(), RejectionHeaders.REJECTED_AT);
        final Instant at = rejectedAt == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.ofEpochMilli(Long.parseLong(rejectedAt));
        final String source = record.key() == null ? "unknown" : new String(record.key(), StandardCharsets.UTF_8);
        return new AdminEntry("rej_" + record.partition() + "_" + record.offset(), null, source, null,
            RawRecordCodec.lastValue(record.headers(), RawRecordCodec.INGRESS_ID), reason, detail, at,
            List.of(DeliveryAttempt.failed(1, at, reason + (detail.isEmpty() ? "" : ": " + detail), 0)), null);
    }
}
