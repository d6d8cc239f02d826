package io.hookgate.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.delivery.AttemptEntry;
import io.hookgate.core.delivery.AttemptEntryJson;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DeliveryTaskRecord;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.delivery.SubscriberResponse;
import io.hookgate.core.delivery.UnreadableRecord;
import io.hookgate.core.event.EnvelopeJson;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.EventRef;
import io.hookgate.core.event.EventRefHeaders;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordJsonTest {

    /** Numbers Jackson would rewrite, spacing and escapes it would normalise: all must survive byte for byte. */
    static final String AWKWARD_PAYLOAD = "{ \"id\" : \"evt_1\",\"amount\":12345678901234567.89, \"p\":0.30000000000000004441,"
        + "\"e\":1e2,\"big\":1e9 ,\"s\":\"caf\\u00e9 \\/ \\\"q\\\"\",\n \"n\":[1 , 2.50]}";

    private static VerifiedEvent event(final String payload) {
        return new VerifiedEvent(1, StableIds.eventId("stripe", "evt_1"), "stripe", "stripe", null, "evt_1", EventIdOrigin.PROVIDER,
            "invoice.paid", Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:01Z"), "ing-1",
            List.of("timestamp", "body"), RawJson.trusted(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String payloadBytesOf(final byte[] record) {
        final String text = new String(record, StandardCharsets.UTF_8);
        final int start = text.indexOf("\"payload\":") + "\"payload\":".length();
        return text.substring(start, text.length() - 1);
    }

    @Test
    void envelopeHasTheDocumentedFieldsInOrder() throws Exception {
        final JsonNode json = Json.mapper().readTree(Json.write(event("{\"id\":\"evt_1\",\"n\":1}")));
        assertThat(json.fieldNames()).toIterable().containsExactly("schemaVersion", "id", "source", "provider", "eventId",
            "eventIdOrigin", "type", "receivedAt", "verifiedAt", "ingressId", "signatureCovers", "payload");
        assertThat(json.get("eventIdOrigin").asText()).isEqualTo("provider");
        assertThat(json.get("receivedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(json.get("payload").get("n").asInt()).isEqualTo(1);
        assertThat(Json.read(Json.write(event("{\"id\":\"evt_1\",\"n\":1}")), VerifiedEvent.class))
            .isEqualTo(event("{\"id\":\"evt_1\",\"n\":1}"));
    }

    @Test
    void payloadIsEmbeddedAndReadBackByteForByte() {
        final byte[] written = Json.write(event(AWKWARD_PAYLOAD));
        assertThat(payloadBytesOf(written)).isEqualTo(AWKWARD_PAYLOAD);
        final VerifiedEvent back = Json.read(written, VerifiedEvent.class);
        assertThat(back.payload().text()).isEqualTo(AWKWARD_PAYLOAD);
        // Also through a string writer (the admin API answers with strings).
        assertThat(Json.writeString(event(AWKWARD_PAYLOAD))).contains(AWKWARD_PAYLOAD);
    }

    @Test
    void theStreamingEnvelopeWriterWritesWhatTheBindingWrites() {
        final VerifiedEvent full = event(AWKWARD_PAYLOAD);
        final VerifiedEvent sparse = new VerifiedEvent(1, "evt_2", "s", null, null, "e", EventIdOrigin.PAYLOAD_HASH, null, null, null,
            null, null, RawJson.trusted("[]".getBytes(StandardCharsets.UTF_8)));
        final VerifiedEvent tenanted = new VerifiedEvent(1, "evt_3", "s", "publisher", "acme", "e", EventIdOrigin.PROVIDER, "t",
            Instant.parse("2026-11-23T10:00:00.123456789Z"), Instant.EPOCH, "ing", List.of(), RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)));
        for (VerifiedEvent event : List.of(full, sparse, tenanted)) {
            assertThat(new String(EnvelopeJson.write(event), StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theStreamingAttemptWriterWritesWhatTheBindingWritesAndReadsBack() {
        final DeliveryTask task = DeliveryTask.first(event("{}"), "billing", Instant.parse("2026-11-23T10:00:02Z"));
        final EventRef sparseRef = new EventRef("evt_9", "s", "e", null, null, Instant.EPOCH, null);
        final DeliveryTask sparse = new DeliveryTask(DeliveryTask.SCHEMA_VERSION, "msg_1", "sub", Instant.EPOCH, null, List.of(),
            sparseRef, RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)));
        final DeliveryAttempt answered = DeliveryAttempt.answered(2, Instant.parse("2026-11-23T10:00:03.5Z"), 503, 41)
            .withResponse(SubscriberResponse.of(List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-Trace", "a\"b")),
                "{\"error\":\"db down\"}".getBytes(StandardCharsets.UTF_8), 20, 20));
        final DeliveryAttempt failed = DeliveryAttempt.failed(1, Instant.parse("2026-11-23T10:00:03Z"), "timeout after \"3s\"", 3000);
        for (AttemptEntry entry : List.of(AttemptEntry.delivered(task, DeliveryAttempt.answered(1, Instant.EPOCH, 204, 0)),
            AttemptEntry.retry(task, answered, "30s", Instant.parse("2026-11-23T10:00:33.123456789Z")),
            AttemptEntry.dead(sparse, failed, DlqReason.EXHAUSTED))) {
            final byte[] streamed = AttemptEntryJson.write(entry);
            assertThat(new String(streamed, StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(entry), StandardCharsets.UTF_8));
            assertThat(Json.read(streamed, AttemptEntry.class)).isEqualTo(entry);
        }
    }

    @Test
    void scalarAndNestedPayloadsAreCutExactly() {
        for (String payload : List.of("\"a \\\"quoted\\\" string\"", "12.500", "[ {\"a\":[]} ,null ]", "true")) {
            final VerifiedEvent back = Json.read(Json.write(event(payload)), VerifiedEvent.class);
            assertThat(back.payload().text()).isEqualTo(payload);
        }
    }

    @Test
    void readersIgnoreFieldsAddedLater() {
        final byte[] extended = "{\"schemaVersion\":1,\"id\":\"evt_x\",\"source\":\"s\",\"eventId\":\"e\",\"eventIdOrigin\":\"payload-hash\",\"future\":true}"
            .getBytes(StandardCharsets.UTF_8);
        assertThat(Json.read(extended, VerifiedEvent.class).eventIdOrigin()).isEqualTo(EventIdOrigin.PAYLOAD_HASH);
    }

    @Test
    void taskRecordCarriesTheEnvelopeAsItsValueAndTheTaskInHeaders() {
        final Instant now = Instant.parse("2026-11-23T10:00:02Z");
        final VerifiedEvent event = event(AWKWARD_PAYLOAD);
        final RawJson envelope = RawJson.trusted(Json.write(event));
        final DeliveryTask first = DeliveryTask.first(event.ref(), envelope, "billing", now);
        assertThat(first.deliveryId()).isEqualTo(DeliveryTask.first(event.ref(), envelope, "billing", now.plusSeconds(9)).deliveryId())
            .isNotEqualTo(DeliveryTask.first(event.ref(), envelope, "crm", now).deliveryId()).startsWith("msg_");
        final DeliveryTask retry = first.after(DeliveryAttempt.answered(1, now, 503, 12), now.plusSeconds(5));
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.firstAttemptAt()).isEqualTo(now);

        final Headers headers = DeliveryTaskRecord.headers(retry);
        final byte[] value = DeliveryTaskRecord.value(retry);
        assertThat(value).isSameAs(envelope.bytes());
        final DeliveryTask back = DeliveryTaskRecord.decode(headers, value);
        assertThat(back).isEqualTo(retry);
        assertThat(back.eventRef().ingressId()).isEqualTo("ing-1");
    }

    @Test
    void aRecordThatIsNotATaskIsRefusedWithWhy() {
        final DeliveryTask task = DeliveryTask.first(event("{}").ref(), RawJson.trusted("{}".getBytes(StandardCharsets.UTF_8)), "b",
            Instant.EPOCH);
        assertThatThrownBy(() -> DeliveryTaskRecord.decode(new RecordHeaders(), "{}".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(DeliveryTaskRecord.MalformedTaskException.class).hasMessageContaining("hookgate.task.version");
        assertThatThrownBy(() -> DeliveryTaskRecord.decode(DeliveryTaskRecord.headers(task), null))
            .isInstanceOf(DeliveryTaskRecord.MalformedTaskException.class).hasMessageContaining("no envelope");
        final Headers badTime = DeliveryTaskRecord.headers(task);
        badTime.remove(DeliveryTaskRecord.DUE_AT);
        badTime.add(DeliveryTaskRecord.DUE_AT, "soon".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeliveryTaskRecord.decode(badTime, "{}".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(DeliveryTaskRecord.MalformedTaskException.class).hasMessageContaining("epoch milliseconds");
        final Headers badAttempts = DeliveryTaskRecord.headers(task);
        badAttempts.add(DeliveryTaskRecord.ATTEMPTS, "[{\"number\":\"x\"".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeliveryTaskRecord.decode(badAttempts, "{}".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(DeliveryTaskRecord.MalformedTaskException.class).hasMessageContaining("attempts");
        final Headers noEvent = DeliveryTaskRecord.headers(task);
        noEvent.remove(EventRefHeaders.SOURCE);
        assertThatThrownBy(() -> DeliveryTaskRecord.decode(noEvent, "{}".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(DeliveryTaskRecord.MalformedTaskException.class).hasMessageContaining(EventRefHeaders.SOURCE);
    }

    @Test
    void dlqEntryKeepsTheEnvelopeExactlyOrSaysItCouldNot() throws Exception {
        final Instant now = Instant.parse("2026-11-23T10:00:02Z");
        final VerifiedEvent event = event(AWKWARD_PAYLOAD);
        final DeliveryTask task = DeliveryTask.first(event.ref(), RawJson.trusted(Json.write(event)), "billing", now)
            .after(DeliveryAttempt.answered(1, now, 503, 12), now);
        final DlqEntry entry = new DlqEntry("dlq-1", DlqReason.EXHAUSTED, "8 attempts", now, task);
        final byte[] written = Json.write(entry);
        final DlqEntry back = Json.read(written, DlqEntry.class);
        assertThat(back).isEqualTo(entry);
        assertThat(back.replayable()).isTrue();
        assertThat(back.task().envelope().text()).isEqualTo(new String(Json.write(event), StandardCharsets.UTF_8));
        assertThat(Json.mapper().readTree(written).get("reason").asText()).isEqualTo("exhausted");
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"amount\":12345678901234567.89");
        assertThat(back.task().replayed(now).deliveryId()).isEqualTo(task.deliveryId());

        final DlqEntry minimal = new DlqEntry(1, "dlq-2", DlqReason.EXHAUSTED, "too big", now, task.withoutEnvelope(), null);
        final DlqEntry minimalBack = Json.read(Json.write(minimal), DlqEntry.class);
        assertThat(minimalBack.replayable()).isFalse();
        assertThat(minimalBack.eventId()).isEqualTo("evt_1");
    }

    @Test
    void anUnreadableRecordIsKeptAsRead() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("x", "y".getBytes(StandardCharsets.UTF_8));
        final UnreadableRecord kept = UnreadableRecord.of("hg.dispatch", 3, 42, "billing", headers, new byte[] {1, 2, 3}, 100);
        final DlqEntry entry = new DlqEntry(1, "dlq-3", DlqReason.MALFORMED_TASK, "not a task", Instant.EPOCH, null, kept);
        final DlqEntry back = Json.read(Json.write(entry), DlqEntry.class);
        assertThat(back.record().valueBase64()).isEqualTo("AQID");
        assertThat(back.subscription()).isEqualTo("billing");
        assertThat(back.replayable()).isFalse();
        assertThat(UnreadableRecord.of("t", 0, 0, null, headers, new byte[200], 100).droppedBytes()).isEqualTo(200);
    }
}
