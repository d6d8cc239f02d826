package io.hookgate.providers.publisher;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.event.EventIdOrigin;
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
import java.util.Optional;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherSchemeTest {

    static final String TOKEN = "hgp_3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e";
    static final String NEXT_TOKEN = "hgp_b7d2f9e4a1c6083f5e2a9d7c4b1f8e6a";
    static final String BODY = "{\"orderId\": 1042, \"total\": 12.50, \"note\":\"caf\\u00e9\"}";

    private final SourceScheme app = TestSources.scheme("app", "{provider: publisher, secrets: [\"" + TOKEN + "\"]}");

    static RawRequest request(final HttpHeaders headers, final String body) {
        return TestSources.request("app", Instant.now(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpHeaders headers(final String token, final String type) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (token != null) {
            headers = headers.with("Authorization", "Bearer " + token);
        }
        return type == null ? headers : headers.with("Event-Type", type);
    }

    @Test
    void theApplicationsEventIsAcceptedWithItsTypeKeyAndBytes() {
        final RawRequest request = request(headers(TOKEN, "order.created").with("Idempotency-Key", "order-1042-created"), BODY);
        final Verification.Accepted event = accepted(app, request);
        assertThat(event.identity().type()).isEqualTo("order.created");
        assertThat(event.identity().eventId()).isEqualTo("order-1042-created");
        assertThat(event.identity().origin()).isEqualTo(EventIdOrigin.PROVIDER);
        assertThat(event.identity().idSigned()).as("the key is trusted: the token proves the sender").isTrue();
        assertThat(event.signatureCovers()).as("a credential, not a signature").isEmpty();
        assertThat(event.payload().json().bytes()).isEqualTo(request.body());
        assertThat(app.dedupKeyHint(request)).contains("app:order-1042-created");
    }

    @Test
    void withoutAnIdempotencyKeyTheIdIsTheHashOfTypeAndPayload() {
        final Verification.Accepted first = accepted(app, request(headers(TOKEN, "order.created"), BODY));
        assertThat(first.identity().origin()).isEqualTo(EventIdOrigin.PAYLOAD_HASH);
        assertThat(first.identity().eventId()).matches("[0-9a-f]{64}");
        final Verification.Accepted respaced = accepted(app, request(headers(TOKEN, "order.created"),
            "{\"note\":\"café\",\"total\":12.50,\"orderId\":1042}"));
        assertThat(respaced.identity().eventId()).as("the same payload, written otherwise").isEqualTo(first.identity().eventId());
        assertThat(accepted(app, request(headers(TOKEN, "order.paid"), BODY)).identity().eventId())
            .as("the same payload as another type is another event").isNotEqualTo(first.identity().eventId());
        assertThat(app.dedupKeyHint(request(headers(TOKEN, "order.created"), BODY))).isEmpty();
        assertThat(accepted(app, request(headers(TOKEN, "order.created").with("Idempotency-Key", "  "), BODY)).identity().origin())
            .as("a blank key is no key").isEqualTo(EventIdOrigin.PAYLOAD_HASH);
    }

    @Test
    void aMissingMalformedOrWrongTokenIsBadToken() {
        final HttpHeaders typed = HttpHeaders.empty().with("Event-Type", "order.created");
        assertThat(reasonOf(app, request(typed, BODY))).isEqualTo(RejectReason.BAD_TOKEN);
        assertThat(reasonOf(app, request(typed.with("Authorization", TOKEN), BODY))).as("no Bearer scheme").isEqualTo(RejectReason.BAD_TOKEN);
        assertThat(reasonOf(app, request(typed.with("Authorization", "Bearer"), BODY))).isEqualTo(RejectReason.BAD_TOKEN);
        assertThat(reasonOf(app, request(typed.with("Authorization", "Bearer   "), BODY))).isEqualTo(RejectReason.BAD_TOKEN);
        assertThat(reasonOf(app, request(typed.with("Authorization", "Basic " + TOKEN), BODY))).isEqualTo(RejectReason.BAD_TOKEN);
        assertThat(reasonOf(app, request(typed.with("Authorization", "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT)), BODY)))
            .isEqualTo(RejectReason.BAD_TOKEN);
        assertThat(reasonOf(app, request(headers(NEXT_TOKEN, "order.created"), BODY))).isEqualTo(RejectReason.BAD_TOKEN);
        accepted(app, request(typed.with("Authorization", "bearer  " + TOKEN + " "), BODY));
    }

    @Test
    void wrongTokensOfEveryLengthAreRefused() {
        // Every length around the secret's, and every prefix and extension of it: the comparison
        // hashes both sides first, so no length and no shared prefix takes another path.
        for (int length = 1; length <= TOKEN.length() + 8; length++) {
            final String other = "x".repeat(length);
            assertThat(reasonOf(app, request(headers(other, "order.created"), BODY))).as("length %d", length).isEqualTo(RejectReason.BAD_TOKEN);
            if (length < TOKEN.length()) {
                assertThat(reasonOf(app, request(headers(TOKEN.substring(0, length), "order.created"), BODY)))
                    .as("prefix of length %d", length).isEqualTo(RejectReason.BAD_TOKEN);
            }
            assertThat(reasonOf(app, request(headers(TOKEN + "x".repeat(length), "order.created"), BODY)))
                .as("extension by %d", length).isEqualTo(RejectReason.BAD_TOKEN);
        }
        for (int position = 0; position < TOKEN.length(); position++) {
            final char[] changed = TOKEN.toCharArray();
            changed[position] = changed[position] == 'z' ? 'y' : 'z';
            assertThat(reasonOf(app, request(headers(new String(changed), "order.created"), BODY)))
                .as("one character changed at %d", position).isEqualTo(RejectReason.BAD_TOKEN);
        }
    }

    @Test
    void everySecretIsTriedWhileRotating() {
        final SourceScheme rotating = TestSources.scheme("app", "{provider: publisher, secrets: [\"" + NEXT_TOKEN + "\", \"" + TOKEN + "\"]}");
        accepted(rotating, request(headers(TOKEN, "order.created"), BODY));
        accepted(rotating, request(headers(NEXT_TOKEN, "order.created"), BODY));
        assertThat(reasonOf(rotating, request(headers(TOKEN + NEXT_TOKEN, "order.created"), BODY))).isEqualTo(RejectReason.BAD_TOKEN);
        final SourceScheme rotated = TestSources.scheme("app", "{provider: publisher, secrets: [\"" + NEXT_TOKEN + "\"]}");
        assertThat(reasonOf(rotated, request(headers(TOKEN, "order.created"), BODY))).as("the old token, once removed").isEqualTo(RejectReason.BAD_TOKEN);
    }

    @Test
    void theEventTypeHeaderIsRequired() {
        assertThat(reasonOf(app, request(headers(TOKEN, null), BODY))).isEqualTo(RejectReason.MISSING_EVENT_TYPE);
        assertThat(reasonOf(app, request(headers(TOKEN, "  "), BODY))).isEqualTo(RejectReason.MISSING_EVENT_TYPE);
        assertThat(reasonOf(app, request(headers(TOKEN, "order created"), BODY))).as("not a type name").isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(reasonOf(app, request(headers(TOKEN, "order.*"), BODY))).as("a pattern is not a type").isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(reasonOf(app, request(headers(TOKEN, "o".repeat(201)), BODY))).isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void theBodyMustBeJson() {
        assertThat(reasonOf(app, request(headers(TOKEN, "order.created"), "order 1042 created"))).isEqualTo(RejectReason.MALFORMED_PAYLOAD);
        assertThat(reasonOf(app, request(headers(TOKEN, "order.created"), ""))).isEqualTo(RejectReason.MALFORMED_PAYLOAD);
        assertThat(reasonOf(app, request(headers(TOKEN, "order.created").with("Content-Type", "application/x-www-form-urlencoded"),
            "orderId=1042"))).as("whatever the content type says").isEqualTo(RejectReason.MALFORMED_PAYLOAD);
        assertThat(reasonOf(app, request(headers(TOKEN, "order.created"), "[".repeat(300) + "]".repeat(300))))
            .isEqualTo(RejectReason.PAYLOAD_TOO_DEEP);
        assertThat(accepted(app, request(headers(TOKEN, "order.created"), "[1, \"two\", null]")).payload().tree().size())
            .as("any JSON value").isEqualTo(3);
    }

    @Test
    void theTokenIsCheckedBeforeAnythingElseIsSaid() {
        assertThat(reasonOf(app, request(HttpHeaders.empty(), "not json"))).isEqualTo(RejectReason.BAD_TOKEN);
        assertThat(reasonOf(app, request(headers("wrong-token", "bad type"), "not json"))).isEqualTo(RejectReason.BAD_TOKEN);
    }

    @Test
    void aSourceWithoutSecretsAcceptsNothing() {
        final SourceScheme none = TestSources.scheme("app", "{provider: publisher}");
        assertThat(reasonOf(none, request(headers(TOKEN, "order.created"), BODY))).isEqualTo(RejectReason.NO_SECRET);
        assertThat(reasonOf(none, request(headers("", "order.created"), BODY))).isEqualTo(RejectReason.NO_SECRET);
    }

    @Test
    void shortOrRepetitiveSecretsAreRefusedAtLoad() {
        assertThatThrownBy(() -> TestSources.scheme("app", "{provider: publisher, secrets: [\"tok_9f8e7d6c5b4a39281706\"]}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("sources.app.secrets[0]: a token must be at least 32 characters, and unguessable");
        assertThatThrownBy(() -> TestSources.scheme("app", "{provider: publisher, secrets: [\"" + TOKEN + "\", \"" + "ab".repeat(20) + "\"]}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("sources.app.secrets[1]: a token must be at least 32 characters, and unguessable")
            .hasMessageNotContaining("secrets[0]");
    }

    @Test
    void signedRequestsAreWhatTheApplicationSends() {
        final Instant now = Instant.now();
        final SignedRequest signed = app.sign(app.sampleBody(now), now);
        assertThat(signed.headers().first("Authorization")).contains("Bearer " + TOKEN);
        assertThat(signed.headers().first("Event-Type")).contains("hookgate.test");
        final String key = signed.headers().first("Idempotency-Key").orElseThrow();
        final Verification.Accepted event = accepted(app, TestSources.received("app", now, signed));
        assertThat(event.identity().eventId()).isEqualTo(key);
        assertThat(app.sign(app.sampleBody(now), now).headers().first("Idempotency-Key")).as("a fresh key at each call").isNotEqualTo(Optional.of(key));
    }
}
