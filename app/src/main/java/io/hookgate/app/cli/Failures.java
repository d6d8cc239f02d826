package io.hookgate.app.cli;

import io.hookgate.core.config.ConfigException;
import io.hookgate.core.text.DidYouMean;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How every {@code hookgate} command fails: one line on stderr in the CLI's words, and the
 * {@link ExitCodes exit code} of its kind. A usage mistake names the nearest command or option and
 * the {@code --help} to read; no stack trace reaches a user unless {@code HOOKGATE_DEBUG} is set.
 */
public final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Set to any value to print the stack trace of an unexpected failure. */
    public static final String DEBUG_ENV = "HOOKGATE_DEBUG";

    private final UnaryOperator<String> environment;

    public Failures(final UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public int handleExecutionException(final Exception thrown, final CommandLine line, final ParseResult parsed) {
        final PrintWriter err = line.getErr();
        if (thrown instanceof CliFailure failure) {
            err.println("hookgate: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
        if (thrown instanceof ConfigException config) {
            err.println("hookgate: " + config.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        final String message = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        if (thrown instanceof IllegalStateException) {
            err.println("hookgate: " + message);
        } else {
            err.println("hookgate: unexpected failure (" + thrown.getClass().getSimpleName() + "): " + message
                + (debug() ? "" : " (set " + DEBUG_ENV + "=1 for the stack trace)"));
        }
        if (debug()) {
            final StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    @Override
    public int handleParseException(final ParameterException problem, final String[] args) {
        final CommandLine line = problem.getCommandLine();
        final PrintWriter err = line.getErr();
        err.println("hookgate: " + message(problem));
        err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The problem in the CLI's words: an unknown command or option with the one it most likely meant. */
    private static String message(final ParameterException problem) {
        if (!(problem instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return problem.getMessage();
        }
        final String word = unmatched.getUnmatched().get(0);
        final CommandSpec spec = problem.getCommandLine().getCommandSpec();
        final List<String> known = new ArrayList<>();
        if (word.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                known.addAll(List.of(option.names()));
            }
            return "unknown option '" + word + "'" + DidYouMean.nearest(word, known).map(best -> "; did you mean '" + best + "'?").orElse("");
        }
        if (spec.subcommands().isEmpty()) {
            return problem.getMessage();
        }
        known.addAll(spec.subcommands().keySet());
        return "unknown command '" + word + "'" + DidYouMean.nearest(word, known).map(best -> "; did you mean '" + best + "'?")
            .orElse("; the commands are " + String.join(", ", known));
    }

    private boolean debug() {
        final String value = environment.apply(DEBUG_ENV);
        return value != null && !value.isBlank() && !"0".equals(value);
    }
}
