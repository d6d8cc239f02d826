package io.hookgate.admin.internals.view;

import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.delivery.SubscriberResponse;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.json.Json;
import io.hookgate.core.json.RawJson;
import io.hookgate.core.rejection.RejectionHeaders;
import io.hookgate.core.request.RawRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records as the dispatcher writes them (JSON on the wire), and a way to index them without a broker. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A {@code dispatch.dlq} value, in the JSON the dispatcher writes. */
    public static String dlqJson(final String id, final String subscription, final String source, final String eventId,
                                 final String reason, final Instant deadAt) {
        return """
            {"schemaVersion":1,"id":"%1$s","reason":"%5$s","detail":"endpoint answered 400","deadAt":"%6$s",
             "task":{"schemaVersion":2,"deliveryId":"msg_%1$s","subscription":"%2$s","dueAt":"%6$s","firstAttemptAt":"%6$s",
              "attempts":[{"number":1,"at":"%6$s","status":400,"durationMs":3}],
              "eventRef":{"id":"evt_%1$s","source":"%3$s","eventId":"%4$s","type":"thing.happened","receivedAt":"%6$s","ingressId":"ing_%1$s"},
              "event":{"schemaVersion":1,"id":"evt_%1$s","source":"%3$s","provider":"standard-webhooks","eventId":"%4$s",
               "eventIdOrigin":"provider","type":"thing.happened","receivedAt":"%6$s","verifiedAt":"%6$s","ingressId":"ing_%1$s",
               "payload":{"type":"thing.happened"}}}}
            """.formatted(id, subscription, source, eventId, reason, deadAt);
    }

    /** Quarantines the DLQ record at {@code offset} of partition 0 for {@code reason}, as the admin index would. */
    public static void quarantineDlq(final Quarantine quarantine, final EntryStore store, final long offset, final String reason)
        throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            quarantine.add(store, batch, new ConsumerRecord<>("t.dispatch.dlq", 0, offset, null, new byte[0]), reason);
            store.write(batch);
        }
    }

    /** Indexes a rejected request of {@code source} at {@code offset} of partition 0, as the admin index would. */
    public static void indexRejected(final EntryStore store, final long offset, final String source) throws RocksDBException {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(RawRecordCodec.INGRESS_ID, ("ing_" + offset).getBytes(StandardCharsets.UTF_8));
        headers.add(RejectionHeaders.REASON, "bad_signature".getBytes(StandardCharsets.UTF_8));
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t.events.rejected", 0, offset, 0L,
            TimestampType.CREATE_TIME, 0, 2, source.getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
        try (WriteBatch batch = new WriteBatch()) {
            store.add(batch, EntryKinds.rejected(record, Redaction.byName()),
                Json.write(new OriginalRef(record.topic(), 0, offset, "ing_" + offset)));
            store.write(batch);
        }
    }

    /**
     * An attempt of delivery {@code deliveryId} (event {@code eventId} of {@code source}) to {@code subscription}
     * that answered {@code status}: delivered (2xx), retried in tier 5s (5xx) or dead-lettered as rejected (4xx).
     */
    public static AttemptEntry attempt(final String deliveryId, final String subscription, final String source, final String eventId,
                                       final int number, final Instant at, final int status, final long durationMs) {
        final DeliveryTask task = task(deliveryId, subscription, source, eventId, at);
        final DeliveryAttempt attempt = answered(number, at, status, durationMs);
        if (status / 100 == 2) {
            return AttemptEntry.delivered(task, attempt);
        }
        return status >= 500 ? AttemptEntry.retry(task, attempt, "5s", at.plusSeconds(5)) : AttemptEntry.dead(task, attempt, DlqReason.REJECTED);
    }

    /** The last attempt of a delivery that answered {@code status} and had no retry left. */
    public static AttemptEntry exhausted(final String deliveryId, final String subscription, final String source, final String eventId,
                                         final int number, final Instant at, final int status) {
        return AttemptEntry.dead(task(deliveryId, subscription, source, eventId, at), answered(number, at, status, 1), DlqReason.EXHAUSTED);
    }

    private static DeliveryTask task(final String deliveryId, final String subscription, final String source, final String eventId,
                                     final Instant at) {
        return new DeliveryTask(DeliveryTask.SCHEMA_VERSION, deliveryId, subscription, at, null, List.of(),
            new EventRef("evt_" + deliveryId, source, eventId, "thing.happened", null, at, "ing_" + deliveryId),
            RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)));
    }

    private static DeliveryAttempt answered(final int number, final Instant at, final int status, final long durationMs) {
        final byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        return DeliveryAttempt.answered(number, at, status, durationMs)
            .withResponse(SubscriberResponse.of(List.of(Map.entry("Content-Type", "application/json")), body, body.length, body.length));
    }

    /** Indexes {@code attempts} in one batch, as the admin index would. */
    public static void indexAttempts(final DeliveryStore store, final AttemptEntry... attempts) throws RocksDBException {
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            for (AttemptEntry attempt : attempts) {
                store.add(batch, attempt);
            }
            store.write(batch);
        }
    }

    /** Indexes {@code json} as the DLQ record at {@code offset} of partition 0, as the admin index would. */
    public static void indexDlq(final EntryStore store, final long offset, final String json) throws RocksDBException {
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t.dispatch.dlq", 0, offset, null,
            json.getBytes(StandardCharsets.UTF_8));
        try (WriteBatch batch = new WriteBatch()) {
            store.add(batch, EntryKinds.dlq(record), record.value());
            store.write(batch);
        }
    }

    /** Indexes the verified envelope of {@code eventId} of {@code source} at {@code ref}, as the admin index would. */
    public static void indexEvent(final EventStore store, final String source, final String eventId, final VerifiedRef ref)
        throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            store.add(batch, source, eventId, ref);
            store.write(batch);
        }
    }
}
