package io.hookgate.app.ops.events;

import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.testing.StdStreams;
import io.hookgate.app.testing.StubAdmin;
import io.hookgate.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hookgate events show} against a stub admin API: the envelope, the request as the API redacted it, where it went, the payload. */
class EventsCommandTest {

    static final String EVENT = """
        {"source":"stripe","eventId":"evt_1Nq",
         "envelope":{"schemaVersion":1,"id":"evt_g1","source":"stripe","eventId":"evt_1Nq","eventIdOrigin":"provider","type":"invoice.paid",
          "receivedAt":"2026-11-23T10:00:00.120Z","verifiedAt":"2026-11-23T10:00:00.160Z","ingressId":"ing_7",
          "payload":{"object":"event","amount":150}},
         "request":{"ingressId":"ing_7","receivedAt":"2026-11-23T10:00:00.120Z","method":"POST","clientAddress":"203.0.113.9",
          "headers":[{"name":"stripe-signature","value":"[redacted]"},{"name":"content-type","value":"application/json"}],"bodyBytes":41},
         "deliveries":[{"deliveryId":"msg_1","subscription":"billing","attemptCount":2,"outcome":"delivered",
          "lastAttemptAt":"2026-11-23T10:00:05.250Z"}],
         "dlq":[]}
        """;

    @RegisterExtension
    final StubAdmin stub = new StubAdmin();
    @RegisterExtension
    final StdStreams streams = new StdStreams();
    @TempDir
    Path devDir;

    @Test
    void showsTheEnvelopeTheRequestWhereItWentAndThePayload() throws Exception {
        stub.answer("GET /admin/events/stripe/evt_1Nq", 200, EVENT);
        assertThat(stub.run(devDir, "events", "show", "stripe", "evt_1Nq")).isEqualTo(ExitCodes.OK);
        final String out = streams.out();
        assertThat(out).contains("id          evt_g1", "type        invoice.paid", "receivedAt  2026-11-23 10:00:00Z", "ingressId   ing_7");
        assertThat(out).contains("Request:", "  method         POST", "  clientAddress  203.0.113.9", "    stripe-signature: [redacted]",
            "    content-type: application/json");
        assertThat(out).contains("Deliveries:", "msg_1     billing", "delivered", "DLQ:\n  none", "Payload:", "  \"amount\" : 150");
        streams.reset();
        assertThat(stub.run(devDir, "events", "show", "stripe", "evt_1Nq", "--json")).isZero();
        assertThat(Json.mapper().readTree(streams.out()).path("envelope").path("id").asText()).isEqualTo("evt_g1");
    }

    @Test
    void anEnvelopeThatIsNotOneIsAnInternalFailureThatSaysSo() {
        stub.answer("GET /admin/events/stripe/evt_1Nq", 200, EVENT.replace("\"eventIdOrigin\":\"provider\",", ""));
        assertThat(stub.run(devDir, "events", "show", "stripe", "evt_1Nq")).isEqualTo(ExitCodes.INTERNAL);
        assertThat(streams.err()).contains("an event whose envelope is not one").contains("eventIdOrigin");
    }

    @Test
    void anEventTheGatewayNeverSawIsNotFound() {
        stub.answer("GET /admin/events/stripe/nope", 404, "{\"error\":\"event_not_found\",\"message\":\"the admin index knows no event nope\"}");
        assertThat(stub.run(devDir, "events", "show", "stripe", "nope")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(streams.err()).contains("event_not_found: the admin index knows no event nope");
    }
}
