package io.hookgate.providers.hmac;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
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

class HmacSchemeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void behavesAsGithubWhenConfiguredAsGithub() {
        final SourceScheme generic = TestSources.scheme("x", "{provider: hmac, header: X-Hub-Signature-256, prefix: \"sha256=\", secrets: [mysecret]}");
        accepted(generic, TestSources.request("x", NOW, HttpHeaders.empty().with("Content-Type", "application/json")
                .with("X-Hub-Signature-256", "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3"),
            "{\"foo\":\"bar\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void templateWithIdTimestampAndBodyBase64Sha512() {
        final SourceScheme generic = TestSources.scheme("x", "{provider: hmac, header: X-Sig, algorithm: sha512, encoding: base64,"
            + " timestampHeader: X-Ts, idHeader: X-Id, signedContent: \"{id}:{timestamp}:{body}\", secrets: [k3y]}");
        final byte[] body = "plain text body".getBytes(StandardCharsets.UTF_8);
        final String ts = Long.toString(NOW.getEpochSecond());
        final String mac = Encoding.BASE64.encode(Hmac.compute(Hmac.Algorithm.SHA512, Hmac.utf8("k3y"), Hmac.utf8("evt-9:" + ts + ":"), body));
        final HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "text/plain").with("X-Id", "evt-9").with("X-Ts", ts).with("X-Sig", mac);
        final Verification.Accepted accepted = accepted(generic, TestSources.request("x", NOW, headers, body));
        assertThat(accepted.identity().eventId()).isEqualTo("evt-9");
        assertThat(accepted.payload().tree().get("text").asText()).isEqualTo("plain text body");

        assertThat(reasonOf(generic, TestSources.request("x", NOW.plusSeconds(301), headers, body))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(reasonOf(generic, TestSources.request("x", NOW, HttpHeaders.of(headers.asList().stream()
            .map(h -> h.name().equals("X-Id") ? new HttpHeaders.Header("X-Id", "evt-10") : h).toList()), body)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(generic, TestSources.request("x", NOW, HttpHeaders.of(headers.asList().stream()
            .filter(h -> !h.name().equals("X-Id")).toList()), body))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void defaultTemplateWithATimestampIsTimestampDotBody() {
        final SourceScheme generic = TestSources.scheme("x", "{provider: hmac, header: X-Sig, timestampHeader: X-Ts, secrets: [k3y]}");
        final byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        final String ts = Long.toString(NOW.getEpochSecond());
        final String mac = Encoding.HEX.encode(Hmac.compute(Hmac.Algorithm.SHA256, Hmac.utf8("k3y"), Hmac.utf8(ts + "."), body));
        final Verification.Accepted accepted = accepted(generic, TestSources.request("x", NOW,
            HttpHeaders.empty().with("X-Ts", ts).with("X-Sig", mac), body));
        assertThat(accepted.identity().origin()).isEqualTo(EventIdOrigin.PAYLOAD_HASH);
    }

    @Test
    void headersOutsideTheSignedContentAreConfigurationErrorsThatSayWhy() {
        assertThatThrownBy(() -> TestSources.scheme("x", "{provider: hmac, header: X-Sig, idHeader: X-Id, secrets: [k3y]}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources.x.idHeader: is not in signedContent")
            .hasMessageContaining("under another id");
        assertThatThrownBy(() -> TestSources.scheme("x", "{provider: hmac, header: X-Sig, timestampHeader: X-Ts,"
            + " signedContent: \"{body}\", secrets: [k3y]}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources.x.timestampHeader: is not in signedContent")
            .hasMessageContaining("year-old body");
        // Signed, both are fine; the envelope then says what was covered.
        final SourceScheme signed = TestSources.scheme("x", "{provider: hmac, header: X-Sig, idHeader: X-Id, timestampHeader: X-Ts,"
            + " signedContent: \"{id}.{timestamp}.{body}\", secrets: [k3y]}");
        final byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        final String ts = Long.toString(NOW.getEpochSecond());
        final String mac = Encoding.HEX.encode(Hmac.compute(Hmac.Algorithm.SHA256, Hmac.utf8("k3y"), Hmac.utf8("e1." + ts + "."), body));
        final Verification.Accepted accepted = accepted(signed, TestSources.request("x", NOW, HttpHeaders.empty()
            .with("Content-Type", "application/json").with("X-Id", "e1").with("X-Ts", ts).with("X-Sig", mac), body));
        assertThat(accepted.signatureCovers()).containsExactly("id", "timestamp", "body");
        assertThat(accepted.identity().idSigned()).isTrue();
    }

    @Test
    void configurationIsValidatedWithPaths() {
        assertThatThrownBy(() -> TestSources.scheme("x", "{provider: hmac, secrets: [k]}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources.x.header: required");
        assertThatThrownBy(() -> TestSources.scheme("x", "{provider: hmac, header: X, algorithm: md5, encoding: base32, secrets: [k]}"))
            .hasMessageContaining("sources.x.algorithm: 'md5' is not one of sha1, sha256, sha512")
            .hasMessageContaining("sources.x.encoding: 'base32' is not one of base64, hex");
        assertThatThrownBy(() -> TestSources.scheme("x", "{provider: hmac, header: X, signedContent: \"{timestamp}\", secrets: [k]}"))
            .hasMessageContaining("sources.x.signedContent: must contain {body}");
        assertThatThrownBy(() -> TestSources.scheme("x", "{provider: hmac, header: X, signedContent: \"{id}.{body}\", secrets: [k]}"))
            .hasMessageContaining("sources.x.signedContent: uses {id} but no idHeader is set");
        assertThatThrownBy(() -> TestSources.scheme("x", "{provider: hmac, header: X, signedContent: \"{nonce}.{body}\", secrets: [k]}"))
            .hasMessageContaining("unknown placeholder {nonce}");
    }
}
