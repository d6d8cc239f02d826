package io.hookgate.providers;

import io.hookgate.providers.spi.SignedRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.AllSchemes;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@code hookgate sign} produces verifies, for every scheme, and a request signed for another source does not. */
class SignVerifyRoundTripTest {

    static Stream<String> providers() {
        return AllSchemes.SOURCES.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void signedSampleVerifies(final String provider) {
        final SourceScheme scheme = TestSources.scheme(idOf(provider), AllSchemes.SOURCES.get(provider));
        final Instant now = Instant.now();
        final SignedRequest signed = scheme.sign(scheme.sampleBody(now), now);
        final Verification.Accepted accepted = accepted(scheme, TestSources.received(idOf(provider), now, signed));
        assertThat(accepted.identity().eventId()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void everySampleTypeVerifiesAsThatTypeUnderAFreshId(final String provider) {
        final SourceScheme scheme = TestSources.scheme(idOf(provider), AllSchemes.SOURCES.get(provider));
        final Instant now = Instant.now();
        for (String type : scheme.sampleTypes()) {
            final Verification.Accepted first = accepted(scheme, TestSources.received(idOf(provider), now, scheme.signedSample(type, now)));
            final Verification.Accepted second = accepted(scheme, TestSources.received(idOf(provider), now, scheme.signedSample(type, now)));
            assertThat(first.identity().type()).as(provider).isEqualTo(type);
            assertThat(second.identity().eventId()).as("a second trigger is not a duplicate").isNotEqualTo(first.identity().eventId());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aRequestSignedWithAnotherSecretIsRejected(final String provider) {
        final String other = AllSchemes.SOURCES.get(provider).replaceAll("secrets: \\[[^]]*]", "secrets: [\"another:secret-value-1234-5678-9abc-def0\"]");
        final SourceScheme scheme = TestSources.scheme(idOf(provider), AllSchemes.SOURCES.get(provider));
        final SourceScheme forger = TestSources.scheme(idOf(provider), provider.equals("standard-webhooks")
            ? AllSchemes.SOURCES.get(provider).replace("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")
            : other);
        final Instant now = Instant.now();
        final SignedRequest forged = forger.sign(forger.sampleBody(now), now);
        assertThat(scheme.verify(TestSources.received(idOf(provider), now, forged))).isInstanceOf(Verification.Rejected.class);
    }

    static String idOf(final String provider) {
        return provider.replace("-", "_");
    }
}
