package io.hookgate.providers.github;

import io.hookgate.core.event.EventIdOrigin;
import io.hookgate.core.rejection.RejectReason;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.SourceScheme;
import io.hookgate.providers.spi.Verification;
import io.hookgate.providers.testing.TestSources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.hookgate.providers.testing.Verdicts.accepted;
import static io.hookgate.providers.testing.Verdicts.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

class GithubSchemeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static RawRequest request(final String header, final String signature, final String body, final HttpHeaders extra) {
        HttpHeaders headers = extra.with("Content-Type", "application/json");
        if (signature != null) {
            headers = headers.with(header, signature);
        }
        return TestSources.request("gh", NOW, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static SourceScheme scheme(final String secret) {
        return TestSources.scheme("gh", "{provider: github, secrets: [\"" + secret + "\"]}");
    }

    @Test
    void acceptsGithubsDocumentedExample() {
        // docs.github.com "Testing the webhook payload validation": the body is not JSON, so it is
        // rejected after verifying, as malformed_payload, not as a bad signature.
        final RawRequest docs = request("X-Hub-Signature-256",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "Hello, World!", HttpHeaders.empty());
        assertThat(reasonOf(scheme("It's a Secret to Everybody"), docs)).isEqualTo(RejectReason.MALFORMED_PAYLOAD);
        assertThat(reasonOf(scheme("It's a Secret to Everybody!"), docs)).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void acceptsOctokitsTestVectors() {
        accepted(scheme("mysecret"), request("X-Hub-Signature-256",
            "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3", "{\"foo\":\"bar\"}", HttpHeaders.empty()));
        accepted(scheme("development"), request("X-Hub-Signature-256",
            "sha256=afecc3caa27548bb90d51a50384cb2868b9a3327b4ad6a01c9bd4ed0f8b0b12c",
            "{\"foo\":\"Foo\\n\\u001B[34mbar: \u2665\u2665\u2665\u2665\u2665\u2665\u2665\u2665\\nthis-is-lost\\u001B[0m\\u001B[2K\"}",
            HttpHeaders.empty()));
        accepted(scheme("development"), request("X-Hub-Signature-256",
            "sha256=6f8326efbacfbd04e870cea25b5652e635be8c9807f2fd5348ef60753c9e96ed", "{\"foo\":\"\\\\u001b\"}", HttpHeaders.empty()));
    }

    @Test
    void identifiesByDeliveryAndTypeByEventAndAction() {
        final Verification.Accepted accepted = accepted(scheme("mysecret"), request("X-Hub-Signature-256",
            "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3", "{\"foo\":\"bar\"}",
            HttpHeaders.empty().with("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958").with("X-GitHub-Event", "issues")));
        assertThat(accepted.identity().eventId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(accepted.identity().origin()).isEqualTo(EventIdOrigin.PROVIDER);
        assertThat(accepted.identity().type()).isEqualTo("issues");

        final SourceScheme github = scheme("s3cret-value");
        final byte[] body = "{\"action\":\"opened\",\"number\":1}".getBytes(StandardCharsets.UTF_8);
        final var signed = github.sign(body, NOW);
        final Verification.Accepted pr = accepted(github, TestSources.received("gh", NOW,
            new io.hookgate.providers.spi.SignedRequest(HttpHeaders.of(signed.headers().asList().stream()
                .filter(h -> !h.name().equals("X-GitHub-Event")).toList()).with("X-GitHub-Event", "pull_request"), body, "")));
        assertThat(pr.identity().type()).isEqualTo("pull_request.opened");
    }

    @Test
    void legacySha1OnlyWhenConfigured() {
        final String sha1 = "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59";
        final SourceScheme legacy = TestSources.scheme("gh", "{provider: github, legacySha1: true, secrets: [\"It's a Secret to Everybody\"]}");
        assertThat(reasonOf(legacy, request("X-Hub-Signature", sha1, "Hello, World!", HttpHeaders.empty())))
            .isEqualTo(RejectReason.MALFORMED_PAYLOAD);
        assertThat(reasonOf(scheme("It's a Secret to Everybody"), request("X-Hub-Signature", sha1, "Hello, World!", HttpHeaders.empty())))
            .isEqualTo(RejectReason.MISSING_SIGNATURE);
    }

    @Test
    void negativeCases() {
        final SourceScheme github = scheme("mysecret");
        final String good = "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3";
        assertThat(reasonOf(github, request("X-Hub-Signature-256", good, "{\"foo\":\"baz\"}", HttpHeaders.empty())))
            .isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(github, request("X-Hub-Signature-256", null, "{\"foo\":\"bar\"}", HttpHeaders.empty())))
            .isEqualTo(RejectReason.MISSING_SIGNATURE);
        assertThat(reasonOf(github, request("X-Hub-Signature-256", good.substring(7), "{\"foo\":\"bar\"}", HttpHeaders.empty())))
            .as("without its prefix").isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(github, request("X-Hub-Signature-256", good.substring(0, 41), "{\"foo\":\"bar\"}", HttpHeaders.empty())))
            .as("truncated").isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reasonOf(github, request("X-Hub-Signature-256", good.toUpperCase().replace("SHA256=", "sha256="), "{\"foo\":\"bar\"}",
            HttpHeaders.empty()))).as("upper-case hex").isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(github, request("X-Hub-Signature-256", "sha256=SGVsbG8=", "{\"foo\":\"bar\"}", HttpHeaders.empty())))
            .as("base64 instead of hex").isEqualTo(RejectReason.MALFORMED_SIGNATURE);
        assertThat(reasonOf(TestSources.scheme("gh", "{provider: github}"),
            request("X-Hub-Signature-256", good, "{\"foo\":\"bar\"}", HttpHeaders.empty()))).isEqualTo(RejectReason.NO_SECRET);
    }

    @Test
    void formPostsCarryTheJsonInPayload() {
        final SourceScheme github = scheme("s3cret-value");
        final byte[] body = "payload=%7B%22action%22%3A%22created%22%7D".getBytes(StandardCharsets.UTF_8);
        final var signed = github.sign(body, NOW);
        final HttpHeaders form = HttpHeaders.of(signed.headers().asList().stream()
            .map(h -> h.name().equals("Content-Type") ? new HttpHeaders.Header("Content-Type", "application/x-www-form-urlencoded") : h)
            .toList());
        final Verification.Accepted accepted = accepted(github, TestSources.request("gh", NOW, form, body));
        assertThat(accepted.payload().tree().get("action").asText()).isEqualTo("created");
    }
}
