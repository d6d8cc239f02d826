package io.hookgate.app.sign;

import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.run.Gateway;
import io.hookgate.app.testing.CliRun;
import io.hookgate.app.testing.Gateways;
import io.hookgate.core.testing.KafkaTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookgate trigger} and {@code sign --send} against a running gateway: the samples of Stripe,
 * GitHub and Standard Webhooks arrive verified as the type asked for, each a new event, and every
 * mistake is one line with its exit code.
 */
class TriggerIT {

    @Test
    void triggeredSamplesVerifyAsTheirTypes(@TempDir final Path dir) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            final int ingress;
            final int closed;
            try (ServerSocket one = new ServerSocket(0); ServerSocket two = new ServerSocket(0)) {
                ingress = one.getLocalPort();
                closed = two.getLocalPort();
            }
            final Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, """
                kafka: {bootstrapServers: "%s", topicPrefix: "trigger.", partitions: 1}
                ingress: {host: 127.0.0.1, port: %d}
                admin: {host: 127.0.0.1, port: 0}
                processor: {stateDir: "%s"}
                sources:
                  stripe: {provider: stripe, secrets: ["whsec_test_secret_0123456789"]}
                  github: {provider: github, secrets: ["gh-secret-0123456789abcdef"]}
                  demo: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}
                """.formatted(kafka.bootstrapServers(), ingress, dir.resolve("streams")));
            final Gateway gateway = Gateways.running(Gateways.config(Files.readString(config)));
            try {
                final String c = config.toString();
                CliRun.Result sent = CliRun.in(dir).run("trigger", "stripe", "payment_intent.succeeded", "-c", c);
                assertThat(sent.exit()).as(sent.all()).isZero();
                assertThat(sent.out()).startsWith("sent payment_intent.succeeded to http://127.0.0.1:" + ingress + "/webhooks/stripe: 200 ");
                sent = CliRun.in(dir).run("trigger", "stripe", "payment_intent.succeeded", "-c", c);
                assertThat(sent.exit()).as(sent.all()).isZero();
                sent = CliRun.in(dir).run("trigger", "github", "push", "-c", c);
                assertThat(sent.exit()).as(sent.all()).isZero();
                sent = CliRun.in(dir).run("sign", "--source", "demo", "--type", "order.shipped", "--send", "-c", c);
                assertThat(sent.exit()).as(sent.all()).isZero();
                sent = CliRun.in(dir).stdin("{\"type\":\"piped.in\"}".getBytes(StandardCharsets.UTF_8))
                    .run("sign", "--source", "demo", "--body", "-", "--send", "-c", c);
                assertThat(sent.exit()).as(sent.all()).isZero();

                final CliRun.Result tail = CliRun.in(dir).run("tail", "-c", c, "--since", "5m", "--count", "10");
                final java.util.List<String> verified = tail.out().lines().filter(line -> line.contains(" verified ")).toList();
                assertThat(verified).as(tail.out()).hasSize(5);
                assertThat(verified).filteredOn(line -> line.contains("type payment_intent.succeeded")).as("two triggers, two events")
                    .hasSize(2);
                assertThat(verified).anySatisfy(line -> assertThat(line).contains("github").contains("type push"));
                assertThat(verified).anySatisfy(line -> assertThat(line).contains("type order.shipped"));
                assertThat(verified).anySatisfy(line -> assertThat(line).contains("type piped.in"));
                assertThat(tail.out()).doesNotContain("rejected");

                assertOneLine(CliRun.in(dir).run("trigger", "stripe", "payment_intent.succeded", "-c", c), ExitCodes.USAGE,
                    "hookgate: no stripe sample of type 'payment_intent.succeded' (did you mean 'payment_intent.succeeded'?); the samples are ");
                assertOneLine(CliRun.in(dir).run("trigger", "strpe", "-c", c), ExitCodes.USAGE, "no source 'strpe' in " + c
                    + "; did you mean 'stripe'?");
                assertOneLine(CliRun.in(dir).run("trigger", "stripe", "-c", c, "--url", "http://127.0.0.1:" + closed), ExitCodes.UNAVAILABLE,
                    "no ingress answered at http://127.0.0.1:" + closed + "/webhooks/stripe: connection refused");
                assertOneLine(CliRun.in(dir).run("sign", "--source", "demo", "--type", "user.created", "--body", c, "-c", c),
                    ExitCodes.USAGE, "give a sample type or --body, not both");
                final CliRun.Result listed = CliRun.in(dir).run("trigger", "github", "--list", "-c", c);
                assertThat(listed.out().lines()).contains("push", "issues.opened", "pull_request.opened");
            } finally {
                gateway.close();
            }
        }
    }

    private static void assertOneLine(final CliRun.Result result, final int exit, final String words) {
        assertThat(result.exit()).as(result.all()).isEqualTo(exit);
        assertThat(result.err()).contains(words);
        assertThat(result.err().strip().lines().count()).as(result.err()).isEqualTo(1);
        assertThat(result.all()).doesNotContain("Exception", "\tat ");
    }
}
