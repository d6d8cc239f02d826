package io.hookgate.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hookgate.app.Hookgate;
import io.hookgate.app.testing.CliRun;
import io.hookgate.app.testing.StdStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hookgate config check} and {@code hookgate config print}: a file read as the parts read it, nothing started. */
class ConfigCommandTest {

    private static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SUBSCRIPTION_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String GITHUB_SECRET = "github-secret-never-printed";
    private static final String ADMIN_TOKEN = "admin-token-never-printed";
    private static final String TENANT_TOKEN = "tenant-token-never-printed";
    private static final String SECRETS_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    private static final String COLLECTOR_KEY = "collector-key-never-printed";

    @RegisterExtension
    final StdStreams streams = new StdStreams();

    @Test
    void checkSaysOkWithWhatTheFileHoldsAndWarnsOfASourceWithoutSecret(@TempDir final Path dir) throws Exception {
        final Path config = write(dir, """
            sources:
              demo: {provider: standard-webhooks, secrets: ["%s"]}
              open: {provider: github}
            subscriptions:
              s: {url: "https://example.com/hook", sources: [demo], secret: "%s"}
            """.formatted(SOURCE_SECRET, SUBSCRIPTION_SECRET));
        assertThat(Hookgate.run("config", "check", "--config", config.toString())).as(streams.err()).isZero();
        assertThat(streams.out()).isEqualTo("ok: " + config + ": 2 sources, 1 subscription\n"
            + "  warning: source open has no secret: every request to /webhooks/open will be rejected as no_secret "
            + "(set sources.open.secrets)\n");
        assertThat(streams.err()).isEmpty();
    }

    @Test
    void checkListsEveryProblemByItsPathAndExitsWithTheConfigurationErrorCode(@TempDir final Path dir) throws Exception {
        final Path config = write(dir, """
            kafka: {bootstrapServers: localhost}
            sources:
              pay: {provider: strpe, secrets: ["whsec_x"]}
            subscriptions:
              s: {url: "https://example.com/hook", sources: [pay], secret: "billing-secret"}
            """);
        assertThat(Hookgate.run("config", "check", "-c", config.toString())).isEqualTo(Hookgate.CONFIG_ERROR);
        assertThat(streams.out()).isEmpty();
        assertThat(streams.err()).isEqualTo("hookgate: 3 configuration problems:\n"
            + "  kafka.bootstrapServers: 'localhost' has no port: write host:port, e.g. localhost:9092\n"
            + "  sources.pay.provider: unknown provider 'strpe' (did you mean 'stripe'?) (known providers: basic-auth, checkr, "
            + "docusign, dropbox-sign, github, hmac, publisher, shopify, slack, square, standard-webhooks, stripe, token, twilio, zoom)\n"
            + "  subscriptions.s.secret: must start with whsec_ (a Standard Webhooks secret); make one with: hookgate secret new\n");
        streams.reset();
        assertThat(Hookgate.run("config", "check", "-c", dir.resolve("missing.yaml").toString())).isEqualTo(Hookgate.CONFIG_ERROR);
        assertThat(streams.err()).contains("missing.yaml does not exist").doesNotContain("\tat ");
    }

