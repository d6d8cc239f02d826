package io.hookgate.app;

import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.testing.StdStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every mistake a user makes on the command line is answered in the CLI's words, on stderr, with
 * the exit code of its kind: never a stack trace.
 */
class CliMistakesTest {

    @RegisterExtension
    final StdStreams streams = new StdStreams();

    @Test
    void noCommandPrintsAStackTraceForBadInput(@TempDir final Path dir) throws Exception {
        final Path config = dir.resolve("c.yaml");
        Files.writeString(config, "admin: {token: cli-mistakes-token-0001}\nsources:\n  demo: {provider: standard-webhooks, "
            + "secrets: [\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"]}\n");
        final String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        final String c = config.toString();
        final Map<List<String>, String> mistakes = new LinkedHashMap<>();
        mistakes.put(List.of("sign", "--source", "demo", "-c", c, "--body", "/nonexistent.json"), "--body /nonexistent.json: no such file");
        mistakes.put(List.of("sign", "--source", "demo", "-c", c, "--body", dir.toString()), "is a directory; give a file, or - to read");
        mistakes.put(List.of("sign", "--source", "dmeo", "-c", c), "no source 'dmeo' in " + c + "; did you mean 'demo'?");
        mistakes.put(List.of("sign", "-c", c), "Missing required option: '--source=<source>'");
        mistakes.put(List.of("dlq", "list", "-c", c, "--admin", "notaurl"), "--admin notaurl is not an http(s) URL");
        mistakes.put(List.of("dlq", "list", "-c", c, "--admin", "http://a b"), "--admin http://a b is not a URL");
        mistakes.put(List.of("dlq", "list", "-c", c, "--admin", "http://127.0.0.1:99999"), "--admin http://127.0.0.1:99999");
        mistakes.put(List.of("dlq", "list", "-c", c, "--admin", closed), "cannot reach the admin API at " + closed + ": connection refused");
        mistakes.put(List.of("dlq", "list", "-c", c, "--limit", "many"), "Invalid value for option '--limit': 'many' is not an int");
        mistakes.put(List.of("dlq", "list", "-c", c, "--limt", "5"), "unknown option '--limt'; did you mean '--limit'?");
        mistakes.put(List.of("dlq", "list", "-c", c, "--since", "soon"), "--since soon: not a time");
        mistakes.put(List.of("dlq", "list", "-c", c, "--reason", "gon"), "--reason gon: not a dlq reason (did you mean 'gone'?)");
        mistakes.put(List.of("dlq", "replay", "-c", c), "a replay without an ID needs at least one filter");
        mistakes.put(List.of("dlq", "lst"), "unknown command 'lst'; did you mean 'list'?");
        mistakes.put(List.of("dlq", "list", "-c", dir.resolve("missing.yaml").toString()), "missing.yaml does not exist");
        mistakes.put(List.of("dve"), "unknown command 'dve'; did you mean 'dev'?");
        mistakes.put(List.of("frobnicate"), "unknown command 'frobnicate'; the commands are help, dev, ingress");
        mistakes.put(List.of("help", "nosuch"), "unknown command 'nosuch'; the commands are help, dev");
        mistakes.put(List.of("help", "dve"), "unknown command 'dve'; did you mean 'dev'?");
        mistakes.put(List.of("help", "dlq", "lst"), "unknown command 'lst'; did you mean 'list'?");
        mistakes.put(List.of("hlep"), "unknown command 'hlep'; did you mean 'help'?");
        mistakes.put(List.of("config", "chek"), "unknown command 'chek'; did you mean 'check'?");
        mistakes.put(List.of("config"), "'hookgate config' needs one of its commands: check, print");
        mistakes.put(List.of("dlq"), "'hookgate dlq' needs one of its commands: list, show, replay");
        mistakes.put(List.of("lisen"), "unknown command 'lisen'; did you mean 'listen'?");
        mistakes.put(List.of("sign", "--sorce", "demo", "-c", c), "unknown option '--sorce'; did you mean '--source'?");
        mistakes.put(List.of("listen", "--forward", "http://localhost:3000/hook"), "unknown option '--forward'; did you mean '--forward-to'?");
        final Map<List<String>, Integer> exits = new LinkedHashMap<>();
        mistakes.keySet().forEach(args -> exits.put(args, ExitCodes.USAGE));
        exits.put(List.of("dlq", "list", "-c", c, "--admin", closed), ExitCodes.UNAVAILABLE);
        assertSoftly(softly -> mistakes.forEach((args, words) -> {
            streams.reset();
            final int exit = Hookgate.run(args.toArray(String[]::new));
            final String said = streams.err();
            softly.assertThat(exit).as("exit of %s: %s", args, said).isEqualTo(exits.get(args));
            softly.assertThat(said).as("%s", args).contains(words).doesNotContain("\tat ", "Exception");
        }));
    }

    @Test
    void topicsCreateAgainstNoBrokerNamesTheAddressAtOnce(@TempDir final Path dir) throws Exception {
        final int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        final Path config = dir.resolve("c.yaml");
        Files.writeString(config, "kafka: {bootstrapServers: \"127.0.0.1:" + closed + "\"}\nsources:\n  demo: {provider: standard-webhooks}\n");
        final long started = System.nanoTime();
        assertThat(Hookgate.run("topics", "create", "-c", config.toString())).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(streams.err()).contains("hookgate: no Kafka broker answered at 127.0.0.1:" + closed + " within 10 s")
            .doesNotContain("\tat ");
    }

    @Test
    void secretNewPrintsAStandardWebhooksSecretTheConfigurationAccepts(@TempDir final Path dir) throws Exception {
        assertThat(Hookgate.run("secret", "new")).isZero();
        final String secret = streams.out().strip();
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        final Path config = dir.resolve("c.yaml");
        Files.writeString(config, "sources:\n  demo: {provider: standard-webhooks, secrets: [\"" + secret + "\"]}\n"
            + "subscriptions:\n  s: {url: \"https://example.com/hook\", sources: [demo], secret: \"" + secret + "\"}\n");
        streams.reset();
        assertThat(Hookgate.run("sign", "--source", "demo", "-c", config.toString())).as(streams.err()).isZero();
        assertThat(Hookgate.run("secret", "new")).isZero();
        assertThat(streams.out().lines()).as("another each time").doesNotHaveDuplicates();
        assertThat(Hookgate.run("secret", "new", "--bytes", "8")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpNamesEveryCommandExitCodesAndEnvironment() {
        assertThat(Hookgate.run("help")).isZero();
        assertThat(streams.out()).contains("Exit codes:", "Environment:", "HOOKGATE_ADMIN_URL", "HOOKGATE_ADMIN_TOKEN",
            "HOOKGATE_JAVA_OPTS", "HOOKGATE_KAFKA_BOOTSTRAP_SERVERS", "HOOKGATE_SECRETS_KEY", "secretsKey: \"${HOOKGATE_SECRETS_KEY}\"",
            "hookgate completion", "dlq", "rejected", "sign", "listen", "completion");
        assertThat(streams.out().lines()).as("within 80 columns").allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        streams.reset();
        assertThat(Hookgate.run("help", "sign")).isZero();
        assertThat(streams.out()).contains("Usage: hookgate sign", "--body");
        streams.reset();
        assertThat(Hookgate.run("help", "dlq", "replay")).isZero();
        assertThat(streams.out()).startsWith("Usage: hookgate dlq replay");
    }
}
