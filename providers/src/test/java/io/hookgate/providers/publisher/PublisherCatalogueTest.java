package io.hookgate.providers.publisher;

import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.hookgate.providers.publisher.PublisherSchemeTest.TOKEN;
import static io.hookgate.providers.testing.Verdicts.accepted;
import static org.assertj.core.api.Assertions.assertThat;

/** A source's catalogue at run time: a publisher's undeclared types, and any source's schemas. */
class PublisherCatalogueTest {

    private Path orderSchema;

    @BeforeEach
    void writeSchema(@TempDir final Path dir) throws IOException {
        orderSchema = dir.resolve("order-created.json");
        Files.writeString(orderSchema, """
            {"type": "object", "required": ["orderId", "total"],
             "properties": {"orderId": {"type": "integer"}, "total": {"type": "number", "minimum": 0},
                            "lines": {"type": "array", "items": {"required": ["sku"]}}}}
            """);
    }

    private SourceScheme app() {
        return TestSources.scheme("app", "{provider: publisher, secrets: [\"" + TOKEN + "\"], eventTypes: [{name: order.created, schema: \""
            + orderSchema + "\"}, order.cancelled]}");
    }

    private static RawRequest publish(final String type, final String body) {
        return TestSources.request("app", Instant.now(), HttpHeaders.empty().with("Authorization", "Bearer " + TOKEN).with("Event-Type", type),
            body.getBytes(StandardCharsets.UTF_8));
    }

    private static Verification.Rejected rejected(final SourceScheme scheme, final RawRequest request) {
        final Verification verification = scheme.verify(request);
        assertThat(verification).isInstanceOf(Verification.Rejected.class);
        return (Verification.Rejected) verification;
    }

    @Test
    void aTypeThePublisherDoesNotDeclareIsUnknown() {
        final Verification.Rejected rejected = rejected(app(), publish("order.shipped", "{}"));
        assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(rejected.detail()).isEqualTo("event type 'order.shipped' is not declared by source app (declared: order.cancelled, order.created)");
        accepted(app(), publish("order.cancelled", "{\"anything\": [1, 2]}"));
    }

    @Test
    void aPayloadBreakingItsTypesSchemaIsAViolationNamingThePointer() {
        final Verification.Rejected rejected = rejected(app(), publish("order.created", "{\"orderId\": 7, \"total\": -1}"));
        assertThat(rejected.reason()).isEqualTo(RejectReason.SCHEMA_VIOLATION);
        assertThat(rejected.detail()).isEqualTo("the payload breaks the schema of order.created (order-created.json) at \"/total\": "
            + "must have a minimum value of 0");
        assertThat(rejected(app(), publish("order.created", "{\"orderId\": 7, \"total\": 1, \"lines\": [{\"sku\": \"a\"}, {}]}")).detail())
            .contains("at \"/lines/1\": required property 'sku' not found");
        assertThat(rejected(app(), publish("order.created", "{\"total\": 1}")).detail()).contains("at \"\": required property 'orderId' not found");
    }

    @Test
    void aConformingPayloadKeepsItsBytes() {
        final String body = "{\"orderId\": 7,\n \"total\": 12.50000000000000000001, \"note\": \"caf\\u00e9\"}";
        final Verification.Accepted event = accepted(app(), publish("order.created", body));
        assertThat(new String(event.payload().json().bytes(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void aPublisherWithoutDeclaredTypesAcceptsAnyType() {
        final SourceScheme open = TestSources.scheme("app", "{provider: publisher, secrets: [\"" + TOKEN + "\"]}");
        assertThat(accepted(open, publish("whatever.happened", "{}")).identity().type()).isEqualTo("whatever.happened");
    }

    @Test
    void aProviderSourceWithASchemaIsCheckedButKeepsUndeclaredTypes() {
        final SourceScheme token = TestSources.scheme("t", "{provider: token, secrets: [tok_9f8e7d6c5b4a39281706], eventTypes: "
            + "[{name: order.created, schema: \"" + orderSchema + "\"}]}");
        final HttpHeaders headers = HttpHeaders.empty().with("Authorization", "Bearer tok_9f8e7d6c5b4a39281706");
        assertThat(rejected(token, TestSources.request("t", Instant.now(), headers,
            "{\"type\": \"order.created\", \"orderId\": \"7\", \"total\": 1}".getBytes(StandardCharsets.UTF_8))).detail())
            .contains("at \"/orderId\"");
        accepted(token, TestSources.request("t", Instant.now(), headers,
            "{\"type\": \"order.shipped\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignedSampleCarriesADeclaredTypeItsBodyCanMeet() {
        final SourceScheme app = app();
        final Instant now = Instant.now();
        final SignedRequest signed = app.sign(app.sampleBody(now), now);
        assertThat(signed.headers().first("Event-Type")).contains("order.cancelled");
        accepted(app, TestSources.received("app", now, signed));
    }
}
