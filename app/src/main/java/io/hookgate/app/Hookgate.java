package io.hookgate.app;

import io.hookgate.app.cli.CompletionCommand;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.Failures;
import io.hookgate.app.cli.HelpCommand;
import io.hookgate.app.cli.PartCommand;
import io.hookgate.app.config.ConfigCommand;
import io.hookgate.app.dev.DevCommand;
import io.hookgate.app.ops.EntryCommands;
import io.hookgate.app.ops.deliveries.DeliveriesCommand;
import io.hookgate.app.ops.events.EventsCommand;
import io.hookgate.app.ops.subscriptions.SubscriptionsCommand;
import io.hookgate.app.secret.SecretCommand;
import io.hookgate.app.sign.SignCommand;
import io.hookgate.app.sign.TriggerCommand;
import io.hookgate.app.tail.ListenCommand;
import io.hookgate.app.tail.TailCommand;
import io.hookgate.app.topics.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hookgate} command. Every failure is one line on stderr and an exit code of its kind
 * ({@link ExitCodes}): 0 done, 1 failed while running, 2 bad usage or configuration (every
 * configuration problem is listed with its path, and nothing started), 3 to 6 for the admin API's
 * answers (not found, conflict, unavailable, token refused).
 */
@Command(name = "hookgate", mixinStandardHelpOptions = true, version = "hookgate 0.1.0",
    description = "A webhook gateway on Apache Kafka.",
    subcommands = {HelpCommand.class, DevCommand.class, PartCommand.Ingress.class, PartCommand.Processor.class,
        PartCommand.Dispatcher.class, PartCommand.Admin.class, TopicsCommand.class, ConfigCommand.class, SignCommand.class, TriggerCommand.class, TailCommand.class,
        SecretCommand.class, EntryCommands.Dlq.class, EntryCommands.Rejected.class,
        SubscriptionsCommand.class,
        DeliveriesCommand.class,
        EventsCommand.class,
        ListenCommand.class,
        CompletionCommand.class},
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.CONFLICT_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  HOOKGATE_ADMIN_URL      admin API of a running gateway, for dlq, rejected,",
        "                          subscriptions, deliveries, events and listen (else",
        "                          --admin, --config)",
        "  HOOKGATE_ADMIN_TOKEN    its bearer token (hookgate dev prints an export line)",
        "  HOOKGATE_KAFKA_BOOTSTRAP_SERVERS",
        "                          overrides kafka.bootstrapServers of the configuration;",
        "                          where listen reads deliveries without --config",
        "  HOOKGATE_SECRETS_KEY    the usual variable of admin.secretsKey, the key that",
        "                          seals run-time subscriptions' secrets:",
        "                          secretsKey: \"$${HOOKGATE_SECRETS_KEY}\"",
        "  HOOKGATE_JAVA_OPTS      JVM options of ./hookgate",
        "                          (default -Xms64m -Xmx1g -XX:+UseSerialGC)",
        "  HOOKGATE_DEBUG          1 prints the stack trace of an unexpected failure",
        "",
        "'hookgate help COMMAND' or 'hookgate COMMAND --help' tells more of a command.",
        "'source <(hookgate completion)' completes commands and options (bash, zsh);",
        "the build writes a manual page of each command to app/target/man (AsciiDoc)."})
public final class Hookgate {

    public static final int CONFIG_ERROR = ExitCodes.USAGE;

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
        return commandLine(CommandLine.defaultFactory()).execute(args);
    }

    /** The {@code hookgate} command line, its commands made by {@code factory}, failing as {@link Failures} says. */
    public static CommandLine commandLine(final CommandLine.IFactory factory) {
        final Failures failures = new Failures(System::getenv);
        return new CommandLine(new Hookgate(), factory)
            .setExecutionExceptionHandler(failures)
            .setParameterExceptionHandler(failures);
    }
}
