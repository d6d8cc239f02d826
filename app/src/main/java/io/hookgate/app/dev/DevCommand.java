package io.hookgate.app.dev;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ConfigOption;
import io.hookgate.app.cli.Hosts;
import io.hookgate.app.cli.ShutdownSignal;
import io.hookgate.app.run.Gateway;
import io.hookgate.app.run.Part;
import io.hookgate.app.sign.CurlCommand;
import io.hookgate.app.sign.SignCommand;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.config.ProcessorSettings;
import picocli.CommandLine.Command;
import io.hookgate.app.tail.LiveView;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Callable;

/**
 * {@code hookgate dev}: everything in one process (an embedded KRaft broker, the ingress, the
 * processor, the dispatcher and a demo receiver), then a ready-to-paste signed {@code curl}.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Run everything in one process with an embedded Kafka broker (data kept under .hookgate/).")
public final class DevCommand implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    @Mixin
    private ConfigOption configOption;

    @Option(names = "--quiet", description = "No live line per webhook below the banner (hookgate tail prints them elsewhere).")
    private boolean quiet;

    @Option(names = "--lines-per-second", defaultValue = "50", paramLabel = "N",
        description = "Live lines shown each second at most; past them one line counts what was not shown (hookgate tail "
            + "prints every one); 0: no limit. Default: ${DEFAULT-VALUE}.")
    private int linesPerSecond;

    @Override
    public Integer call() throws InterruptedException {
        final long started = System.nanoTime();
        if (linesPerSecond < 0) {
            throw CliFailure.usage("--lines-per-second must be 0 (no limit) or more, not " + linesPerSecond);
        }
        final HookgateConfig loaded = configOption.load();
        final Path dataDir = Path.of(loaded.dev().dataDir());
        final DevBroker broker = new DevBroker(dataDir.resolve("kafka"), brokerPort(loaded), loaded.dev().controllerPort());
        final boolean generatedToken = loaded.admin().token().isEmpty();
        final boolean generatedKey = loaded.admin().secretsKey().isEmpty();
        final DevFiles files = new DevFiles(dataDir);
        AdminSettings admin = loaded.admin().withStateDir(dataDir.resolve("admin").toString());
        if (generatedToken) {
            admin = admin.withTokenIfAbsent(files.tokenOrCreate());
        }
        if (generatedKey) {
            // Kept, not made afresh: the subscriptions topic holds secrets sealed under it.
            admin = admin.withSecretsKeyIfAbsent(files.secretsKeyOrCreate());
        }
        final HookgateConfig config = loaded
            .withAdmin(admin)
            .withProcessor(new ProcessorSettings(dataDir.resolve("streams").toString(), loaded.processor().threads(),
                loaded.processor().standbyReplicas(), loaded.processor().commitInterval()));
        final Gateway gateway = new Gateway(config, EnumSet.allOf(Part.class), Clock.systemUTC());
        final DemoReceiver receiver = loaded.dev().receiverPort() == 0 ? null : new DemoReceiver(id -> gateway.subscriptions()
            .flatMap(subscriptions -> subscriptions.find(id)).map(LiveSubscription::config), loaded.dev().receiverPort());
        try {
            broker.start();
            if (receiver != null) {
                receiver.start();
            }
            gateway.start();
            awaitProcessor(gateway);
        } catch (RuntimeException e) {
            gateway.close();
            if (receiver != null) {
                receiver.close();
            }
            broker.close();
            throw e;
        }
        files.writeAdminUrl(adminUrl(config, gateway));
        printReady(config, broker, gateway, receiver, generatedToken, generatedKey, Duration.ofNanos(System.nanoTime() - started));
        final LiveView live = quiet ? null : LiveView.start(config, System.out, linesPerSecond);
        ShutdownSignal.awaitThen(() -> {
            if (live != null) {
                stopLive(live);
            }
            System.out.println("Stopping hookgate dev: admin, dispatcher, processor, ingress, then the broker...");
            gateway.close();
            if (receiver != null) {
                receiver.close();
            }
            broker.close();
            System.out.println("Stopped.");
        });
        return 0;
    }

    private static void stopLive(final LiveView live) {
        try {
            live.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int brokerPort(final HookgateConfig config) {
        final String first = config.kafka().bootstrapServers().split(",")[0].trim();
        final int colon = first.lastIndexOf(':');
        try {
            return Integer.parseInt(first.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new io.hookgate.core.config.ConfigException("kafka.bootstrapServers",
                "dev mode needs host:port of the embedded broker, got '" + first + "'");
        }
    }

    private static void awaitProcessor(final Gateway gateway) throws InterruptedException {
        final long start = System.nanoTime();
        final long deadline = start + READY_TIMEOUT.toNanos();
        boolean told = false;
        while (!gateway.processorRunning()) {
            if (!told && System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
                // After a crash the processor waits for the killed instance's transaction to be aborted.
                System.out.println("Waiting for the processor to recover its state (after a crash this takes up to a minute)...");
                told = true;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not reach RUNNING within " + READY_TIMEOUT.toSeconds() + "s");
            }
            Thread.sleep(100);
        }
    }

    private static String adminUrl(final HookgateConfig config, final Gateway gateway) {
        return "http://" + Hosts.reachable(config.admin().host()) + ":" + gateway.adminPort();
    }

    private void printReady(final HookgateConfig config, final DevBroker broker, final Gateway gateway,
                            final DemoReceiver receiver, final boolean generatedToken, final boolean generatedKey, final Duration took) {
        final String ingressUrl = "http://" + Hosts.reachable(config.ingress().host()) + ":" + gateway.ingressPort();
        final String adminUrl = adminUrl(config, gateway);
        final String withConfig = configOption.given().map(file -> " --config " + CurlCommand.quoteIfNeeded(file.toString())).orElse("");
        final StringBuilder out = new StringBuilder();
        out.append("\nhookgate dev is ready (").append(String.format("%.1f", took.toMillis() / 1000.0)).append("s)\n");
        out.append("  ingress   ").append(ingressUrl).append("/webhooks/{source}   sources: ")
            .append(String.join(", ", config.sources().keySet())).append('\n');
        out.append("  admin     ").append(adminUrl).append("   /healthz /readyz /metrics /admin\n");
        out.append("  console   ").append(adminUrl).append("/console   in a browser; sign in with the token below\n");
        out.append("  token     ").append(config.admin().token().orElseThrow())
            .append(generatedToken ? "   (generated once, kept in " + Path.of(config.dev().dataDir()).resolve(DevFiles.TOKEN_FILE) + ")\n"
                : "   (admin.token)\n");
        if (generatedKey) {
            out.append("  secrets   subscriptions' signing secrets sealed under admin.secretsKey (generated once, kept in ")
                .append(Path.of(config.dev().dataDir()).resolve(DevFiles.SECRETS_KEY_FILE)).append(")\n");
        }
        out.append("  kafka     ").append(broker.bootstrapServers()).append("   data in ")
            .append(Path.of(config.dev().dataDir()).toAbsolutePath().normalize()).append('\n');
        if (receiver != null) {
            out.append("  receiver  http://127.0.0.1:").append(receiver.port()).append("   demo endpoint; its log lines start with hookgate.demo-receiver\n");
        }
        out.append("\nFor hookgate dlq, rejected and subscriptions in another shell (found here without them too):\n\n");
        out.append("  export HOOKGATE_ADMIN_URL=").append(adminUrl).append(" HOOKGATE_ADMIN_TOKEN=")
            .append(config.admin().token().orElseThrow()).append("\n");
        final String source = config.sources().keySet().iterator().next();
        out.append("\nSend a signed test webhook to source '").append(source).append("' (valid for ")
            .append(config.sources().get(source).toleranceSeconds()).append("s; ./hookgate sign --source ").append(source)
            .append(withConfig).append(" prints a fresh one):\n\n");
        out.append(SignCommand.curl(config, source, null, null, ingressUrl, Clock.systemUTC())).append("\n\n");
        // The demo receiver verifies a path named after the subscription: one made now verifies there too.
        final String url = receiver == null ? "URL" : "http://127.0.0.1:" + receiver.port() + "/hello --id hello --allow-insecure-url";
        out.append("Add a subscription while it runs (docs/SUBSCRIPTIONS.md):\n\n  ./hookgate subscriptions create --url ").append(url)
            .append(" --source ").append(source).append(withConfig).append("\n\n");
        out.append("Ctrl-C stops everything; data is kept in ").append(config.dev().dataDir()).append("/.")
            .append(quiet ? "\n" : " What happens to each webhook follows:\n");
        System.out.println(out);
    }
}
