package io.hookgate.providers;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;
import io.hookgate.providers.crypto.Timestamps;
import io.hookgate.providers.payload.Payloads;
import io.hookgate.providers.spi.HeaderHmacScheme;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import io.hookgate.providers.testing.AllSchemes;
import io.hookgate.providers.testing.RequestText;
import io.hookgate.providers.testing.StrictJson;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets of every provider's scheme, over requests written as {@link RequestText}: whatever
 * arrives, {@code verify} concludes (an exception would stop the processor's verifying of the
 * whole partition), and only ever accepts what may be embedded in an envelope. Seeds, in
 * {@code SchemeFuzzTestInputs/}: one request per provider signed for {@link RequestText#RECEIVED_AT}
 * ({@code <provider>.req}, kept valid by {@link #everyProviderHasASeedThatVerifies}) and hostile
 * variants; a target's own directory holds the seeds only it reads.
 */
class SchemeFuzzTest {

    private static final Map<String, SourceScheme> SCHEMES = new LinkedHashMap<>();
    /** The schemes that sign a timestamp, checked against the default tolerance of 300 s. */
    private static final Set<String> TIMESTAMPED = Set.of("stripe", "slack", "zoom", "standard-webhooks", "hmac");
    private static final int TOLERANCE_SECONDS = 300;

    static {
        AllSchemes.SOURCES.forEach((provider, body) -> SCHEMES.put(provider, TestSources.scheme(provider.replace('-', '_'), body)));
    }

    /** Any request: accepted with a payload fit for an envelope, or rejected with a reason; never an exception. */
    @FuzzTest
    void verifyAcceptsOnlyEnvelopePayloads(final byte[] data) {
        final RequestText text = RequestText.parse(data);
        final RawRequest request = text.toRawRequest();
        checkConclusion(request, SCHEMES.get(text.provider()).verify(request));
    }

    /** Any request: a handshake is answered only when it verifies (Slack's unsigned ssl_check aside), never an exception. */
    @FuzzTest
    void handshakeAnswersOnlyVerifiedRequests(final byte[] data) {
        final RequestText text = RequestText.parse(data);
        final RawRequest request = text.toRawRequest();
        final SourceScheme scheme = SCHEMES.get(text.provider());
        final Optional<HttpReply> reply = scheme.handshake(request);
        if (reply.isEmpty()) {
            return;
        }
        assertThat(reply.get().status()).isEqualTo(200);
        if (reply.get().body().isEmpty()) {
            assertThat(text.provider()).isEqualTo("slack");
            assertThat(request.header("X-Slack-Signature")).isEmpty();
            return;
        }
        assertThat(reply.get().contentType()).isEqualTo("application/json");
        assertThat(StrictJson.problem(reply.get().body().getBytes(StandardCharsets.UTF_8), 1)).isEmpty();
        assertThat(scheme.verify(request)).isInstanceOf(Verification.Accepted.class);
    }

    /**
     * The body of any request, signed by the scheme at its {@code @signed-at}, with its other headers
     * put before the signed ones: it verifies unless the body is no payload, the signature is out of
     * the replay window, or an added header replaces one the scheme reads. A {@code webhook-id}
     * (standard-webhooks) or {@code X-Event-Id} (hmac) header is the signed id to sign with; an
     * empty one may be refused as no id.
     */
    @FuzzTest
    void signedRequestsVerify(final byte[] data) {
        final RequestText text = RequestText.parse(data);
        final SourceScheme scheme = SCHEMES.get(text.provider());
        final String signedIdHeader = switch (text.provider()) {
            case "standard-webhooks" -> "webhook-id";
            case "hmac" -> "x-event-id";
            default -> null;
        };
        final List<HttpHeaders.Header> added = new ArrayList<>();
        String signedId = null;
        for (HttpHeaders.Header header : text.headers()) {
            if (header.name().toLowerCase(Locale.ROOT).equals(signedIdHeader) && signedId == null) {
                signedId = header.value();
            } else {
                added.add(header);
            }
        }
        SignedRequest signed;
        try {
            signed = scheme.sign(text.body(), text.signedAt());
        } catch (IllegalArgumentException | Payloads.MalformedPayloadException | HeaderHmacScheme.MalformedSignedContentException e) {
            // Not a body this scheme can sign (a Dropbox Sign event lacking its fields, a Twilio form that is no form).
            return;
        }
        if (signedId != null) {
            signed = withSignedId(text.provider(), signed, signedId, text.signedAt().getEpochSecond());
        }
        final Set<String> signedNames = signed.headers().asList().stream()
            .map(header -> header.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        final boolean replacesARead = added.stream().map(header -> header.name().toLowerCase(Locale.ROOT))
            .anyMatch(name -> signedNames.contains(name) || name.startsWith("svix-"));
        final List<HttpHeaders.Header> headers = new ArrayList<>(added);
        headers.addAll(signed.headers().asList());
        final RawRequest request = new RawRequest("ing-fuzz", text.provider().replace('-', '_'), RequestText.RECEIVED_AT,
            "203.0.113.9", "POST", signed.query(), HttpHeaders.of(headers), signed.body(),
            text.replay() ? new RawRequest.Replay("events.rejected-0-0", true) : null);

        final Verification verification = scheme.verify(request);

        checkConclusion(request, verification);
        if (replacesARead) {
            return;
        }
        final Optional<RejectReason> outOfWindow = windowRejection(text);
        if (outOfWindow.isPresent()) {
            assertThat(verification).isInstanceOf(Verification.Rejected.class);
            assertThat(((Verification.Rejected) verification).reason()).isEqualTo(outOfWindow.get());
        } else if (verification instanceof Verification.Rejected rejected
            && !(rejected.reason() == RejectReason.MISSING_SIGNATURE && "".equals(signedId))) {
            assertThat(StrictJson.problem(text.body(), Payloads.MAX_DEPTH)).as("a signed JSON body rejected: %s", rejected).isPresent();
            assertThat(rejected.reason()).as(rejected.detail()).isIn(RejectReason.MALFORMED_PAYLOAD, RejectReason.PAYLOAD_TOO_DEEP);
        }
    }

    /**
     * How a signed request's time makes it fail, if it does: a timestamp signed out of the window
     * (unless a replay waived it), or Dropbox Sign's {@code event_time} (the signer takes it from the
     * body) that is no Unix time.
     */
    private static Optional<RejectReason> windowRejection(final RequestText text) {
        final long signedSeconds;
        if (TIMESTAMPED.contains(text.provider())) {
            signedSeconds = text.signedAt().getEpochSecond();
        } else if (text.provider().equals("dropbox-sign")) {
            final OptionalLong eventTime = Timestamps.parseCanonical(
                Payloads.text(Payloads.tree(text.body()).path("event"), "event_time"));
            if (eventTime.isEmpty()) {
                return Optional.of(RejectReason.MALFORMED_SIGNATURE);
            }
            signedSeconds = eventTime.getAsLong();
        } else {
            return Optional.empty();
        }
        return !text.replay() && Math.abs(signedSeconds - RequestText.RECEIVED_AT.getEpochSecond()) > TOLERANCE_SECONDS
            ? Optional.of(RejectReason.STALE_TIMESTAMP) : Optional.empty();
    }

    /** The seeds signed for each provider still verify: a scheme that changes needs new ones, printed here. */
    @Test
    void everyProviderHasASeedThatVerifies() throws IOException {
        for (String provider : AllSchemes.SOURCES.keySet()) {
            final SourceScheme scheme = SCHEMES.get(provider);
            final String seed = "SchemeFuzzTestInputs/" + provider + ".req";
            try (InputStream in = SchemeFuzzTest.class.getResourceAsStream(seed)) {
                final SignedRequest fresh = scheme.sign(scheme.sampleBody(RequestText.RECEIVED_AT), RequestText.RECEIVED_AT);
                final String replacement = new String(new RequestText(provider, fresh.headers().asList(), fresh.query(), false,
                    RequestText.RECEIVED_AT, fresh.body()).write(), StandardCharsets.ISO_8859_1);
                assertThat(in).as("seed %s; one that verifies:%n%s", seed, replacement).isNotNull();
                final RawRequest request = RequestText.parse(in.readAllBytes()).toRawRequest();
                assertThat(scheme.verify(request)).as("seed %s; one that verifies:%n%s", seed, replacement)
                    .isInstanceOf(Verification.Accepted.class);
            }
        }
    }

    /** What {@code verify} may conclude about {@code request}. */
    private static void checkConclusion(final RawRequest request, final Verification verification) {
        if (verification instanceof Verification.Rejected rejected) {
            assertThat(rejected.detail()).as("detail of %s", rejected.reason()).isNotBlank();
            return;
        }
        final Verification.Accepted accepted = (Verification.Accepted) verification;
        final byte[] json = accepted.payload().json().bytes();
        assertThat(StrictJson.problem(json, Payloads.MAX_DEPTH)).as("the payload embedded in the envelope").isEmpty();
        assertThat(Payloads.tree(json)).as("the payload's tree").isEqualTo(accepted.payload().tree());
        if ("application/json".equals(request.mediaType())) {
            assertThat(json).as("a JSON body's payload").isEqualTo(request.body());
        }
    }

    /** {@code signed} re-signed under message id {@code id}, as AllSchemes configures standard-webhooks and hmac. */
    private static SignedRequest withSignedId(final String provider, final SignedRequest signed, final String id, final long timestamp) {
        final String secret = TestSources.source("s", AllSchemes.SOURCES.get(provider)).secrets().get(0);
        final String idHeader = provider.equals("hmac") ? "X-Event-Id" : "webhook-id";
        final String signatureHeader = provider.equals("hmac") ? "X-Signature" : "webhook-signature";
        final String signature = provider.equals("hmac")
            ? Encoding.BASE64.encode(Hmac.compute(Hmac.Algorithm.SHA512, Hmac.utf8(secret),
                Hmac.utf8(id + "." + timestamp + "."), signed.body()))
            : StandardWebhooksSigner.header(List.of(secret), id, timestamp, signed.body());
        final List<HttpHeaders.Header> headers = new ArrayList<>();
        for (HttpHeaders.Header header : signed.headers().asList()) {
            if (header.name().equalsIgnoreCase(idHeader)) {
                headers.add(new HttpHeaders.Header(header.name(), id));
            } else if (header.name().equalsIgnoreCase(signatureHeader)) {
                headers.add(new HttpHeaders.Header(header.name(), signature));
            } else {
                headers.add(header);
            }
        }
        return new SignedRequest(HttpHeaders.of(headers), signed.body(), signed.query());
    }
}
