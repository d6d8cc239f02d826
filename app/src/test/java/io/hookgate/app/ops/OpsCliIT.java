package io.hookgate.app.ops;

import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.run.Gateway;
import io.hookgate.app.testing.CliRun;
import io.hookgate.app.testing.Gateways;
import io.hookgate.app.testing.SignedSends;
import io.hookgate.core.json.Json;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops commands as a user runs them (a child process per command) against a running gateway:
 * found through {@code --config}, {@code HOOKGATE_ADMIN_URL} or dev mode's files, and every
 * mistake answered with one line in the CLI's words and the exit code of its kind.
 */
class OpsCliIT {

    static final String TOKEN = "ops-cli-token-5c2e9a71";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SUBSCRIPTION_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    @Test
    void opsCommandsFindTheGatewayAndFailInTheirOwnWords(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); RecordingReceiver receiver = new RecordingReceiver()) {
            receiver.answer(request -> RecordingReceiver.Answer.status(400));
            final int ingressPort = freePort();
            final int adminPort = freePort();
            final Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, """
                kafka: {bootstrapServers: "%s", topicPrefix: "cli.", partitions: 1}
                ingress: {host: 127.0.0.1, port: %d}
                admin: {host: 127.0.0.1, port: %d, token: "%s", stateDir: "%s"}
                processor: {stateDir: "%s"}
                sources:
                  demo: {provider: standard-webhooks, secrets: ["%s"]}
                subscriptions:
                  broken: {url: "%s", allowInsecureUrl: true, sources: [demo], secret: "%s"}
                dispatch: {retryDelays: [1s]}
                dev: {dataDir: "%s"}
                """.formatted(kafka.bootstrapServers(), ingressPort, adminPort, TOKEN, dir.resolve("admin"), dir.resolve("streams"),
                SECRET, receiver.url("/broken"), SUBSCRIPTION_SECRET, dir.resolve("dev")));
            final Gateway gateway = Gateways.running(Gateways.config(Files.readString(config)));
            try {
                send(ingressPort, "msg_cli_1");
                final String admin = "http://127.0.0.1:" + adminPort;
                final Path work = Files.createDirectories(dir.resolve("work"));
                await().atMost(Duration.ofSeconds(60)).until(() -> CliRun.in(work).run("dlq", "list", "--config", config.toString(),
                    "--json").out().contains("msg_cli_1"));

                // --config alone: the admin address and token come from it.
                CliRun.Result listed = CliRun.in(work).run("dlq", "list", "--config", config.toString());
                assertThat(listed.exit()).as(listed.all()).isZero();
                assertThat(listed.out()).contains("msg_cli_1").contains("broken");
                final String id = Json.mapper().readTree(CliRun.in(work).run("dlq", "list", "-c", config.toString(), "--json").out())
                    .get("entries").get(0).get("id").asText();
                // HOOKGATE_ADMIN_URL and HOOKGATE_ADMIN_TOKEN, no flags.
                listed = CliRun.in(work).env("HOOKGATE_ADMIN_URL", admin).env("HOOKGATE_ADMIN_TOKEN", TOKEN).run("dlq", "list",
                    "--since", "1h", "--reason", "rejected");
                assertThat(listed.exit()).as(listed.all()).isZero();
                assertThat(listed.out()).contains(id);
                listed = CliRun.in(work).env("HOOKGATE_ADMIN_URL", admin).env("HOOKGATE_ADMIN_TOKEN", TOKEN).run("dlq", "list",
                    "--since", "yesterday", "--until", "2h");
                assertThat(listed.out()).doesNotContain(id);

                // Replayed once, then refused in the CLI's words.
                final CliRun.Result replayed = CliRun.in(work).run("dlq", "replay", id, "--config", config.toString());
                assertThat(replayed.exit()).as(replayed.all()).isZero();
                final CliRun.Result twice = CliRun.in(work).run("dlq", "replay", id, "--config", config.toString());
                assertOneLine(twice, ExitCodes.CONFLICT, "hookgate: " + id + " was already replayed; add --force to replay it again");

                assertOneLine(CliRun.in(work).run("dlq", "show", "dlq_nope", "-c", config.toString()), ExitCodes.NOT_FOUND,
                    "hookgate: not_found: ");
                assertOneLine(CliRun.in(work).run("dlq", "list", "--admin", "http://127.0.0.1:" + ingressPort, "-c", config.toString()),
                    ExitCodes.USAGE, "is a hookgate ingress port, not an admin port: give --admin the admin port");
                assertOneLine(CliRun.in(work).run("dlq", "list", "--admin", "notaurl", "-c", config.toString()), ExitCodes.USAGE,
                    "hookgate: --admin notaurl is not an http(s) URL such as http://127.0.0.1:8081");
                assertOneLine(CliRun.in(work).run("dlq", "list", "--admin", "http://127.0.0.1:" + freePort(), "-c", config.toString()),
                    ExitCodes.UNAVAILABLE, "connection refused (is the gateway running, and --admin its admin port?)");
                assertOneLine(CliRun.in(work).env("HOOKGATE_ADMIN_TOKEN", "wrong-token-000000000").run("dlq", "list", "-c",
                    config.toString()), ExitCodes.UNAUTHORIZED, "hookgate: unauthorized: ");
                assertOneLine(CliRun.in(work).run("dlq", "list"), ExitCodes.USAGE,
                    "hookgate: no admin token: set HOOKGATE_ADMIN_TOKEN (hookgate dev prints an export line with it)");
                assertOneLine(CliRun.in(work).run("rejected", "list", "--reason", "bad_sig", "-c", config.toString()), ExitCodes.USAGE,
                    "hookgate: --reason bad_sig: not a rejected reason (did you mean 'bad_signature'?); the rejected reasons are ");
                assertOneLine(CliRun.in(work).run("dlq", "list", "--since", "the day before", "-c", config.toString()), ExitCodes.USAGE,
                    "hookgate: --since the day before: not a time; use an ISO-8601 instant");

                // Where dev mode ran, its files are enough: no flag, no variable.
                Files.createDirectories(work.resolve(".hookgate"));
                Files.writeString(work.resolve(".hookgate/admin-token"), TOKEN + "\n");
                Files.writeString(work.resolve(".hookgate/admin-url"), admin + "\n");
                listed = CliRun.in(work).run("dlq", "list");
                assertThat(listed.exit()).as(listed.all()).isZero();
                assertThat(listed.out()).contains(id);
            } finally {
                gateway.close();
            }
        }
    }

    /** The command failed with {@code exit} and said so in one line naming {@code words}, with no stack trace. */
    static void assertOneLine(final CliRun.Result result, final int exit, final String words) {
        assertThat(result.exit()).as(result.all()).isEqualTo(exit);
        assertThat(result.err()).contains(words);
        assertThat(result.err().strip().lines().count()).as(result.err()).isEqualTo(1);
        assertThat(result.all()).doesNotContain("Exception", "\tat ");
    }

    private static void send(final int ingressPort, final String msgId) throws Exception {
        assertThat(SignedSends.post(ingressPort, "demo", msgId, "{\"type\":\"thing.happened\"}", SECRET)).isEqualTo(200);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