    @Test
    void printShowsEveryKeyAsItAppliesWithEverySecretMasked(@TempDir final Path dir) throws Exception {
        final Path config = write(dir, """
            sources:
              demo: {provider: standard-webhooks, secrets: ["%s"]}
              gh: {provider: github, secrets: ["%s"]}
            subscriptions:
              s: {url: "https://example.com/hook", sources: [demo], secret: "%s"}
            admin: {token: "%s", secretsKey: "%s", tokens: [{token: "%s", tenant: acme}]}
            tracing: {otlpHeaders: {authorization: "%s"}}
            """.formatted(SOURCE_SECRET, GITHUB_SECRET, SUBSCRIPTION_SECRET, ADMIN_TOKEN, SECRETS_KEY, TENANT_TOKEN, COLLECTOR_KEY));
        assertThat(Hookgate.run("config", "print", "--config", config.toString())).as(streams.err()).isZero();
        final String printed = streams.out();
        assertThat(printed).doesNotContain(SOURCE_SECRET.substring(6), GITHUB_SECRET, SUBSCRIPTION_SECRET.substring(6), ADMIN_TOKEN,
            SECRETS_KEY, TENANT_TOKEN, COLLECTOR_KEY);
        final JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(printed);
        assertThat(names(tree)).containsExactly("kafka", "ingress", "sources", "subscriptions", "dispatch", "admin", "processor", "dev",
            "tracing", "logging", "tenants");
        assertThat(tree.at("/sources/demo/secrets/0").textValue()).isEqualTo("whsec_****");
        assertThat(tree.at("/sources/gh/secrets/0").textValue()).isEqualTo("****");
        assertThat(tree.at("/sources/gh/legacySha1").booleanValue()).as("a provider's own key, at its default").isFalse();
        assertThat(tree.at("/subscriptions/s/secret").textValue()).isEqualTo("whsec_****");
        assertThat(tree.at("/admin/token").textValue()).isEqualTo("****");
        assertThat(tree.at("/admin/tokens/0/token").textValue()).isEqualTo("****");
        assertThat(tree.at("/tracing/otlpHeaders/authorization").textValue()).isEqualTo("****");
        assertThat(tree.at("/ingress/port").intValue()).as("a default").isEqualTo(8080);
        assertThat(tree.at("/kafka/bootstrapServers").textValue()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void printRefusesAFileWithProblemsLikeCheck(@TempDir final Path dir) throws Exception {
        final Path config = write(dir, "sources:\n  demo: {provider: standard-webhooks, secrets: [\"%s\", \"\"]}\n".formatted(SOURCE_SECRET));
        assertThat(Hookgate.run("config", "print", "--config", config.toString())).isEqualTo(Hookgate.CONFIG_ERROR);
        assertThat(streams.out()).isEmpty();
        assertThat(streams.err()).isEqualTo("hookgate: 1 configuration problem:\n  sources.demo.secrets[1]: empty\n");
    }

    @Test
    void bothReadTheEnvironmentAndTheDefaultFileAsTheOtherCommandsDo(@TempDir final Path dir) throws Exception {
        copyExamples(dir);
        final CliRun.Result check = CliRun.in(dir).run("config", "check");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).isEqualTo("ok: examples/dev.yaml: 4 sources, 3 subscriptions\n");

        Files.writeString(dir.resolve("env.yaml"), """
            ingress: {port: "${INGRESS_PORT:-8080}"}
            admin: {port: "${ADMIN_PORT:-9191}", token: "${ADMIN_TOKEN}"}
            sources:
              demo: {provider: standard-webhooks, secrets: ["${DEMO_SECRET}"]}
            """);
        final CliRun.Result printed = CliRun.in(dir).env("INGRESS_PORT", "18080").env("ADMIN_PORT", "").env("ADMIN_TOKEN", ADMIN_TOKEN)
            .env("DEMO_SECRET", SOURCE_SECRET).env("HOOKGATE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092").run("config", "print", "-c", "env.yaml");
        assertThat(printed.exit()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("  port: 18080\n", "  port: 9191\n", "  bootstrapServers: kafka-1:9092\n", "whsec_****")
            .doesNotContain(ADMIN_TOKEN, SOURCE_SECRET.substring(6));

        Files.writeString(dir.resolve("env.yaml"), "dev: {dataDir: \"${DATA:?set it}\"}\n", java.nio.file.StandardOpenOption.APPEND);
        final CliRun.Result unset = CliRun.in(dir).env("INGRESS_PORT", "eighty").run("config", "check", "-c", "env.yaml");
        assertThat(unset.exit()).isEqualTo(Hookgate.CONFIG_ERROR);
        assertThat(unset.err()).isEqualTo("hookgate: 4 configuration problems:\n"
            + "  admin.token: environment variable ADMIN_TOKEN is not set\n"
            + "  sources.demo.secrets[0]: environment variable DEMO_SECRET is not set\n"
            + "  dev.dataDir: '${DATA:?set it}' is not supported: write ${NAME}, or ${NAME:-default} for a default\n"
            + "  ingress.port: expected a whole number, got 'eighty'\n");
    }

    private static Path write(final Path dir, final String yaml) throws Exception {
        final Path config = dir.resolve("hookgate.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    /** {@code examples/} of the repository, copied to {@code dir}: the default file and the schema it names. */
    private static void copyExamples(final Path dir) throws Exception {
        final Path examples = Path.of("..", "examples");
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path file : files.toList()) {
                final Path target = dir.resolve("examples").resolve(examples.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static List<String> names(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
