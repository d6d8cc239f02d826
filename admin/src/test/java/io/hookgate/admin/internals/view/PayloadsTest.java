package io.hookgate.admin.internals.view;

import io.hookgate.admin.api.model.PayloadView;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTest {

    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsShownAsJsonWithARequestsCredentialsHidden() {
        final byte[] body = utf8("{\"token\":\"xoxb-secret\",\"event\":{\"type\":\"message\",\"api_key\":\"k\",\"keys\":[1]},\"id\":\"evt_1\"}");
        final PayloadView redacted = Payloads.redacted(body);
        assertThat(redacted.bytes()).isEqualTo(body.length);
        assertThat(redacted.json().path("token").asText()).isEqualTo("[redacted]");
        assertThat(redacted.json().path("event").path("api_key").asText()).isEqualTo("[redacted]");
        assertThat(redacted.json().path("event").path("type").asText()).isEqualTo("message");
        assertThat(redacted.json().path("event").path("keys").get(0).asInt()).as("containers are walked, not hidden").isEqualTo(1);
        assertThat(redacted.json().path("id").asText()).isEqualTo("evt_1");
        assertThat(Payloads.of(body).json().path("token").asText()).as("an envelope is shown as it is").isEqualTo("xoxb-secret");
    }

    @Test
    void formsAndTextAreTextAndTheRestBase64() {
        assertThat(Payloads.redacted(utf8("Body=hi&AuthToken=abc&From=%2B1")).text()).isEqualTo("Body=hi&AuthToken=[redacted]&From=%2B1");
        final PayloadView binary = Payloads.of(new byte[] {0, (byte) 0xFF, 1});
        assertThat(binary.base64()).isEqualTo("AP8B");
        assertThat(binary.text()).isNull();
        final PayloadView big = Payloads.of(utf8("é".repeat(Payloads.MAX_BYTES)));
        assertThat(big.truncated()).isTrue();
        assertThat(big.text()).hasSize(Payloads.MAX_BYTES / 2);
        assertThat(PayloadView.unavailable("gone").unavailable()).isEqualTo("gone");
    }
}
