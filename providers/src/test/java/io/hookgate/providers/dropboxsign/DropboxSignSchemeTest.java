package io.hookgate.providers.dropboxsign;

import com.dropbox.sign.EventCallbackHelper;
import com.dropbox.sign.model.EventCallbackRequest;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.payload.Multipart;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

class DropboxSignSchemeTest {

    /** The API key of dropbox-sign-java's EventCallbackHelperTest. */
    private static final String API_KEY = "324e3b0840f065eb51f3fd63231d0d33daa35d4ed10d27718839e81737065782";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** The event_time of the SDK's fixtures: requests carrying them are received then. */
    private static final Instant FIXTURE_TIME = Instant.ofEpochSecond(1_348_177_752L);

    private final SourceScheme dropbox = TestSources.scheme("dbx", "{provider: dropbox-sign, secrets: [\"" + API_KEY + "\"]}");

    private static String event(final String time, final String type, final String hash) {
        return "{\"event\":{\"event_time\":\"" + time + "\",\"event_type\":\"" + type + "\",\"event_hash\":\"" + hash + "\","
            + "\"event_metadata\":{\"related_signature_id\":\"ad4d8a769b555fa5ef38691465d426682bf2c992\","
            + "\"reported_for_account_id\":\"63522885f9261e2b04eea043933ee7313eb674fd\"}},\"account_guid\":\"63522885f9261e2b04eea043933ee7313eb674fd\"}";
    }

    private static RawRequest multipart(final String json) {
        return multipart(json, FIXTURE_TIME);
    }

    private static RawRequest multipart(final String json, final Instant receivedAt) {
        final String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        return TestSources.request("dbx", receivedAt, HttpHeaders.empty().with("Content-Type", "multipart/form-data; boundary=" + boundary),
            Multipart.write(Map.of("json", json.getBytes(StandardCharsets.UTF_8)), boundary));
    }

    @ParameterizedTest
    @CsvSource({"unknown_error,c574f5d3090c2936360b4e36cf6835cf3e2206b84fdc6347e6b28ca721ae1371",
        "account_confirmed,6dc5b7aad93cf54915e0089d6c31d61b3833f66f51459171c69f8fa211308848",
        "signature_request_sent,08d45a6b7677492b78be030cef18cfeaece8fe67e163cc8e526ee638ad483756",
        "template_created,4a9b22fa68d5addb8b6313eea9d42ecb393903a4240b71503ef78e9dac6c100d"})
    void acceptsTheSdkFixtures(final String type, final String hash) {
        final Verification.Accepted accepted = accepted(dropbox, multipart(event("1348177752", type, hash)));
        assertThat(accepted.identity().type()).isEqualTo(type);
        assertThat(accepted.identity().eventId()).isEqualTo(type + "|1348177752|ad4d8a769b555fa5ef38691465d426682bf2c992|"
            + "63522885f9261e2b04eea043933ee7313eb674fd|");
        // The same event posted as a plain JSON body verifies too.
        accepted(dropbox, TestSources.request("dbx", FIXTURE_TIME, HttpHeaders.empty().with("Content-Type", "application/json"),
            event("1348177752", type, hash).getBytes(StandardCharsets.UTF_8)));
        assertThat(accepted.signatureCovers()).containsExactly("event.event_time", "event.event_type");
    }

    @Test
    void aCapturedCallbackIsRefusedOutsideTheWindowOnItsSignedTime() {
        final String good = "08d45a6b7677492b78be030cef18cfeaece8fe67e163cc8e526ee638ad483756";
        // The SDK's fixture, resent with other unsigned fields five minutes and a second after its event_time.
        final String resent = event("1348177752", "signature_request_sent", good).replace("ad4d8a769b", "0000000000");
        assertThat(reasonOf(dropbox, multipart(resent, FIXTURE_TIME.plusSeconds(301)))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        assertThat(reasonOf(dropbox, multipart(resent, FIXTURE_TIME.minusSeconds(301)))).isEqualTo(RejectReason.STALE_TIMESTAMP);
        accepted(dropbox, multipart(resent, FIXTURE_TIME.plusSeconds(299)));
        assertThat(reasonOf(dropbox, multipart(event("134817775x", "signature_request_sent", good))))
            .isIn(RejectReason.BAD_SIGNATURE, RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void theSdkAcceptsWhatHookgateSigns() throws Exception {
        final SignedRequest signed = dropbox.sign(dropbox.sampleBody(NOW), NOW);
        final String boundary = Multipart.boundary(signed.headers().first("Content-Type").orElseThrow());
        final byte[] json = Multipart.fields(signed.body(), boundary).get("json");
        final EventCallbackRequest request = Json.mapper().readValue(json, EventCallbackRequest.class);
        assertThat(EventCallbackHelper.isValid(API_KEY, request)).isTrue();
        assertThat(EventCallbackHelper.isValid(new StringBuilder(API_KEY).reverse().toString(), request)).isFalse();
        accepted(dropbox, TestSources.received("dbx", NOW, signed));
    }

    @Test
    void acknowledgesWithTheRequiredText() {
        assertThat(dropbox.acknowledgement()).get().extracting(HttpReply::body).isEqualTo("Hello API Event Received");
    }

    @Test
    void negativeCases() {
        final String good = "08d45a6b7677492b78be030cef18cfeaece8fe67e163cc8e526ee638ad483756";
        assertThat(reasonOf(dropbox, multipart(event("1348177753", "signature_request_sent", good)))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(dropbox, multipart(event("1348177752", "signature_request_signed", good)))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(dropbox, multipart(event("1348177752", "signature_request_sent", good.substring(0, 40)))))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(dropbox, multipart(event("1348177752", "signature_request_sent", "zz")))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(dropbox, multipart("{\"event\":{\"event_time\":\"1\",\"event_type\":\"x\"}}"))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(dropbox, TestSources.request("dbx", NOW, HttpHeaders.empty().with("Content-Type", "multipart/form-data; boundary=x"),
            "garbage".getBytes(StandardCharsets.UTF_8)))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        final SourceScheme reversed = TestSources.scheme("dbx", "{provider: dropbox-sign, secrets: [\""
            + new StringBuilder(API_KEY).reverse() + "\"]}");
        assertThat(reasonOf(reversed, multipart(event("1348177752", "signature_request_sent", good)))).isEqualTo(RejectReason.BAD_SIGNATURE);
    }
}
