package io.hookgate.admin.internals.view;

import io.hookgate.admin.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private final Redaction redaction = Redaction.of(TestConfigs.parse("""
        sources:
          acme: {provider: hmac, header: X-Acme-Mac}
          sterling: {provider: token, queryParam: code}
          plain: {provider: standard-webhooks}
        """), TestConfigs.PROVIDERS);

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "proxy-authorization", "Cookie", "X-Hub-Signature-256", "X-Hub-Signature", "Stripe-Signature",
        "X-Slack-Signature", "webhook-signature", "svix-signature", "X-Twilio-Signature", "x-square-hmacsha256-signature",
        "X-Shopify-Hmac-Sha256", "X-Zm-Signature", "X-DocuSign-Signature-1", "X-Api-Key", "X-Auth-Token", "X-Webhook-Secret",
        "x-acme-mac", "X-ACME-MAC"})
    void credentialHeadersAreRedacted(final String name) {
        assertThat(redaction.header(name, "v1,c2VjcmV0")).isEqualTo(Redaction.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"content-type", "user-agent", "webhook-id", "webhook-timestamp", "x-github-event", "x-github-delivery",
        "content-length", "x-forwarded-for"})
    void otherHeadersAreKept(final String name) {
        assertThat(redaction.header(name, "value")).isEqualTo("value");
    }

    @Test
    void credentialQueryValuesAreRedactedNamesAndOrderKept() {
        assertThat(redaction.query("key=AIza123&order=42&access_token=abc&code=s3cret&sig=x&page=2"))
            .isEqualTo("key=[redacted]&order=42&access_token=[redacted]&code=[redacted]&sig=[redacted]&page=2");
        assertThat(redaction.query("api%5Fkey=abc&CODE=x")).isEqualTo("api%5Fkey=[redacted]&CODE=[redacted]");
        // What cannot be judged by its name is hidden.
        assertThat(redaction.query("sekrit-value-without-name&a=1")).isEqualTo("[redacted]&a=1");
        assertThat(redaction.query("%zz=abc")).isEqualTo("%zz=[redacted]");
        assertThat(redaction.query("")).isEmpty();
        assertThat(redaction.query(null)).isNull();
        assertThat(Redaction.byName().query("code=x")).as("code is a credential only where a source says so").isEqualTo("code=x");
    }
}
