package io.hookgate.providers.slack;

import com.slack.api.app_backend.SlackSignature;
import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

class SlackSchemeTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String DOCS_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2F"
        + "hooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String DOCS_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private final SourceScheme slack = TestSources.scheme("slack", "{provider: slack, secrets: [\"" + SECRET + "\"]}");

    private static RawRequest request(final String contentType, final String timestamp, final String signature, final String body,
                                      final Instant receivedAt) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", contentType);
        if (timestamp != null) {
            headers = headers.with("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            headers = headers.with("X-Slack-Signature", signature);
        }
        return TestSources.request("slack", receivedAt, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsSlacksDocumentedSlashCommand() {
        final Verification.Accepted accepted = accepted(slack, request("application/x-www-form-urlencoded", TIMESTAMP, DOCS_SIGNATURE,
            DOCS_BODY, Instant.ofEpochSecond(1_531_420_618L)));
        assertThat(accepted.identity().type()).isEqualTo("slash_command");
        assertThat(accepted.identity().origin()).isEqualTo(EventIdOrigin.PAYLOAD_HASH);
        assertThat(accepted.payload().tree().get("command").asText()).isEqualTo("/webhook-collect");
    }

    @Test
    void acceptsWhatSlacksJavaSdkSignsAndTheSdkAcceptsOurs() {
        final String body = "{\"type\":\"event_callback\",\"event_id\":\"Ev08MFMKH6\",\"event\":{\"type\":\"app_mention\"}}";
        final String ts = Long.toString(Instant.now().getEpochSecond());
        final String signature = new SlackSignature.Generator(SECRET).generate(ts, body);
        final Verification.Accepted accepted = accepted(slack, request("application/json", ts, signature, body, Instant.now()));
        assertThat(accepted.identity().eventId()).isEqualTo("Ev08MFMKH6");
        assertThat(accepted.identity().type()).isEqualTo("app_mention");

        final Instant now = Instant.now();
        final SignedRequest signed = slack.sign(slack.sampleBody(now), now);
        assertThat(new SlackSignature.Verifier(new SlackSignature.Generator(SECRET)).isValid(
            signed.headers().first("X-Slack-Request-Timestamp").orElseThrow(), new String(signed.body(), StandardCharsets.UTF_8),
            signed.headers().first("X-Slack-Signature").orElseThrow(), now.toEpochMilli())).isTrue();
    }

    @Test
    void answersUrlVerificationOnlyWhenSigned() {
        final String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
            + "\"type\":\"url_verification\"}";
        final Instant now = Instant.now();
        final String ts = Long.toString(now.getEpochSecond());
        final Optional<HttpReply> reply = slack.handshake(request("application/json", ts,
            new SlackSignature.Generator(SECRET).generate(ts, body), body, now));
        assertThat(reply).get().extracting(HttpReply::body)
            .isEqualTo("{\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}");
        assertThat(slack.handshake(request("application/json", ts, new SlackSignature.Generator("wrong").generate(ts, body), body, now)))
            .isEmpty();
        assertThat(slack.handshake(request("application/json", Long.toString(now.getEpochSecond() - 600),
            new SlackSignature.Generator(SECRET).generate(Long.toString(now.getEpochSecond() - 600), body), body, now))).isEmpty();
    }

    @Test
    void answersSslCheckWithoutStoring() {
        assertThat(slack.handshake(request("application/x-www-form-urlencoded", null, null, "ssl_check=1&token=abc", Instant.now())))
            .get().extracting(HttpReply::status).isEqualTo(200);
    }

    @Test
    void negativeCases() {
        final Instant at = Instant.ofEpochSecond(1_531_420_618L);
        final String form = "application/x-www-form-urlencoded";
        assertThat(reasonOf(slack, request(form, TIMESTAMP, DOCS_SIGNATURE, DOCS_BODY + "x", at))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(slack, request(form, TIMESTAMP, DOCS_SIGNATURE, DOCS_BODY, at.plusSeconds(301)))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(reasonOf(slack, request(form, TIMESTAMP, DOCS_SIGNATURE, DOCS_BODY, at.minusSeconds(301)))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(reasonOf(slack, request(form, null, DOCS_SIGNATURE, DOCS_BODY, at))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(slack, request(form, TIMESTAMP, null, DOCS_BODY, at))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(slack, request(form, "0" + TIMESTAMP, DOCS_SIGNATURE, DOCS_BODY, at))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(slack, request(form, TIMESTAMP, "v1=" + DOCS_SIGNATURE.substring(3), DOCS_BODY, at)))
            .isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(slack, request(form, TIMESTAMP, DOCS_SIGNATURE.substring(0, 31), DOCS_BODY, at))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(TestSources.scheme("slack", "{provider: slack, secrets: [\"other\"]}"),
            request(form, TIMESTAMP, DOCS_SIGNATURE, DOCS_BODY, at))).isEqualTo(RejectReason.BAD_SIGNATURE);
    }
}
