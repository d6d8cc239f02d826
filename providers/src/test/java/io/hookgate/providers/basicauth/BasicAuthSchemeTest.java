package io.hookgate.providers.basicauth;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicAuthSchemeTest {

    private final SourceScheme basic = TestSources.scheme("b", "{provider: basic-auth, secrets: [\"old:pw1\", \"hook:s3cret:with:colons\"]}");

    private static RawRequest request(final String authorization) {
        HttpHeaders headers = HttpHeaders.empty().with("Content-Type", "application/json");
        if (authorization != null) {
            headers = headers.with("Authorization", authorization);
        }
        return TestSources.request("b", Instant.now(), headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(final String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAnyConfiguredUserAndPassword() {
        accepted(basic, request(basic("hook:s3cret:with:colons")));
        accepted(basic, request(basic("old:pw1").replace("Basic", "basic")));
    }

    @Test
    void negativeCases() {
        assertThat(reasonOf(basic, request(basic("hook:wrong")))).isEqualTo(RejectReason.BAD_CREDENTIALS);
        assertThat(reasonOf(basic, request(basic("old:pw1x")))).isEqualTo(RejectReason.BAD_CREDENTIALS);
        assertThat(reasonOf(basic, request(null))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(basic, request("Bearer abc"))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(basic, request("Basic !!!"))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(TestSources.scheme("b", "{provider: basic-auth}"), request(basic("old:pw1")))).isEqualTo(RejectReason.NO_SECRET);
    }

    @Test
    void secretsMustBeUserAndPassword() {
        assertThatThrownBy(() -> TestSources.scheme("b", "{provider: basic-auth, secrets: [\"nocolon\"]}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources.b.secrets[0]: must be user:password");
    }
}
