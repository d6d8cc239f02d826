package io.hookgate.providers.docusign;

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

/** DocuSign publishes no vectors and no signer: the vector is derived (the research recomputed it with Python and Node). */
class DocusignSchemeTest {

    private static final String KEY = "docusign_hmac_key_example=";
    private static final String BODY = "{\"event\":\"envelope-completed\",\"apiVersion\":\"v2.1\",\"uri\":\"/restapi/v2.1/accounts/acc/envelopes/env\","
        + "\"retryCount\":0,\"configurationId\":1,\"generatedDateTime\":\"2024-01-15T10:30:00.0000000Z\",\"data\":{\"envelopeId\":\"env\"}}";
    private static final String SIGNATURE = "Av0Ut2Yh6iOFMsqXB6M9h3WY9E3l/JlymhnbQgD4Bk0=";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static RawRequest request(final HttpHeaders signatures, final String body) {
        return TestSources.request("ds", NOW, signatures.with("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheDerivedVectorWithTheKeyAsTextAndACompositeId() {
        final SourceScheme docusign = TestSources.scheme("ds", "{provider: docusign, secrets: [\"" + KEY + "\"]}");
        final Verification.Accepted accepted = accepted(docusign, request(HttpHeaders.empty().with("X-DocuSign-Signature-1", SIGNATURE), BODY));
        assertThat(accepted.identity().eventId()).isEqualTo("1|envelope-completed|env||2024-01-15T10:30:00.0000000Z");
        assertThat(accepted.identity().type()).isEqualTo("envelope-completed");
    }

    @Test
    void anyNumberedHeaderMayCarryTheMatchingKey() {
        final SourceScheme docusign = TestSources.scheme("ds", "{provider: docusign, secrets: [\"" + KEY + "\"]}");
        accepted(docusign, request(HttpHeaders.empty()
            .with("X-DocuSign-Signature-1", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
            .with("X-DocuSign-Signature-2", SIGNATURE), BODY));
    }

    @Test
    void negativeCases() {
        final SourceScheme docusign = TestSources.scheme("ds", "{provider: docusign, secrets: [\"" + KEY + "\"]}");
        final HttpHeaders good = HttpHeaders.empty().with("X-DocuSign-Signature-1", SIGNATURE);
        assertThat(reasonOf(docusign, request(good, BODY.replace("env\"}", "env2\"}")))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(docusign, request(HttpHeaders.empty(), BODY))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(docusign, request(HttpHeaders.empty().with("X-DocuSign-Signature-1", "not base64!"), BODY)))
            .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(docusign, request(HttpHeaders.empty().with("X-DocuSign-Signature-1", SIGNATURE.substring(0, 20)), BODY)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        // The key is used as text: decoding it first (as base64) must not verify.
        final SourceScheme decoded = TestSources.scheme("ds", "{provider: docusign, secrets: [\"docusign_hmac_key_example\"]}");
        assertThat(reasonOf(decoded, request(good, BODY))).isEqualTo(RejectReason.BAD_SIGNATURE);
    }
}
