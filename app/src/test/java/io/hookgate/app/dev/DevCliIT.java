package io.hookgate.app.dev;

import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.app.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookgate dev} on ports of its configuration, as a new user meets it: the banner's export
 * line and sign hint work as printed, the ops commands find it, and a restart keeps the token and the secrets key.
 */
class DevCliIT {

    private static final Pattern EXPORT = Pattern.compile("export HOOKGATE_ADMIN_URL=(\\S+) HOOKGATE_ADMIN_TOKEN=(\\S+)");

    @Test
    void theBannerPrintsWhatTheOtherCommandsNeedAndTheTokenOutlivesARestart(@TempDir final Path dir) throws Exception {
        final int admin = freePort();
        final Path config = dir.resolve("my dev.yaml");
        Files.writeString(config, """
            kafka: {bootstrapServers: "127.0.0.1:%d", topicPrefix: "hookgate.", partitions: 1}
            ingress: {host: 127.0.0.1, port: %d}
            admin: {host: 127.0.0.1, port: %d}
            sources:
              demo: {provider: standard-webhooks, secrets: ["whsec_ZGVtby1zb3VyY2Utc2VjcmV0LWZvci1ob29rZ2F0ZQ=="]}
            dev: {dataDir: "%s", controllerPort: %d, receiverPort: 0}
            """.formatted(freePort(), freePort(), admin, dir.resolve("data"), freePort()));
        final String first = startAndCheck(dir, config, admin, "first.log", true);
        final String key = Files.readString(dir.resolve("data").resolve(DevFiles.SECRETS_KEY_FILE));
        final String second = startAndCheck(dir, config, admin, "second.log", false);
        assertThat(second).as("the token kept under the data directory").isEqualTo(first);
        assertThat(Files.readString(dir.resolve("data").resolve(DevFiles.SECRETS_KEY_FILE))).as("the secrets key kept too").isEqualTo(key);
    }

    /** Starts dev, checks the banner and the commands it names, stops it; the token it printed. */
    private static String startAndCheck(final Path dir, final Path config, final int admin, final String log, final boolean first)
        throws Exception {
        try (ChildHookgate dev = ChildHookgate.start(dir.resolve(log), "dev", "--config", config.toString())) {
            dev.awaitOutput("is ready", Duration.ofSeconds(150));
            final String banner = dev.output();
            assertThat(banner).contains("is ready");
            final Matcher export = EXPORT.matcher(banner);
            assertThat(export.find()).as(banner).isTrue();
            assertThat(export.group(1)).isEqualTo("http://127.0.0.1:" + admin);
            // A newcomer finds the console's URL in the banner, and it answers the page.
            assertThat(banner).contains("  console   http://127.0.0.1:" + admin + "/console ");
            final java.net.http.HttpResponse<String> console = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + admin + "/console")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(console.statusCode()).isEqualTo(200);
            assertThat(console.body()).contains("hookgate console");
            assertThat(banner).contains("./hookgate sign --source demo --config '" + config + "'")
                .contains("./hookgate subscriptions create --url URL --source demo --config '" + config + "'")
                .contains("sealed under admin.secretsKey (generated once, kept in " + dir.resolve("data").resolve(DevFiles.SECRETS_KEY_FILE));

            final Path work = Files.createDirectories(dir.resolve("work"));
            final CliRun.Result exported = CliRun.in(work).env("HOOKGATE_ADMIN_URL", export.group(1))
                .env("HOOKGATE_ADMIN_TOKEN", export.group(2)).run("dlq", "list");
            assertThat(exported.exit()).as(exported.all()).isZero();
            final CliRun.Result configured = CliRun.in(work).run("rejected", "list", "--config", config.toString());
            assertThat(configured.exit()).as("the token found under dev.dataDir: " + configured.all()).isZero();
            final CliRun.Result signed = CliRun.in(work).run("sign", "--source", "demo", "--config", config.toString());
            assertThat(signed.exit()).as(signed.all()).isZero();
            if (first) {
                final CliRun.Result created = CliRun.in(work).run("subscriptions", "create", "--id", "orders", "--url",
                    "http://127.0.0.1:9/orders", "--allow-insecure-url", "--source", "demo", "--config", config.toString());
                assertThat(created.exit()).as(created.all()).isZero();
                assertThat(created.all()).contains("whsec_");
            } else {
                // Made before the restart, its secret sealed under the kept key: still in force.
                final CliRun.Result listed = CliRun.in(work).run("subscriptions", "list", "--config", config.toString());
                assertThat(listed.exit()).as(listed.all()).isZero();
                assertThat(listed.all()).contains("orders").contains("enabled").contains("http://127.0.0.1:9/orders");
            }
            dev.stop();
            return export.group(2);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
