package io.hookgate.providers.shopify;

import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Shopify has no Java SDK; the vector is the shopify-api (JS) SDK's validate test. */
class ShopifySchemeTest {

    private static final String BODY = "{\"foo\": \"bar\"}";
    private static final String SIGNATURE = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final SourceScheme shopify = TestSources.scheme("shop", "{provider: shopify, secrets: [\"test_secret_key\"]}");

    private static RawRequest request(final HttpHeaders headers, final String body) {
        return TestSources.request("shop", NOW, headers.with("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheSdkVectorAndPrefersTheEventId() {
        final HttpHeaders classic = HttpHeaders.empty().with("X-Shopify-Hmac-Sha256", SIGNATURE).with("X-Shopify-Topic", "products/create")
            .with("X-Shopify-Shop-Domain", "shop1.myshopify.io").with("X-Shopify-Webhook-Id", "123456789");
        final Verification.Accepted byWebhookId = accepted(shopify, request(classic, BODY));
        assertThat(byWebhookId.identity().eventId()).isEqualTo("123456789");
        assertThat(byWebhookId.identity().type()).isEqualTo("products/create");
        assertThat(accepted(shopify, request(classic.with("X-Shopify-Event-Id", "evt-42"), BODY)).identity().eventId()).isEqualTo("evt-42");
        final Verification.Accepted events = accepted(shopify, request(HttpHeaders.empty().with("shopify-hmac-sha256", SIGNATURE)
            .with("shopify-event-id", "e-1").with("shopify-topic", "orders/create"), BODY));
        assertThat(events.identity().eventId()).isEqualTo("e-1");
        assertThat(accepted(shopify, request(HttpHeaders.empty().with("X-Shopify-Hmac-Sha256", SIGNATURE), BODY)).identity().origin())
            .isEqualTo(EventIdOrigin.PAYLOAD_HASH);
    }

    @Test
    void negativeCases() {
        assertThat(reasonOf(shopify, request(HttpHeaders.empty().with("X-Shopify-Hmac-Sha256", SIGNATURE), "{\"foo\":\"bar\"}")))
            .as("re-serialised JSON").isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(shopify, request(HttpHeaders.empty(), BODY))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(shopify, request(HttpHeaders.empty().with("X-Shopify-Hmac-Sha256", "076dad5cdebcd60674d0a885ac6db4c11f4b5d20e4a86bf"), BODY)))
            .as("hex where base64 is due").isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(shopify, request(HttpHeaders.empty().with("X-Shopify-Hmac-Sha256", "B23t XN68"), BODY)))
            .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(TestSources.scheme("shop", "{provider: shopify, secrets: [\"other\"]}"),
            request(HttpHeaders.empty().with("X-Shopify-Hmac-Sha256", SIGNATURE), BODY))).isEqualTo(RejectReason.BAD_SIGNATURE);
    }
}
