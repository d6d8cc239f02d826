package io.hookgate.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DeliveryTask;
import io.hookgate.core.delivery.DlqEntry;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.id.StableIds;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RecordJsonTest {

    private static VerifiedEvent event() throws Exception {
        return new VerifiedEvent(1, StableIds.eventId("stripe", "evt_1"), "stripe", "stripe", null, "evt_1", EventIdOrigin.PROVIDER,
            "invoice.paid", Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:01Z"), "ing-1",
            Json.mapper().readTree("{\"id\":\"evt_1\",\"n\":1}"));
    }

    @Test
    void envelopeHasTheDocumentedFieldsInOrder() throws Exception {
        final JsonNode json = Json.mapper().readTree(Json.write(event()));
        assertThat(json.fieldNames()).toIterable().containsExactly("schemaVersion", "id", "source", "provider", "eventId",
            "eventIdOrigin", "type", "receivedAt", "verifiedAt", "ingressId", "payload");
        assertThat(json.get("eventIdOrigin").asText()).isEqualTo("provider");
        assertThat(json.get("receivedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(Json.read(Json.write(event()), VerifiedEvent.class)).isEqualTo(event());
    }

    @Test
    void readersIgnoreFieldsAddedLater() {
        final byte[] extended = "{\"schemaVersion\":1,\"id\":\"evt_x\",\"source\":\"s\",\"eventId\":\"e\",\"eventIdOrigin\":\"payload-hash\",\"future\":true}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Json.read(extended, VerifiedEvent.class).eventIdOrigin()).isEqualTo(EventIdOrigin.PAYLOAD_HASH);
    }

    @Test
    void taskCarriesAttemptsAndStableDeliveryId() throws Exception {
        final Instant now = Instant.parse("2026-11-23T10:00:02Z");
        final DeliveryTask first = DeliveryTask.first(event(), "billing", now);
        assertThat(first.deliveryId()).isEqualTo(DeliveryTask.first(event(), "billing", now.plusSeconds(9)).deliveryId())
            .isNotEqualTo(DeliveryTask.first(event(), "crm", now).deliveryId()).startsWith("msg_");
        final DeliveryTask retry = first.after(DeliveryAttempt.answered(1, now, 503, 12), now.plusSeconds(5));
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.firstAttemptAt()).isEqualTo(now);

        final JsonNode json = Json.mapper().readTree(Json.write(retry));
        assertThat(json.get("attempt").asInt()).isEqualTo(2);
        assertThat(json.get("attempts").get(0).get("status").asInt()).isEqualTo(503);
        assertThat(json.get("attempts").get(0).has("error")).isFalse();
        assertThat(Json.read(Json.write(retry), DeliveryTask.class)).isEqualTo(retry);

        final DlqEntry entry = new DlqEntry(1, "dlq-1", DlqReason.EXHAUSTED, "8 attempts", now, retry);
        final DlqEntry back = Json.read(Json.write(entry), DlqEntry.class);
        assertThat(back).isEqualTo(entry);
        assertThat(Json.mapper().readTree(Json.write(entry)).get("reason").asText()).isEqualTo("exhausted");
        assertThat(back.task().replayed(now).deliveryId()).isEqualTo(retry.deliveryId());
    }
}
