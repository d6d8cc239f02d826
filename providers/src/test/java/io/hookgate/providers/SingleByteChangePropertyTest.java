package io.hookgate.providers;

import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.payload.Multipart;
import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.AllSchemes;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property every signing scheme must have: no single-byte change of a validly signed request
 * verifies, whether in the body or in the signature header. Bodies are generated from a fixed seed
 * (so a failure reproduces), and every byte position of each is changed, to a random other byte.
 * Dropbox Sign signs only {@code event_time + event_type}, so there the signed bytes are changed;
 * Twilio is exercised with JSON bodies, whose bytes its {@code bodySHA256} covers (its form
 * signature covers decoded values, so {@code %2B} and {@code %2b} are the same signed text).
 * basic-auth, token and publisher present a credential instead of signing, and are left out.
 */
class SingleByteChangePropertyTest {

    private static final int BODIES_PER_SCHEME = 12;
    private static final long SEED = 20261123L;
    /** The schemes that check a credential and sign nothing. */
    private static final java.util.Set<String> CREDENTIAL_SCHEMES = java.util.Set.of("basic-auth", "token", "publisher");

    static Stream<String> signingProviders() {
        return AllSchemes.SOURCES.keySet().stream().filter(p -> !CREDENTIAL_SCHEMES.contains(p));
    }

    @ParameterizedTest
    @MethodSource("signingProviders")
    void noSingleByteChangeVerifies(final String provider) {
        final String id = SignVerifyRoundTripTest.idOf(provider);
        final SourceScheme scheme = TestSources.scheme(id, AllSchemes.SOURCES.get(provider));
        final Random random = new Random(SEED ^ provider.hashCode());
        final Instant now = Instant.now();
        int mutations = 0;
        for (int n = 0; n < BODIES_PER_SCHEME; n++) {
            final SignedRequest signed = scheme.sign(body(provider, random, now), now);
            final RawRequest original = TestSources.received(id, now, signed);
            assertThat(scheme.verify(original)).as("%s: the unchanged request", provider).isInstanceOf(Verification.Accepted.class);
            for (int position : signedBodyPositions(provider, signed)) {
                final byte[] changed = signed.body().clone();
                changed[position] = otherByte(changed[position], random);
                assertRejected(scheme, new RawRequest(original.ingressId(), id, now, "", "POST", original.query(), original.headers(), changed),
                    provider + " body byte " + position);
                mutations++;
            }
            final String signatureHeader = signatureHeader(provider);
            if (signatureHeader != null) {
                final String value = signed.headers().first(signatureHeader).orElseThrow();
                for (int position = 0; position < value.length(); position++) {
                    final char[] chars = value.toCharArray();
                    chars[position] = otherChar(chars[position], random);
                    final HttpHeaders headers = replace(signed.headers(), signatureHeader, new String(chars));
                    assertRejected(scheme, new RawRequest(original.ingressId(), id, now, "", "POST", original.query(), headers, signed.body()),
                        provider + " signature char " + position);
                    mutations++;
                }
            }
        }
        assertThat(mutations).as("%s: mutations tried", provider).isGreaterThanOrEqualTo(BODIES_PER_SCHEME * 10);
    }

    private static void assertRejected(final SourceScheme scheme, final RawRequest request, final String what) {
        assertThat(scheme.verify(request)).as(what).isInstanceOf(Verification.Rejected.class);
    }

    private static byte[] body(final String provider, final Random random, final Instant now) {
        final StringBuilder text = new StringBuilder();
        final int length = 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5E)));
        }
        final String value = text.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        final String json = switch (provider) {
            case "dropbox-sign" -> "{\"event\":{\"event_time\":\"" + (now.getEpochSecond() - random.nextInt(200))
                + "\",\"event_type\":\"type_" + random.nextInt(1000) + "\",\"event_hash\":\"\"},\"note\":\"" + value + "\"}";
            default -> "{\"id\":\"evt_" + random.nextInt(1_000_000) + "\",\"type\":\"t.x\",\"text\":\"" + value + "\",\"n\":"
                + random.nextInt() + ",\"u\":\"\u00e9\u2665\"}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The positions of body bytes the signature covers. */
    private static List<Integer> signedBodyPositions(final String provider, final SignedRequest signed) {
        final List<Integer> positions = new ArrayList<>();
        if (provider.equals("dropbox-sign")) {
            final String boundary = Multipart.boundary(signed.headers().first("Content-Type").orElseThrow());
            final String json = new String(Multipart.fields(signed.body(), boundary).get("json"), StandardCharsets.UTF_8);
            final String body = new String(signed.body(), StandardCharsets.ISO_8859_1);
            final int jsonStart = body.indexOf(json.substring(0, 20));
            for (String field : List.of("\"event_time\":\"", "\"event_type\":\"")) {
                final int start = json.indexOf(field) + field.length();
                final int end = json.indexOf('"', start);
                for (int i = start; i < end; i++) {
                    positions.add(jsonStart + i);
                }
            }
            return positions;
        }
        for (int i = 0; i < signed.body().length; i++) {
            positions.add(i);
        }
        return positions;
    }

    private static String signatureHeader(final String provider) {
        return switch (provider) {
            case "stripe" -> "Stripe-Signature";
            case "github" -> "X-Hub-Signature-256";
            case "slack" -> "X-Slack-Signature";
            case "zoom" -> "x-zm-signature";
            case "docusign" -> "X-DocuSign-Signature-1";
            case "square" -> "x-square-hmacsha256-signature";
            case "twilio" -> "X-Twilio-Signature";
            case "shopify" -> "X-Shopify-Hmac-Sha256";
            case "checkr" -> "X-Checkr-Signature";
            case "standard-webhooks" -> "webhook-signature";
            case "hmac" -> "X-Signature";
            default -> null;
        };
    }

    private static HttpHeaders replace(final HttpHeaders headers, final String name, final String value) {
        return HttpHeaders.of(headers.asList().stream()
            .map(h -> h.name().equalsIgnoreCase(name) ? new HttpHeaders.Header(h.name(), value) : h).toList());
    }

    private static byte otherByte(final byte current, final Random random) {
        byte next;
        do {
            next = (byte) random.nextInt(256);
        } while (next == current);
        return next;
    }

    private static char otherChar(final char current, final Random random) {
        char next;
        do {
            next = (char) (0x21 + random.nextInt(0x5E));
        } while (next == current);
        return next;
    }
}
