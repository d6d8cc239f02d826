package io.hookgate.app.cli;

import io.hookgate.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.UnaryOperator;

/**
 * How every {@code hookgate} command fails: one line on stderr in the CLI's words, and the
 * {@link ExitCodes exit code} of its kind. A usage mistake names the nearest command or option
 * ({@link UsageMessage}) and the {@code --help} to read; no stack trace reaches a user unless {@code HOOKGATE_DEBUG} is set.
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
        err.println("hookgate: " + UsageMessage.of(problem, args));
        err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private boolean debug() {
        final String value = environment.apply(DEBUG_ENV);
        return value != null && !value.isBlank() && !"0".equals(value);
    }
}
