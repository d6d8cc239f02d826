package io.hookgate.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hookgate help [COMMAND...]}: the help of {@code hookgate}, or of the command the names
 * lead to, through every level ({@code hookgate help dlq replay}); picocli's own help command reads
 * only the first name. A name that is no command fails as an unknown command of the level it was
 * looked for in ({@link UsageMessage} names the nearest).
 */
@Command(name = "help", helpCommand = true,
    description = "Print the help of hookgate, or of a command: hookgate help listen, hookgate help dlq replay.")
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, then its subcommands.")
    private List<String> names = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    private CommandLine self;
    private Help.ColorScheme colours;
    private PrintWriter out;

    @Override
    public void init(final CommandLine helpCommandLine, final Help.ColorScheme colorScheme, final PrintWriter outWriter,
                     final PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colours = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        final List<String> unknown = new ArrayList<>(self.getUnmatchedArguments());
        names.stream().filter(name -> name.startsWith("-")).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            // picocli lets a help command through with options it does not know; this one says so.
            throw new UnmatchedArgumentException(self, unknown);
        }
        CommandLine target = self.getParent();
        for (String name : names) {
            final CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new ParameterException(target, "Unknown subcommand '" + name + "'.", null, name);
            }
            target = next;
        }
        target.usage(out, colours);
    }
}
