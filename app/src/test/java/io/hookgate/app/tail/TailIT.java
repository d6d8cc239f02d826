package io.hookgate.app.tail;

import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.run.Gateway;
import io.hookgate.app.testing.CliRun;
import io.hookgate.app.testing.Gateways;
import io.hookgate.app.testing.SignedSends;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import io.hookgate.core.time.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code hookgate tail} against a running gateway: one line per step of each webhook (received,
 * verified, rejected with its reason, duplicate, delivered with status and time, retried with its
 * tier, dead-lettered with its reason), plain when not on a terminal; and dev mode's view, which shows
 * a bounded number of lines a second and counts the rest.
 */
class TailIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String WRONG = "whsec_ZGVtby1zb3VyY2Utc2VjcmV0LWZvci1ob29rZ2F0ZQ==";
    static final String SUBSCRIPTION_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    @Test
    void everyStepOfEveryWebhookIsALine(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(); RecordingReceiver receiver = new RecordingReceiver()) {
            receiver.answer(request -> RecordingReceiver.Answer.status("/ok".equals(request.path()) ? 204 : 503));
            final Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, """
                kafka: {bootstrapServers: "%s", topicPrefix: "tail.", partitions: 1}
                ingress: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0}
                processor: {stateDir: "%s"}
                sources:
                  demo: {provider: standard-webhooks, secrets: ["%s"]}
                subscriptions:
                  ok: {url: "%s", allowInsecureUrl: true, sources: [demo], eventTypes: ["ok.*"], secret: "%s"}
                  down: {url: "%s", allowInsecureUrl: true, sources: [demo], eventTypes: ["down.*"], secret: "%5$s"}
                dispatch: {retryDelays: [1s]}
                """.formatted(kafka.bootstrapServers(), dir.resolve("streams"), SECRET, receiver.url("/ok"), SUBSCRIPTION_SECRET,
                receiver.url("/down")));
            final Gateway gateway = Gateways.running(Gateways.config(Files.readString(config)));
            try {
                send(gateway, "msg_ok", "ok.thing", SECRET);
                send(gateway, "msg_ok", "ok.thing", SECRET);
                send(gateway, "msg_forged", "ok.thing", WRONG);
                send(gateway, "msg_down", "down.thing", SECRET);

                final CliRun.Result tail = CliRun.in(dir).run("tail", "--config", config.toString(), "--since", "5m", "--count", "11");
                assertThat(tail.exit()).as(tail.all()).isZero();
                final java.util.List<String> lines = tail.out().lines().toList();
                assertThat(lines).as(tail.out()).hasSize(11);
                assertThat(lines).filteredOn(line -> line.contains(" received ")).hasSize(4);
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("verified").contains("demo").contains("msg_ok")
                    .contains("type ok.thing"));
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("duplicate").contains("msg_ok").contains("already seen"));
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("rejected").contains("bad_signature"));
                assertThat(lines).anySatisfy(line -> assertThat(line).containsPattern("delivered +demo +ok msg_ok +204 in \\d+ ms"));
                assertThat(lines).anySatisfy(line -> assertThat(line).containsPattern("retried +demo +down msg_down +503 in \\d+ ms, "
                    + "attempt 1; next try in the 1s tier"));
                assertThat(lines).anySatisfy(line -> assertThat(line).contains("dead-lettered").contains("attempt 2")
                    .contains("in the DLQ as exhausted"));
                assertThat(tail.out()).as("plain when not on a terminal").doesNotContain("\u001b[");

                final CliRun.Result coloured = CliRun.in(dir).run("tail", "-c", config.toString(), "--since", "5m", "--count", "1",
                    "--color", "always", "--source", "demo");
                assertThat(coloured.out()).contains("\u001b[36mreceived");

                // Dev mode's view at one line a second: the other ten records are not read, only counted, and a line says so.
                final LineBudget budget = new LineBudget(1, Ticker.SYSTEM);
                final LiveFeed<LiveLine> feed = LiveFeed.everything(Gateways.config(Files.readString(config)), budget);
                feed.start(Instant.now().minus(Duration.ofMinutes(5)), Duration.ofSeconds(10));
                final List<LiveLine> shown = new CopyOnWriteArrayList<>();
                final List<String> notShown = new CopyOnWriteArrayList<>();
                final Thread view = new Thread(() -> feed.run(shown::add, () -> budget.summary().ifPresent(notShown::add)));
                view.start();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> shown.size() + notShown.stream()
                        .mapToLong(summary -> Long.parseLong(summary.substring(0, summary.indexOf(' ')))).sum() == 11);
                } finally {
                    feed.close();
                    view.join(10_000);
                }
                assertThat(shown.size()).as("at most a line a second: %s", notShown).isLessThan(4);
                assertThat(String.join("\n", notShown)).contains("more lines not shown").contains("received").contains("delivery attempt");
            } finally {
                gateway.close();
            }
        }
        final int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        final Path dead = dir.resolve("dead.yaml");
        Files.writeString(dead, "kafka: {bootstrapServers: \"127.0.0.1:" + closed + "\"}\nsources:\n  demo: {provider: standard-webhooks, "
            + "secrets: [\"" + SECRET + "\"]}\n");
        final CliRun.Result unreachable = CliRun.in(dir).run("tail", "--config", dead.toString());
        assertThat(unreachable.exit()).as(unreachable.all()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(unreachable.err()).contains("no Kafka broker answered at 127.0.0.1:" + closed + " within 10 s")
            .doesNotContain("\tat ");
    }

    private static void send(final Gateway gateway, final String msgId, final String type, final String secret) throws Exception {
        assertThat(SignedSends.post(gateway.ingressPort(), "demo", msgId, "{\"type\":\"" + type + "\"}", secret)).isEqualTo(200);
    }
}
