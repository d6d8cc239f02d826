package io.hookgate.app.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.run.Gateway;
import io.hookgate.app.testing.ChildHookgate;
import io.hookgate.app.testing.CliRun;
import io.hookgate.app.testing.Gateways;
import io.hookgate.app.testing.SignedSends;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.SecretBox;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code hookgate listen} as a user runs it (a child process) against a running gateway: the
 * subscription it makes forwards a webhook to the local receiver signed with the secret it printed,
 * each delivery is a line with its status and time, SIGTERM deletes the subscription, and a
 * gateway that is down, a refused token and a refused subscription are each said in the CLI's words.
 */
class ListenIT {

    static final String TOKEN = "listen-it-token-7d1c4b9e";
    static final String SOURCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Pattern SECRET = Pattern.compile("\\(secret (whsec_[A-Za-z0-9+/=]+)\\)");
    static final Pattern ID = Pattern.compile("Made subscription (listen-[0-9a-f]{8}) ");

    @Test
    void forwardsSignedDeliveriesPrintsEachAndDeletesItsSubscriptionWhenStopped(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); RecordingReceiver receiver = new RecordingReceiver()) {
            final Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, """
                kafka: {bootstrapServers: "%s", topicPrefix: "listen.", partitions: 1}
                ingress: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0, token: "%s", secretsKey: "%s", stateDir: "%s"}
                processor: {stateDir: "%s"}
                sources:
                  demo: {provider: standard-webhooks, secrets: ["%s"]}
                dispatch: {retryDelays: [1s]}
                dev: {dataDir: "%s"}
                """.formatted(kafka.bootstrapServers(), TOKEN, SecretBox.newKey(), dir.resolve("admin"), dir.resolve("streams"),
                SOURCE_SECRET, dir.resolve("dev")));
            final Gateway gateway = Gateways.running(Gateways.config(Files.readString(config)));
            final String admin = "http://127.0.0.1:" + gateway.adminPort();
            try (ChildHookgate listen = ChildHookgate.start(dir.resolve("listen.log"), "listen", "--config", config.toString(),
                "--admin", admin, "--forward-to", receiver.url("/hook"));
                 ChildHookgate scripted = ChildHookgate.start(dir.resolve("json.log"), Map.of("HOOKGATE_ADMIN_TOKEN", TOKEN), "listen",
                     "--admin", admin, "--config", config.toString(), "--kafka", kafka.bootstrapServers(), "--source", "demo",
                     "--events", "order.*", "--json",
                     "--forward-to", receiver.url("/json"))) {
                listen.awaitOutput("Ready!", Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> !scripted.output().isEmpty() || !scripted.isAlive());
                final String started = listen.output();
                assertThat(started).as(started).contains("Ready! Forwarding demo -> " + receiver.url("/hook") + " (secret whsec_");
                final Matcher secret = SECRET.matcher(started);
                final Matcher id = ID.matcher(started);
                assertThat(secret.find()).isTrue();
                assertThat(id.find()).as(started).isTrue();
                assertThat(started).contains("delete it: hookgate subscriptions delete " + id.group(1));
                assertThat(get(admin, id.group(1)).statusCode()).isEqualTo(200);

                assertThat(SignedSends.post(gateway.ingressPort(), "demo", "msg_listen_1", "{\"type\":\"order.created\"}", SOURCE_SECRET))
                    .isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.receivedAt("/hook").isEmpty());
                final RecordingReceiver.Received delivery = receiver.receivedAt("/hook").get(0);
                new Webhook(secret.group(1)).verify(new String(delivery.body(), StandardCharsets.UTF_8), delivery.headers());
                await().atMost(Duration.ofSeconds(30)).until(() -> listen.output().contains("delivered"));
                assertThat(listen.output()).containsPattern("delivered +demo +" + id.group(1) + " msg_listen_1 +204 in \\d+ ms");

                await().atMost(Duration.ofSeconds(30)).until(() -> scripted.output().lines().count() >= 2 || !scripted.isAlive());
                final List<String> json = scripted.output().lines().toList();
                assertThat(json).as(scripted.output()).hasSizeGreaterThanOrEqualTo(2);
                final JsonNode made = Json.mapper().readTree(json.get(0));
                assertThat(made.get("id").asText()).startsWith("listen-");
                assertThat(made.get("secret").asText()).startsWith("whsec_");
                assertThat(made.get("eventTypes").get(0).asText()).isEqualTo("order.*");
                assertThat(made.get("allowInsecureUrl").asBoolean()).isTrue();
                final JsonNode attempt = Json.mapper().readTree(json.get(1));
                assertThat(attempt.get("subscription").asText()).isEqualTo(made.get("id").asText());
                assertThat(attempt.get("outcome").asText()).isEqualTo("delivered");
                assertThat(attempt.at("/attempt/status").asInt()).isEqualTo(204);
                assertThat(receiver.receivedAt("/json")).hasSize(1);
                scripted.stop();
                assertThat(scripted.output()).contains("Deleted subscription " + made.get("id").asText());
                assertThat(get(admin, made.get("id").asText()).statusCode()).isEqualTo(404);

                listen.stop();
                assertThat(listen.output()).contains("Deleted subscription " + id.group(1)).doesNotContain("\tat ", "Exception");
                assertThat(get(admin, id.group(1)).statusCode()).as("deleted on SIGTERM").isEqualTo(404);
            }

            final Path work = Files.createDirectories(dir.resolve("work"));
            final CliRun.Result refused = CliRun.in(work).env("HOOKGATE_ADMIN_TOKEN", TOKEN).run("listen", "--admin", admin,
                "--config", config.toString(), "--source", "nosuch", "--forward-to", receiver.url("/hook"));
            assertThat(refused.exit()).as(refused.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(refused.err()).startsWith("hookgate: invalid_subscription: ").contains("\n  sources").contains("nosuch")
                .doesNotContain("\tat ");
            final CliRun.Result wrongToken = CliRun.in(work).env("HOOKGATE_ADMIN_TOKEN", "wrong-token-0000000000").run("listen",
                "--config", config.toString(), "--admin", admin, "--forward-to", receiver.url("/hook"));
            assertOneLine(wrongToken, ExitCodes.UNAUTHORIZED, "hookgate: unauthorized: ");
            final CliRun.Result down = CliRun.in(work).run("listen", "--config", config.toString(), "--admin",
                "http://127.0.0.1:" + closedPort(), "--forward-to", receiver.url("/hook"));
            assertOneLine(down, ExitCodes.UNAVAILABLE, "connection refused (is the gateway running, and --admin its admin port?)");
            final CliRun.Result otherPrefix = CliRun.in(work).env("HOOKGATE_ADMIN_TOKEN", TOKEN).run("listen", "--admin", admin,
                "--kafka", kafka.bootstrapServers(), "--source", "demo", "--forward-to", receiver.url("/hook"));
            assertOneLine(otherPrefix, ExitCodes.USAGE, "has no topic hookgate.dispatch.attempts: is it the gateway's cluster");
            assertThat(get(admin, "").body()).as("no failed listen left a subscription").doesNotContain("listen-");
            gateway.close();
        }
    }

    private static void assertOneLine(final CliRun.Result result, final int exit, final String words) {
        assertThat(result.exit()).as(result.all()).isEqualTo(exit);
        assertThat(result.err().strip()).contains(words).doesNotContain("\n", "\tat ", "Exception");
    }

    private static HttpResponse<String> get(final String admin, final String id) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin + "/admin/subscriptions" + (id.isEmpty() ? "" : "/" + id)))
            .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
