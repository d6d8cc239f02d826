package io.hookgate.app.cli;

import io.hookgate.app.run.Gateway;
import io.hookgate.app.run.Part;
import io.hookgate.core.config.ConfigException;
import io.hookgate.core.config.HookgateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;

/**
 * {@code hookgate ingress|processor|dispatcher|admin}: one part against any Kafka cluster, until
 * stopped. Each serves {@code /healthz}, {@code /readyz} and {@code /metrics} on {@code admin.port};
 * only the admin part serves the admin API there too.
 */
public abstract class PartCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    private final Part part;

    PartCommand(final Part part) {
        this.part = part;
    }

    @Override
    public Integer call() {
        final HookgateConfig loaded = config.load();
        if (part == Part.ADMIN && loaded.admin().token().isEmpty()) {
            throw new ConfigException("admin.token", "required by the admin part, which serves the admin API behind it");
        }
        final Gateway gateway = new Gateway(loaded, EnumSet.of(part), Clock.systemUTC());
        gateway.start();
        System.out.println("hookgate " + part.id() + " running against "
            + loaded.kafka().bootstrapServers() + "; admin port " + gateway.adminPort()
            + (part == Part.INGRESS ? "; ingress port " + gateway.ingressPort() : "")
            + (part == Part.ADMIN ? " (admin API at /admin)" : ""));
        ShutdownSignal.awaitThen(gateway::close);
        return 0;
    }

    @Command(name = "ingress", mixinStandardHelpOptions = true,
        description = "Run the ingress: POST /webhooks/{source}, stored in Kafka before it is acknowledged.")
    public static final class Ingress extends PartCommand {
        public Ingress() {
            super(Part.INGRESS);
        }
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
        description = "Run the processor: verify, deduplicate exactly once, publish verified events, fan out deliveries.")
    public static final class Processor extends PartCommand {
        public Processor() {
            super(Part.PROCESSOR);
        }
    }

    @Command(name = "dispatcher", mixinStandardHelpOptions = true,
        description = "Run the dispatcher: deliver signed webhooks, with retry topics ending in the DLQ.")
    public static final class Dispatcher extends PartCommand {
        public Dispatcher() {
            super(Part.DISPATCHER);
        }
    }

    @Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"Run the admin part: the index of the DLQ, rejected and attempts topics, the admin API (/admin/*) and replay.",
            "Needs admin.token. Run several behind a load balancer if you like: a replay is claimed in Kafka before it is sent,",
            "so one entry is replayed once across them unless forced. Two processes on one host need different admin.port values."})
    public static final class Admin extends PartCommand {
        public Admin() {
            super(Part.ADMIN);
        }
    }
}
