package io.hookgate.app;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.Verification;
import io.hookgate.app.testing.StdStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HookgateCliTest {

    @RegisterExtension
    final StdStreams streams = new StdStreams();

    @Test
    void configProblemsAreListedWithPathsAndExitTwoBeforeAnythingStarts(@TempDir final Path dir) throws Exception {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
            sources:
              stripe: {provider: standard-webhooks, secrets: [""], toleranceSecond: 3}
            """);
        assertThat(Hookgate.run("dev", "--config", config.toString())).isEqualTo(Hookgate.CONFIG_ERROR);
        assertThat(streams.err())
            .contains("2 configuration problems:")
            .contains("sources.stripe.toleranceSecond: unknown key (did you mean 'toleranceSeconds'?)")
            .contains("sources.stripe.secrets[0]: empty");
        assertThat(Hookgate.run("processor", "--config", dir.resolve("missing.yaml").toString())).isEqualTo(Hookgate.CONFIG_ERROR);
        assertThat(streams.err()).contains("missing.yaml does not exist");
        // The admin part serves the admin API, which needs a token: without one, nothing starts.
        final Path noToken = dir.resolve("no-token.yaml");
        Files.writeString(noToken, """
            admin: {port: 0}
            sources:
              demo: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}
            """);
        assertThat(Hookgate.run("admin", "--config", noToken.toString())).isEqualTo(Hookgate.CONFIG_ERROR);
        assertThat(streams.err()).contains("admin.token: required by the admin part");
    }

    @Test
    void signPrintsACurlWhoseRequestVerifies(@TempDir final Path dir) throws Exception {
        final Path configFile = dir.resolve("c.yaml");
        Files.writeString(configFile, """
            ingress: {port: 9999}
            sources:
              demo: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}
            """);
        final Path body = dir.resolve("body.json");
        Files.writeString(body, "{\"type\":\"it's.quoted\",\"n\":1}");
        assertThat(Hookgate.run("sign", "--source", "demo", "--config", configFile.toString(), "--body", body.toString())).isZero();

        final String curl = streams.out();
        assertThat(curl).startsWith("curl -sS -i -X POST 'http://127.0.0.1:9999/webhooks/demo'");
        final List<String> quoted = shellWords(curl);
        HttpHeaders headers = HttpHeaders.empty();
        byte[] sent = null;
        for (int i = 0; i < quoted.size(); i++) {
            if ("-H".equals(quoted.get(i))) {
                final String[] header = quoted.get(i + 1).split(": ", 2);
                headers = headers.with(header[0], header[1]);
            }
            if ("--data-binary".equals(quoted.get(i))) {
                sent = quoted.get(i + 1).getBytes(StandardCharsets.UTF_8);
            }
        }
        assertThat(sent).isEqualTo(Files.readAllBytes(body));
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).load(configFile);
        final Verification verification = Providers.builtIn().bind(config).forSource("demo").orElseThrow()
            .verify(new RawRequest("i", "demo", Instant.now(), "", "POST", "", headers, sent));
        assertThat(verification).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void signReadsTheBodyFromStandardInputForADash(@TempDir final Path dir) throws Exception {
        final Path configFile = dir.resolve("c.yaml");
        Files.writeString(configFile, "sources:\n  demo: {provider: standard-webhooks, secrets: [\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"]}\n");
        final java.io.InputStream originalIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream("{\"from\":\"stdin\"}".getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(Hookgate.run("sign", "--source", "demo", "--config", configFile.toString(), "--body", "-")).isZero();
        } finally {
            System.setIn(originalIn);
        }
        assertThat(streams.out()).contains("--data-binary '{\"from\":\"stdin\"}'");
    }

    @Test
    void signPrintsTheApplicationsOwnEventForAPublisherSource() {
        assertThat(Hookgate.run("sign", "--source", "app", "--config", Path.of("..", "examples", "dev.yaml").toString())).isZero();
        final String curl = streams.out();
        assertThat(curl).startsWith("curl -sS -i -X POST 'http://127.0.0.1:8080/webhooks/app'")
            .contains("-H 'Authorization: Bearer dev-app-token-9f3c2a7e5b8d1f4c6a0e'")
            .as("a declared type whose schema the sample cannot break").contains("-H 'Event-Type: order.cancelled'")
            .containsPattern("-H 'Idempotency-Key: [0-9a-f-]{36}'")
            .contains("--data-binary '{\"message\":\"hello from hookgate\"");
    }

    @Test
    void signRefusesAnUnknownSource(@TempDir final Path dir) throws Exception {
        final Path configFile = dir.resolve("c.yaml");
        Files.writeString(configFile, "sources:\n  demo: {provider: standard-webhooks}\n");
        assertThat(Hookgate.run("sign", "--source", "nope", "--config", configFile.toString())).isEqualTo(2);
        assertThat(streams.err()).contains("no source 'nope'").contains("demo");
    }

    /** The words of a command line as a POSIX shell reads them (single quotes only, as CurlCommand writes). */
    private static List<String> shellWords(final String line) {
        final List<String> words = new ArrayList<>();
        final Matcher matcher = Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(line.replace("\\\n", " "));
        while (matcher.find()) {
            words.add(matcher.group(1) != null ? matcher.group(1).replace("'\\''", "'") : matcher.group(2));
        }
        return words;
    }
}
