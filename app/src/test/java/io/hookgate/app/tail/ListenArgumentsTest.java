package io.hookgate.app.tail;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.ops.AdminCommand;
import io.hookgate.app.testing.Gateways;
import io.hookgate.app.testing.StdStreams;
import io.hookgate.app.testing.StubAdmin;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code hookgate listen}'s arguments: what is refused before anything is made (and with which exit
 * code), the subscription it asks for, and the Kafka cluster it reads the deliveries from.
 */
class ListenArgumentsTest {

    private static final String TOKEN = "listen-test-token-0000";

    @RegisterExtension
    final StdStreams streams = new StdStreams();
    @RegisterExtension
    final StubAdmin stub = new StubAdmin();
    @TempDir
    java.nio.file.Path devDir;

    private int run(final Map<String, String> environment, final String... args) {
        return StubAdmin.commandLine(environment, devDir).execute(args);
    }

    private int run(final String... args) {
        return run(Map.of(AdminCommand.TOKEN_ENV, TOKEN), args);
    }

    @Test
    void mistakesAreRefusedInOneLineBeforeAnythingIsMade() throws Exception {
        final Map<List<String>, String> mistakes = Map.of(
            List.of("listen", "--source", "demo"), "Missing required option: '--forward-to=URL'",
            List.of("listen", "--forward-to", "notaurl", "--source", "demo"), "--forward-to notaurl is not an http(s) URL",
            List.of("listen", "--forward-to", "ftp://localhost/x", "--source", "demo"), "is not an http(s) URL such as",
            List.of("listen", "--forward-to", "http://a b/", "--source", "demo"), "--forward-to http://a b/ is not a URL",
            List.of("listen", "--forward-to", "http://localhost:3000/hook"), "listen needs at least one --source (or --config FILE",
            List.of("listen", "--forward-to", "http://localhost:3000/hook", "--source", "demo", "--kafka", "localhost"),
            "--kafka localhost: 'localhost' has no port",
            List.of("listen", "--forward-to", "http://localhost:3000/hook", "--source", "demo", "--kafka", "h:99999"),
            "outside 1..65535",
            List.of("listen", "--forward-to", "http://localhost:3000/hook", "--source", "demo", "--admin", "notaurl", "--kafka",
                "127.0.0.1:9092"), "--admin notaurl is not an http(s) URL");
        mistakes.forEach((args, words) -> {
            streams.reset();
            assertThat(run(args.toArray(String[]::new))).as("%s: %s", args, streams.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(streams.err()).as("%s", args).contains(words).doesNotContain("\tat ", "Exception");
        });
        streams.reset();
        assertThat(run(Map.of(), "listen", "--forward-to", "http://localhost:3000/hook", "--source", "demo", "--kafka", "127.0.0.1:9092"))
            .isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("no admin token: set HOOKGATE_ADMIN_TOKEN");
        streams.reset();
        assertThat(run(Map.of(AdminCommand.TOKEN_ENV, TOKEN, KafkaSettings.BOOTSTRAP_SERVERS_ENV, "kafka-1"), "listen", "--forward-to",
            "http://localhost:3000/hook", "--source", "demo")).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).contains("HOOKGATE_KAFKA_BOOTSTRAP_SERVERS kafka-1: 'kafka-1' has no port");
        assertThat(stub.requests()).as("nothing was asked of the gateway").isEmpty();
    }

    @Test
    void anUnreachableKafkaIsSaidClearlyAndNothingIsMade() throws Exception {
        final int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        stub.answer("POST /admin/subscriptions", 201, "{\"id\":\"x\"}");
        assertThat(run("listen", "--forward-to", "http://localhost:3000/hook", "--source", "demo", "--admin", stub.url(), "--kafka",
            "127.0.0.1:" + closed)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(streams.err().strip()).startsWith("hookgate: no Kafka broker answered at 127.0.0.1:" + closed + " within 10 s: "
            + "listen reads the deliveries there (give --kafka HOST:PORT, or --config FILE with kafka.bootstrapServers); nothing was made")
            .doesNotContain("\n");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void theSubscriptionIsOneOfItsOwnForwardingToTheUrl() {
        final ListenSubscription made = ListenSubscription.of("http://localhost:3000/hook", List.of("demo", "app"), List.of("order.*"),
            new Random(7));
        assertThat(made.id()).matches("listen-[0-9a-f]{8}");
        assertThat(ListenSubscription.of("http://localhost:3000/hook", List.of("demo"), List.of(), new Random(8)).id())
            .isNotEqualTo(made.id());
        assertThat(made.body()).containsEntry("id", made.id()).containsEntry("url", "http://localhost:3000/hook")
            .containsEntry("sources", List.of("demo", "app")).containsEntry("eventTypes", List.of("order.*"))
            .containsEntry("allowInsecureUrl", true).containsKey("description");
        assertThat(ListenSubscription.of("https://example.com/hook", List.of("demo"), List.of(), new Random(1)).body())
            .doesNotContainKey("eventTypes");
    }

    @Test
    void onlyALoopbackOrPrivateHostAllowsAnInsecureUrl() {
        for (String local : List.of("http://localhost:3000/h", "http://app.localhost/h", "http://127.0.0.1:3000/h", "http://127.1/h",
            "http://[::1]:3000/h", "http://10.1.2.3/h", "http://192.168.1.20:8080/h", "http://172.16.0.1/h", "http://0.0.0.0/h")) {
            assertThat(ListenSubscription.local(URI.create(local))).as(local).isTrue();
        }
        for (String remote : List.of("https://93.184.216.34/h", "http://8.8.8.8/h", "https://[2606:4700::1111]/h")) {
            assertThat(ListenSubscription.local(URI.create(remote))).as(remote).isFalse();
        }
        assertThat(ListenSubscription.local(URI.create("https://no-such-host.invalid/h"))).as("unresolvable: the gateway judges it").isFalse();
    }

    @Test
    void theClusterIsTheOptionElseTheConfigurationElseTheVariableElseDevModes() {
        final HookgateConfig config = Gateways.config("""
            kafka: {bootstrapServers: "kafka-a:9092", topicPrefix: "acme."}
            sources:
              demo: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}
            """);
        final Map<String, String> variable = Map.of(KafkaSettings.BOOTSTRAP_SERVERS_ENV, "kafka-env:9092");
        final KafkaSettings option = ListenKafka.resolve("kafka-b:9093", Optional.of(config), variable::get);
        assertThat(option.bootstrapServers()).isEqualTo("kafka-b:9093");
        assertThat(option.topicPrefix()).as("the prefix of the configuration").isEqualTo("acme.");
        assertThat(ListenKafka.resolve(null, Optional.of(config), variable::get).bootstrapServers()).isEqualTo("kafka-a:9092");
        assertThat(ListenKafka.resolve(null, Optional.empty(), variable::get).bootstrapServers()).isEqualTo("kafka-env:9092");
        final KafkaSettings dev = ListenKafka.resolve(null, Optional.empty(), name -> null);
        assertThat(dev.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(dev.topicPrefix()).isEqualTo("hookgate.");
        assertThatThrownBy(() -> ListenKafka.resolve(" ", Optional.empty(), name -> null)).isInstanceOf(CliFailure.class)
            .hasMessage("--kafka is empty: write host:port, e.g. localhost:9092");
    }
}
