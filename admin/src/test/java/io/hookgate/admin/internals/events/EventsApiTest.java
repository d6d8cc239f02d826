package io.hookgate.admin.internals.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.TestAdmin;
import io.hookgate.admin.TestConfigs;
import io.hookgate.admin.internals.view.Fixtures;
import io.hookgate.admin.internals.view.VerifiedRef;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.subscription.Subscriptions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.hookgate.admin.TestAdmin.error;
import static io.hookgate.admin.TestAdmin.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's page over HTTP: its envelope as Kafka holds it, its raw request with every credential
 * redacted, where it went; 404 {@code event_not_found} for an event the index never saw and, to a
 * tenant, for another tenant's event; 410 when the envelope is gone.
 */
class EventsApiTest {

    static final String OPERATOR = TestConfigs.OPERATOR_TOKEN;
    static final String ACME = TestConfigs.ACME_TOKEN;
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    TestAdmin admin;

    @BeforeEach
    void start(@TempDir final Path dir) throws Exception {
        final HookgateConfig config = TestConfigs.withTenant();
        admin = new TestAdmin(dir, config, Subscriptions.of(config), List.of(), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        publish("shop", "evt_1", "ing_1", 3, true);
        publish("acme-shop", "evt_9", "ing_9", 4, true);
        Fixtures.indexAttempts(admin.deliveries,
            Fixtures.attempt("msg_b1", "billing", "shop", "evt_1", 1, T0.plusSeconds(1), 200, 10),
            Fixtures.attempt("msg_b2", "billing", "shop", "evt_2", 1, T0.plusSeconds(2), 200, 10),
            Fixtures.attempt("msg_a1", "acme-sub", "acme-shop", "evt_9", 1, T0.plusSeconds(3), 200, 5));
        Fixtures.indexDlq(admin.dlq, 0, Fixtures.dlqJson("dlq_1", "billing", "shop", "evt_1", "rejected", T0.plusSeconds(5)));
        Fixtures.indexDlq(admin.dlq, 1, Fixtures.dlqJson("dlq_2", "billing", "shop", "evt_2", "rejected", T0.plusSeconds(6)));
    }

    /** Puts the envelope of {@code eventId} at {@code offset} of its verified topic, indexed, and (when {@code withRaw}) its raw request. */
    private void publish(final String source, final String eventId, final String ingressId, final long offset, final boolean withRaw)
        throws Exception {
        final String topic = "t.verified." + source;
        final VerifiedEvent event = EventRecords.event(source, eventId, ingressId, T0);
        final ProducerRecord<byte[], byte[]> record = EventRecords.verified(topic, event);
        admin.records.put(topic + "/0/" + offset, EventRecords.consumed(record, 0, offset));
        if (withRaw) {
            admin.rawRequests.put(ingressId, EventRecords.consumed(EventRecords.raw("t.ingress.raw", EventRecords.request(event)), 0, 7));
        }
        Fixtures.indexEvent(admin.events, source, eventId, new VerifiedRef(topic, 0, offset, T0));
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void answersTheEnvelopeTheRequestAndWhereItWent() throws Exception {
        final JsonNode event = json(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_1", null), 200);
        assertThat(event.path("source").asText()).isEqualTo("shop");
        assertThat(event.path("eventId").asText()).isEqualTo("evt_1");
        final JsonNode envelope = event.path("envelope");
        assertThat(envelope.path("id").asText()).isEqualTo("evt_gw_evt_1");
        assertThat(envelope.path("ingressId").asText()).isEqualTo("ing_1");
        assertThat(envelope.path("payload").path("type").asText()).isEqualTo("order.paid");
        // The provider's bytes, unchanged: 1.50 stays 1.50.
        assertThat(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_1", null).body()).contains("\"amount\": 1.50");
        final JsonNode request = event.path("request");
        assertThat(request.path("ingressId").asText()).isEqualTo("ing_1");
        assertThat(request.path("receivedAt").asText()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("clientAddress").asText()).isEqualTo("203.0.113.9");
        assertThat(request.path("bodyBytes").asInt()).isEqualTo(EventRecords.PAYLOAD.length());
        assertThat(request.has("unavailable")).isFalse();
        assertThat(event.path("deliveries")).extracting(d -> d.path("deliveryId").asText()).containsExactly("msg_b1");
        assertThat(event.path("deliveries").get(0).path("attempts")).hasSize(1);
        assertThat(event.path("dlq")).extracting(d -> d.path("id").asText()).containsExactly("dlq_1");
    }

    @Test
    void theRequestsCredentialsAreRedactedAsInARejectedEntry() throws Exception {
        final String body = admin.call(OPERATOR, "GET", "/admin/events/shop/evt_1", null).body();
        assertThat(body).doesNotContain(EventRecords.SIGNATURE).doesNotContain("s3cr3t-bearer");
        final List<String> headers = new ArrayList<>();
        json(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_1", null), 200).path("request").path("headers")
            .forEach(header -> headers.add(header.path("name").asText() + "=" + header.path("value").asText()));
        assertThat(headers).containsExactly("content-type=application/json", "webhook-signature=[redacted]", "authorization=[redacted]",
            "user-agent=Acme-Hooks/2.1");
    }

    @Test
    void aRawRequestNoLongerFoundLeavesWhatTheEnvelopeSays() throws Exception {
        publish("shop", "evt_3", "ing_3", 8, false);
        final JsonNode request = json(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_3", null), 200).path("request");
        assertThat(request.path("ingressId").asText()).isEqualTo("ing_3");
        assertThat(request.path("receivedAt").asText()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(request.path("unavailable").asText()).contains("t.ingress.raw");
        assertThat(request.has("headers")).isFalse();
    }

    @Test
    void anEventTheIndexNeverSawIsNotFound() throws Exception {
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_nope", null), 404)).isEqualTo("event_not_found");
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/events/nowhere/evt_1", null), 404)).isEqualTo("event_not_found");
        // evt_2 was delivered, but the index has no envelope of it.
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_2", null), 404)).isEqualTo("event_not_found");
    }

    @Test
    void aTenantSeesItsOwnEventsOnlyAndAnotherTenantsAsIfItDidNotExist() throws Exception {
        final JsonNode own = json(admin.call(ACME, "GET", "/admin/events/acme-shop/evt_9", null), 200);
        assertThat(own.path("envelope").path("eventId").asText()).isEqualTo("evt_9");
        assertThat(own.path("deliveries")).extracting(d -> d.path("deliveryId").asText()).containsExactly("msg_a1");
        final String refused = admin.call(ACME, "GET", "/admin/events/shop/evt_1", null).body();
        assertThat(error(admin.call(ACME, "GET", "/admin/events/shop/evt_1", null), 404)).isEqualTo("event_not_found");
        assertThat(refused).as("the same answer as for an event that does not exist").isEqualTo(
            admin.call(ACME, "GET", "/admin/events/shop/evt_1", null).body()).doesNotContain("order.paid");
        assertThat(json(admin.call(OPERATOR, "GET", "/admin/events/acme-shop/evt_9", null), 200).path("eventId").asText()).isEqualTo("evt_9");
        assertThat(error(admin.call(null, "GET", "/admin/events/shop/evt_1", null), 401)).isEqualTo("unauthorized");
    }

    @Test
    void anEnvelopeGoneFromKafkaIsGoneAndParametersAreRefused() throws Exception {
        admin.records.clear();
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_1", null), 410)).isEqualTo("original_gone");
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_1?limit=3", null), 400)).isNotBlank();
    }

    @Test
    void anotherRecordAtTheEnvelopesPlaceIsNotTakenForIt() throws Exception {
        final String topic = "t.verified.shop";
        admin.records.put(topic + "/0/3", EventRecords.consumed(EventRecords.verified(topic, EventRecords.event("shop", "evt_other",
            "ing_x", T0)), 0, 3));
        assertThat(error(admin.call(OPERATOR, "GET", "/admin/events/shop/evt_1", null), 410)).isEqualTo("original_gone");
    }
}
