package io.hookgate.providers.testing;

import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on what a scheme concludes. */
public final class Verdicts {

    private Verdicts() {
    }

    public static Verification.Accepted accepted(final SourceScheme scheme, final RawRequest request) {
        final Verification verification = scheme.verify(request);
        assertThat(verification).as("verification of %s", request).isInstanceOf(Verification.Accepted.class);
        return (Verification.Accepted) verification;
    }

    public static RejectReason reasonOf(final SourceScheme scheme, final RawRequest request) {
        final Verification verification = scheme.verify(request);
        assertThat(verification).as("verification of %s", request).isInstanceOf(Verification.Rejected.class);
        return ((Verification.Rejected) verification).reason();
    }
}
