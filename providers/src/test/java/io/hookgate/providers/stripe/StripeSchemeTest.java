package io.hookgate.providers.stripe;

import com.stripe.net.Webhook;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

class StripeSchemeTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String PRETTY = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";
    private final SourceScheme stripe = TestSources.scheme("stripe", "{provider: stripe, secrets: [\"" + SECRET + "\"]}");

    private static RawRequest request(final String header, final String body, final Instant receivedAt) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (header != null) {
            headers = headers.with("Stripe-Signature", header);
        }
        return TestSources.request("stripe", receivedAt, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsSdkGeneratedVectors() {
        final Verification.Accepted first = accepted(stripe, request(
            "t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150", PRETTY, Instant.ofEpochSecond(1_700_000_000L)));
        assertThat(first.identity().eventId()).isEqualTo("evt_test_webhook");
        accepted(stripe, request("t=1614265330,v1=42b3d2b2181207b6b299df380bf37599bb895dc182467ba12e046b1916c4cd19",
            "{\"id\":\"evt_1\",\"object\":\"event\"}", Instant.ofEpochSecond(1_614_265_330L)));
    }

    @Test
    void acceptsWhatStripeJavaSigns() throws Exception {
        final String body = "{\"id\":\"evt_sdk\",\"object\":\"event\",\"type\":\"invoice.paid\"}";
        final String header = Webhook.Signature.generateSignatureHeader(body, SECRET, 1_750_000_000L);
        final Verification.Accepted accepted = accepted(stripe, request(header, body, Instant.ofEpochSecond(1_750_000_010L)));
        assertThat(accepted.identity().type()).isEqualTo("invoice.paid");
    }

    @Test
    void stripeJavaAcceptsWhatHookgateSigns() throws Exception {
        final Instant now = Instant.now();
        final SignedRequest signed = stripe.sign(stripe.sampleBody(now), now);
        final String payload = new String(signed.body(), StandardCharsets.UTF_8);
        assertThat(Webhook.Signature.verifyHeader(payload, signed.headers().first("Stripe-Signature").orElseThrow(), SECRET, 300,
            Clock.fixed(now, ZoneOffset.UTC))).isTrue();
        accepted(stripe, TestSources.received("stripe", now, signed));
    }

    @Test
    void severalV1AndIgnoredV0() {
        final String header = "t=1700000000,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39,"
            + "v1=0000000000000000000000000000000000000000000000000000000000000000,"
            + "v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";
        accepted(stripe, request(header, PRETTY, Instant.ofEpochSecond(1_700_000_000L)));
        // A v0 alone never verifies, even when its value is the right MAC (downgrade).
        assertThat(reasonOf(stripe, request("t=1700000000,v0=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150",
            PRETTY, Instant.ofEpochSecond(1_700_000_000L)))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void rotationTriesEverySecret() {
        final SourceScheme rotating = TestSources.scheme("stripe", "{provider: stripe, secrets: [\"whsec_new\", \"" + SECRET + "\"]}");
        accepted(rotating, request("t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150", PRETTY,
            Instant.ofEpochSecond(1_700_000_000L)));
    }

    @Test
    void windowIsCountedFromTheReceiveTimeBothWays() {
        final String header = "t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";
        assertThat(reasonOf(stripe, request(header, PRETTY, Instant.ofEpochSecond(1_700_000_301L)))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(reasonOf(stripe, request(header, PRETTY, Instant.ofEpochSecond(1_699_999_699L)))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        accepted(stripe, request(header, PRETTY, Instant.ofEpochSecond(1_700_000_300L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150",
        "t=01700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150",
        "t=+1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150",
        "t=abc,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150",
        "t=1700000000", "t=1700000000,v1=zz", "garbage", ""})
    void malformedHeaders(final String header) {
        assertThat(reasonOf(stripe, request(header, PRETTY, Instant.ofEpochSecond(1_700_000_000L)))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void otherNegatives() {
        final String header = "t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";
        final Instant at = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(reasonOf(stripe, request(header, PRETTY + " ", at))).as("tampered").isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(stripe, request(null, PRETTY, at))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(stripe, request(header.substring(0, 50), PRETTY, at))).as("truncated").isEqualTo(RejectReason.BAD_SIGNATURE);
        // Stripe keys by the whole whsec_ string: decoding it as Standard Webhooks does must not verify.
        assertThat(reasonOf(TestSources.scheme("stripe", "{provider: stripe, secrets: [\"test_secret\"]}"), request(header, PRETTY, at)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(TestSources.scheme("stripe", "{provider: stripe}"), request(header, PRETTY, at))).isEqualTo(RejectReason.NO_SECRET);
    }
}
