package io.hookgate.app;

import io.hookgate.app.cli.PartCommand;
import io.hookgate.app.dev.DevCommand;
import io.hookgate.app.ops.EntryCommands;
import io.hookgate.app.sign.SignCommand;
import io.hookgate.app.topics.TopicsCommand;
import io.hookgate.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hookgate} command. Exit codes: 0 done, 1 failed while running, 2 bad usage or
 * configuration (every configuration problem is listed with its path, and nothing started).
 */
@Command(name = "hookgate", mixinStandardHelpOptions = true, version = "hookgate 0.1.0",
    description = "A webhook gateway on Apache Kafka.",
    subcommands = {DevCommand.class, PartCommand.Ingress.class, PartCommand.Processor.class, PartCommand.Dispatcher.class,
        TopicsCommand.class, SignCommand.class, EntryCommands.Dlq.class, EntryCommands.Rejected.class})
public final class Hookgate {

    public static final int CONFIG_ERROR = 2;

    private Hookgate() {
    }

    public static void main(final String[] args) {
        // Undertow logs through JBoss Logging, which would pick the Log4j that Kafka's broker jars
        // bring; keep every log line on SLF4J and Logback.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.exit(run(args));
    }

    /** Runs the command line {@code args} and answers its exit code. */
    public static int run(final String... args) {
        final CommandLine commandLine = new CommandLine(new Hookgate());
        commandLine.setExecutionExceptionHandler((thrown, line, parseResult) -> {
            final Exception exception = thrown;
            if (exception instanceof ConfigException config) {
                System.err.println("hookgate: " + config.getMessage());
                return CONFIG_ERROR;
            }
            if (exception instanceof IllegalStateException) {
                System.err.println("hookgate: " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }
}
