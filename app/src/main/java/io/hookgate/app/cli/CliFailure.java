package io.hookgate.app.cli;

/**
 * Why a command stops on bad input or an unreachable gateway: a message for people, in the CLI's
 * words (the option to change, the command to run), and the {@link ExitCodes exit code} for
 * scripts. {@code hookgate} prints it as one line, never as a stack trace.
 */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(final int exitCode, final String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(final int exitCode, final String message, final Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad usage or input ({@link ExitCodes#USAGE}). */
    public static CliFailure usage(final String message) {
        return new CliFailure(ExitCodes.USAGE, message);
    }

    /**
     * {@code value} of {@code option} when it is one of {@code known}; else a usage failure naming the
     * one it most likely meant and all of them: {@code --reason gon: not a dlq reason (did you mean
     * 'gone'?); the dlq reasons are ...}.
     *
     * @param what  what a value is, with its article ({@code a dlq reason})
     * @param whats what the values are ({@code dlq reasons})
     */
    public static String oneOf(final String option, final String value, final String what, final String whats,
                               final java.util.List<String> known) {
        if (value == null || known.contains(value)) {
            return value;
        }
        throw usage(option + " " + value + ": not " + what
            + io.hookgate.core.text.DidYouMean.nearest(value, known).map(best -> " (did you mean '" + best + "'?)").orElse("")
            + "; the " + whats + " are " + String.join(", ", known));
    }

    public int exitCode() {
        return exitCode;
    }
}
