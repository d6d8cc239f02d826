package io.hookgate.providers.token;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSchemeTest {

    private static final String TOKEN = "tok_9f8e7d6c5b4a39281706";

    private static RawRequest request(final String query, final HttpHeaders headers) {
        return new RawRequest("i", "t", Instant.now(), "", "POST", query, headers.with("Content-Type", "application/json"),
            "{\"type\":\"screening\",\"payload\":{\"id\":\"s1\"}}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headerTokenWithOrWithoutBearer() {
        final SourceScheme token = TestSources.scheme("t", "{provider: token, secrets: [\"" + TOKEN + "\"]}");
        accepted(token, request("", HttpHeaders.empty().with("Authorization", "Bearer " + TOKEN)));
        accepted(token, request("", HttpHeaders.empty().with("Authorization", TOKEN)));
        assertThat(reasonOf(token, request("", HttpHeaders.empty().with("Authorization", "Bearer " + TOKEN + "x"))))
            .isEqualTo(RejectReason.BAD_CREDENTIALS);
        assertThat(reasonOf(token, request("", HttpHeaders.empty()))).isEqualTo(RejectReason.MISSING_SIGNATURE);
    }

    @Test
    void queryTokenForSendersThatOnlyCallAUrl() {
        final SourceScheme sterling = TestSources.scheme("t", "{provider: token, queryParam: key, secrets: [\"" + TOKEN + "\"]}");
        assertThat(accepted(sterling, request("key=" + TOKEN, HttpHeaders.empty())).identity().type()).isEqualTo("screening");
        assertThat(reasonOf(sterling, request("key=nope", HttpHeaders.empty()))).isEqualTo(RejectReason.BAD_CREDENTIALS);
        assertThat(reasonOf(sterling, request("key=" + TOKEN + "&key=" + TOKEN, HttpHeaders.empty()))).isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(sterling, request("", HttpHeaders.empty().with("Authorization", "Bearer " + TOKEN))))
            .as("the header does not count when the query is configured").isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(sterling, request("key=%zz", HttpHeaders.empty()))).isEqualTo(RejectReason.MALFORMED_SIGNATURE);
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> TestSources.scheme("t", "{provider: token, header: X-Token, queryParam: key, secrets: [\"" + TOKEN + "\"]}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("sources.t.queryParam: set header or queryParam, not both");
        assertThatThrownBy(() -> TestSources.scheme("t", "{provider: token, secrets: [\"short\"]}"))
            .hasMessageContaining("sources.t.secrets[0]: a token must be at least 16 characters");
    }
}
