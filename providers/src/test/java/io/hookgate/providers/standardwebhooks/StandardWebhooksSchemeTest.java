package io.hookgate.providers.standardwebhooks;

import com.standardwebhooks.Webhook;
import io.hookgate.core.event.EventIdOrigin;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StandardWebhooksSchemeTest {

    // The vector every Standard Webhooks and Svix library tests with.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1_614_265_330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant AT_SIGNING = Instant.ofEpochSecond(TIMESTAMP);

    private final SourceScheme scheme = TestSources.scheme("demo", "{provider: standard-webhooks, secrets: [\"" + SECRET + "\"]}");

    private static RawRequest request(final String id, final String timestamp, final String signature, final String body,
                                      final Instant receivedAt) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (id != null) {
            headers = headers.with("webhook-id", id);
        }
        if (timestamp != null) {
            headers = headers.with("webhook-timestamp", timestamp);
        }
        if (signature != null) {
            headers = headers.with("webhook-signature", signature);
        }
        return TestSources.request("demo", receivedAt, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static RawRequest valid() {
        return request(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE, PAYLOAD, AT_SIGNING);
    }

    private RejectReason reasonOf(final RawRequest request) {
        final Verification verification = scheme.verify(request);
        assertThat(verification).isInstanceOf(Verification.Rejected.class);
        return ((Verification.Rejected) verification).reason();
    }

    @Test
    void acceptsThePublishedVectorAndIdentifiesTheEvent() {
        final Verification verification = scheme.verify(valid());
        assertThat(verification).isInstanceOf(Verification.Accepted.class);
        final Verification.Accepted accepted = (Verification.Accepted) verification;
        assertThat(accepted.identity().eventId()).isEqualTo(MSG_ID);
        assertThat(accepted.identity().origin()).isEqualTo(EventIdOrigin.PROVIDER);
        assertThat(accepted.payload().tree().get("test").asLong()).isEqualTo(2432232314L);
    }

    @Test
    void acceptsTheRustLibraryVector() {
        final SourceScheme rust = TestSources.scheme("demo", "{provider: standard-webhooks, secrets: [\"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\"]}");
        final RawRequest request = request("msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", "1649367553",
            "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=", "{\"email\":\"test@example.com\",\"username\":\"test_user\"}",
            Instant.ofEpochSecond(1_649_367_553L));
        assertThat(rust.verify(request)).isInstanceOf(Verification.Accepted.class);
        final RawRequest forged = request("msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", "1649367553",
            "v1,R3PTzyfHASBKHH98a7yexTwaJ4yNIcGhFQc1yuN+BPU=", "{\"email\":\"test@example.com\",\"username\":\"test_user\"}",
            Instant.ofEpochSecond(1_649_367_553L));
        assertThat(((Verification.Rejected) rust.verify(forged)).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void acceptsWhatTheOfficialSdkSigns() throws Exception {
        final Webhook sdk = new Webhook(SECRET);
        final String body = "{\"type\":\"invoice.paid\",\"data\":{\"amount\":\"\u20ac12\"}}";
        final String signature = sdk.sign("msg_sdk", TIMESTAMP, body);
        final Verification verification = scheme.verify(request("msg_sdk", Long.toString(TIMESTAMP), signature, body, AT_SIGNING));
        assertThat(verification).isInstanceOf(Verification.Accepted.class);
        assertThat(((Verification.Accepted) verification).identity().type()).isEqualTo("invoice.paid");
    }

    @Test
    void theOfficialSdkAcceptsWhatHookgateSigns() throws Exception {
        final byte[] body = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        final SignedRequest signed = scheme.sign(body, Instant.now());
        final Map<String, List<String>> headers = new java.util.HashMap<>();
        signed.headers().asList().forEach(h -> headers.put(h.name(), List.of(h.value())));
        new Webhook(SECRET).verify(new String(body, StandardCharsets.UTF_8), headers);
        assertThat(scheme.verify(TestSources.received("demo", Instant.now(), signed))).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void acceptsWhatTheSvixSdkSignsUnderSvixHeadersAndSvixAcceptsOurs() throws Exception {
        final long now = java.time.Instant.now().getEpochSecond();
        final String body = "{\"type\":\"user.created\",\"data\":{\"id\":1}}";
        final String signature = new com.svix.Webhook(SECRET).sign("msg_svix_1", now, body);
        final HttpHeaders headers = HttpHeaders.empty().with("svix-id", "msg_svix_1").with("svix-timestamp", Long.toString(now))
            .with("svix-signature", signature);
        final Verification.Accepted accepted = (Verification.Accepted) scheme.verify(
            TestSources.request("demo", java.time.Instant.ofEpochSecond(now), headers, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(accepted.identity().eventId()).isEqualTo("msg_svix_1");

        final SignedRequest signed = scheme.sign(body.getBytes(StandardCharsets.UTF_8), java.time.Instant.now());
        final Map<String, List<String>> ours = new java.util.HashMap<>();
        signed.headers().asList().forEach(h -> ours.put(h.name(), List.of(h.value())));
        new com.svix.Webhook(SECRET).verify(body, ours);
    }

    @Test
    void acceptsSvixHeadersAndOneValidAmongSeveralSignatures() {
        final HttpHeaders headers = HttpHeaders.empty()
            .with("svix-id", MSG_ID).with("svix-timestamp", Long.toString(TIMESTAMP))
            .with("svix-signature", "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                + SIGNATURE + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
        assertThat(scheme.verify(TestSources.request("demo", AT_SIGNING, headers, PAYLOAD.getBytes(StandardCharsets.UTF_8))))
            .isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void triesEverySecretWhileRotating() {
        final SourceScheme rotating = TestSources.scheme("demo",
            "{provider: standard-webhooks, secrets: [\"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\", \"" + SECRET + "\"]}");
        assertThat(rotating.verify(valid())).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void secretWithoutPrefixIsTheSameKey() {
        final SourceScheme bare = TestSources.scheme("demo", "{provider: standard-webhooks, secrets: [\"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"]}");
        assertThat(bare.verify(valid())).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void tamperedBodyIsBadSignature() {
        assertThat(reasonOf(request(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE, "{\"test\": 2432232315}", AT_SIGNING)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void wrongSecretIsBadSignature() {
        final SourceScheme other = TestSources.scheme("demo", "{provider: standard-webhooks, secrets: [\"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\"]}");
        assertThat(((Verification.Rejected) other.verify(valid())).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void noSecretRejectsEverything() {
        final SourceScheme none = TestSources.scheme("demo", "{provider: standard-webhooks}");
        assertThat(((Verification.Rejected) none.verify(valid())).reason()).isEqualTo(RejectReason.NO_SECRET);
    }

    @Test
    void staleAndFutureTimestampsOutsideTheWindowAreRejected() {
        assertThat(reasonOf(request(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE, PAYLOAD, AT_SIGNING.plusSeconds(301))))
            .isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(reasonOf(request(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE, PAYLOAD, AT_SIGNING.minusSeconds(301))))
            .isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(scheme.verify(request(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE, PAYLOAD, AT_SIGNING.plusSeconds(300))))
            .isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void missingHeadersAreMissingSignature() {
        assertThat(reasonOf(request(null, Long.toString(TIMESTAMP), SIGNATURE, PAYLOAD, AT_SIGNING))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(request(MSG_ID, null, SIGNATURE, PAYLOAD, AT_SIGNING))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(request(MSG_ID, Long.toString(TIMESTAMP), null, PAYLOAD, AT_SIGNING))).isEqualTo(RejectReason.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0" + TIMESTAMP, "+" + TIMESTAMP, TIMESTAMP + ".0", " " + TIMESTAMP, "-161426533", "invalid timestamp", ""})
    void nonCanonicalTimestampsAreMalformed(final String timestamp) {
        assertThat(reasonOf(request(MSG_ID, timestamp, SIGNATURE, PAYLOAD, AT_SIGNING))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_signature", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "v1,", "v1,!!!not-base64!!!", " "})
    void signatureListsWithoutAUsableV1AreMalformed(final String signature) {
        assertThat(reasonOf(request(MSG_ID, Long.toString(TIMESTAMP), signature, PAYLOAD, AT_SIGNING))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void truncatedSignatureIsBad() {
        assertThat(reasonOf(request(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE.substring(0, 3 + 20), PAYLOAD, AT_SIGNING)))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void validlySignedBodyThatIsNotJsonIsMalformedPayload() throws Exception {
        final String body = "not json";
        final String signature = new Webhook(SECRET).sign(MSG_ID, TIMESTAMP, body);
        assertThat(reasonOf(request(MSG_ID, Long.toString(TIMESTAMP), signature, body, AT_SIGNING))).isEqualTo(RejectReason.MALFORMED_PAYLOAD);
    }
}
