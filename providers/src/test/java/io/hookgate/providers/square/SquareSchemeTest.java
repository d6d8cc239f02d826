package io.hookgate.providers.square;

import com.squareup.square.utilities.WebhooksHelper;
import io.hookgate.core.config.ConfigException;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SquareSchemeTest {

    private static final String URL = "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9";
    private static final String KEY = "Ibxx_5AKakO-3qeNVR61Dw";
    private static final String BODY = "{\"merchant_id\":\"MLEFBHHSJGVHD\",\"type\":\"webhooks.test_notification\",\"event_id\":\"ac3ac95b-f97d-458c-a6e6-18981597e05f\","
        + "\"created_at\":\"2022-07-13T20:30:59.037339943Z\",\"data\":{\"type\":\"webhooks\",\"id\":\"bc368e64-01aa-407e-b46e-3231809b1129\"}}";
    private static final String SIGNATURE = "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static SourceScheme square(final String url, final String key) {
        return TestSources.scheme("sq", "{provider: square, publicUrl: \"" + url + "\", secrets: [\"" + key + "\"]}");
    }

    private static RawRequest request(final String signature, final String body) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (signature != null) {
            headers = headers.with("x-square-hmacsha256-signature", signature);
        }
        return TestSources.request("sq", NOW, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheSdkTestVectors() {
        final Verification.Accepted accepted = accepted(square(URL, KEY), request(SIGNATURE, BODY));
        assertThat(accepted.identity().eventId()).isEqualTo("ac3ac95b-f97d-458c-a6e6-18981597e05f");
        assertThat(accepted.identity().type()).isEqualTo("webhooks.test_notification");
        accepted(square("https://webhook.site/webhooks", "signature-key"),
            request("W3FlCNk5IA3ZQ2LHTWoajvzfaDu/OwY2tNHIHC3IUOA=", "{\"data\":{\"type\":\"webhooks\",\"id\":\"fake_id\"}}"));
    }

    @Test
    void theSdkAcceptsWhatHookgateSigns() {
        final SourceScheme square = square(URL, KEY);
        final SignedRequest signed = square.sign(square.sampleBody(NOW), NOW);
        assertThat(WebhooksHelper.verifySignature(new String(signed.body(), StandardCharsets.UTF_8),
            signed.headers().first("x-square-hmacsha256-signature").orElseThrow(), KEY, URL)).isTrue();
        accepted(square, TestSources.received("sq", NOW, signed));
    }

    @Test
    void theSdksNegativeCases() {
        assertThat(reasonOf(square("https://webhook.site/79a4f3a-dcfa-49ee-bac5-9d0edad886b9", KEY), request(SIGNATURE, BODY)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(square(URL, "MCmhFRxGX82xMwg5FsaoQA"), request(SIGNATURE, BODY))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(square(URL, KEY), request("1z2n3DEJJiUPKcPzQo1ftvbxGdw=", BODY))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(square(URL, KEY), request(SIGNATURE, BODY.replace("2022-07-13", "2022-06-13")))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(square(URL, KEY), request(SIGNATURE, BODY.replace(",", ",\n  ")))).as("pretty-printed").isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(square(URL, KEY), request(null, BODY))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(square(URL, KEY), request("%%%", BODY))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void publicUrlIsRequired() {
        assertThatThrownBy(() -> TestSources.scheme("sq", "{provider: square, secrets: [\"k\"]}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources.sq.publicUrl: required for square");
    }
}
