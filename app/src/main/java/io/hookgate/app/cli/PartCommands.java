package io.hookgate.app.cli;

import io.hookgate.app.run.Gateway;
import io.hookgate.app.run.Part;
import io.hookgate.core.config.HookgateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.EnumSet;

/** {@code hookgate ingress|processor|dispatcher}: one part against any Kafka cluster. */
@Command(name = "parts", hidden = true)
public final class PartCommands {

    @Command(name = "ingress", mixinStandardHelpOptions = true,
        description = "Run the ingress: POST /webhooks/{source}, stored in Kafka before it is acknowledged.")
    int ingress(@Mixin final ConfigOption config) {
        return run(config, Part.INGRESS);
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
        description = "Run the processor: verify, deduplicate exactly once, publish verified events, fan out deliveries.")
    int processor(@Mixin final ConfigOption config) {
        return run(config, Part.PROCESSOR);
    }

    @Command(name = "dispatcher", mixinStandardHelpOptions = true,
        description = "Run the dispatcher: deliver signed webhooks, with retry topics ending in the DLQ.")
    int dispatcher(@Mixin final ConfigOption config) {
        return run(config, Part.DISPATCHER);
    }

    private static int run(final ConfigOption option, final Part part) {
        final HookgateConfig config = option.load();
        final Gateway gateway = new Gateway(config, EnumSet.of(part), Clock.systemUTC());
        gateway.start();
        System.out.println("hookgate " + part.name().toLowerCase(java.util.Locale.ROOT) + " running against "
            + config.kafka().bootstrapServers() + "; admin port " + gateway.adminPort()
            + (part == Part.INGRESS ? "; ingress port " + gateway.ingressPort() : ""));
        ShutdownSignal.awaitThen(gateway::close);
        return 0;
    }
}
