package io.hookgate.providers.zoom;

import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Zoom publishes no vectors and no Java SDK: these are derived (recomputed with Python and Node by the research). */
class ZoomSchemeTest {

    private static final String BODY = "{\"event\":\"meeting.started\",\"event_ts\":1700000000000,\"payload\":{\"account_id\":\"AAAA\",\"object\":{\"id\":\"123\"}}}";
    private static final String SIGNATURE = "v0=809657c9b751f4fb7200f1d6adac4033c3919a5f9ba38e98048eb8a29db7b314";
    private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L);

    private final SourceScheme zoom = TestSources.scheme("zoom", "{provider: zoom, secrets: [\"zoom_secret_token\"]}");

    private static RawRequest request(final String timestamp, final String signature, final String body, final Instant at) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (timestamp != null) {
            headers = headers.with("x-zm-request-timestamp", timestamp);
        }
        if (signature != null) {
            headers = headers.with("x-zm-signature", signature);
        }
        return TestSources.request("zoom", at, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheDerivedVectorAndHashesThePayloadForAnId() {
        final Verification.Accepted accepted = accepted(zoom, request("1700000000", SIGNATURE, BODY, AT));
        assertThat(accepted.identity().type()).isEqualTo("meeting.started");
        // Same payload, keys in another order: the same id (canonical hash).
        assertThat(accepted.identity().eventId()).isEqualTo(io.hookgate.providers.payload.Payloads.hashIdentity(
            Json.read("{\"payload\":{\"object\":{\"id\":\"123\"},\"account_id\":\"AAAA\"},\"event_ts\":1700000000000,\"event\":\"meeting.started\"}"
                .getBytes(StandardCharsets.UTF_8), com.fasterxml.jackson.databind.JsonNode.class), null).eventId());
    }

    @Test
    void answersUrlValidationWithTheTokenHmacdBySecretThatSigned() throws Exception {
        final SourceScheme rotating = TestSources.scheme("zoom", "{provider: zoom, secrets: [\"new_secret_token\", \"zoom_secret_token\"]}");
        final Instant now = Instant.now();
        final String body = "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1700000000000,\"event\":\"endpoint.url_validation\"}";
        final var signed = TestSources.scheme("zoom", "{provider: zoom, secrets: [\"zoom_secret_token\"]}")
            .sign(body.getBytes(StandardCharsets.UTF_8), now);
        final HttpReply reply = rotating.handshake(TestSources.received("zoom", now, signed)).orElseThrow();
        final var answer = Json.mapper().readTree(reply.body());
        assertThat(answer.get("plainToken").asText()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
        assertThat(answer.get("encryptedToken").asText()).isEqualTo("bd48235863f4a6323ccc4963c594908b7c97f88b4a6a95278f4f093690b12726");

        // Two signature values, the first forged: the one that verified names the secret, as in verification.
        final var byNew = TestSources.scheme("zoom", "{provider: zoom, secrets: [\"new_secret_token\"]}")
            .sign(body.getBytes(StandardCharsets.UTF_8), now);
        final String good = byNew.headers().first("x-zm-signature").orElseThrow();
        final HttpHeaders twoValues = HttpHeaders.of(byNew.headers().asList().stream()
            .filter(h -> !h.name().equals("x-zm-signature")).toList()).with("x-zm-signature", "v0=" + "ab".repeat(32))
            .with("x-zm-signature", good);
        final HttpReply second = rotating.handshake(new RawRequest("i", "zoom", now, "", "POST", "", twoValues, byNew.body())).orElseThrow();
        assertThat(Json.mapper().readTree(second.body()).get("encryptedToken").asText()).isEqualTo(io.hookgate.providers.crypto.Encoding.HEX
            .encode(io.hookgate.providers.crypto.Hmac.sha256("new_secret_token", "qgg8vlvZRS6UYooatFL8Aw".getBytes(StandardCharsets.UTF_8))));

        final var forged = TestSources.scheme("zoom", "{provider: zoom, secrets: [\"attacker\"]}").sign(body.getBytes(StandardCharsets.UTF_8), now);
        assertThat(rotating.handshake(TestSources.received("zoom", now, forged))).isEmpty();
        assertThat(zoom.handshake(request("1700000000", SIGNATURE, BODY, AT))).as("not a validation").isEmpty();
    }

    @Test
    void negativeCases() {
        assertThat(reasonOf(zoom, request("1700000000", SIGNATURE, BODY.replace("123", "124"), AT))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(zoom, request("1700000000", SIGNATURE, BODY, AT.plusSeconds(301)))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(reasonOf(zoom, request("1700000001", SIGNATURE, BODY, AT))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(zoom, request(null, SIGNATURE, BODY, AT))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(zoom, request("1700000000", null, BODY, AT))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(zoom, request("1700000000", SIGNATURE.substring(3), BODY, AT))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(zoom, request("1.7e9", SIGNATURE, BODY, AT))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }
}
