package io.hookgate.providers.checkr;

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

/** Checkr publishes no vectors and no signer: the vector is derived (recomputed with Python and Node by the research). */
class CheckrSchemeTest {

    private static final String BODY = "{\"id\":\"1002d6bca6acdfcbb8442178\",\"object\":\"event\",\"type\":\"report.completed\","
        + "\"created_at\":\"2018-08-17T01:12:43Z\",\"data\":{\"object\":{\"id\":\"a13f4827d8711ddc75abc56ct\",\"object\":\"report\"}}}";
    private static final String SIGNATURE = "8e22b390d2051f0888e1d02c72d54f6ee92da610f70024c128c532b9d29ab134";

    private final SourceScheme checkr = TestSources.scheme("checkr", "{provider: checkr, secrets: [\"checkr_test_api_key\"]}");

    private static RawRequest request(final String signature, final String body) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (signature != null) {
            headers = headers.with("X-Checkr-Signature", signature);
        }
        return TestSources.request("checkr", Instant.now(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheDerivedVector() {
        final Verification.Accepted accepted = accepted(checkr, request(SIGNATURE, BODY));
        assertThat(accepted.identity().eventId()).isEqualTo("1002d6bca6acdfcbb8442178");
        assertThat(accepted.identity().type()).isEqualTo("report.completed");
    }

    @Test
    void negativeCases() {
        assertThat(reasonOf(checkr, request(SIGNATURE, BODY.replace("completed", "upgraded")))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(checkr, request(null, BODY))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(checkr, request("sha256=" + SIGNATURE, BODY))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(checkr, request(SIGNATURE.substring(0, 32), BODY))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(TestSources.scheme("checkr", "{provider: checkr}"), request(SIGNATURE, BODY))).isEqualTo(RejectReason.NO_SECRET);
    }
}
