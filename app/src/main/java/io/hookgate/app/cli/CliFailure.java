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

    public int exitCode() {
        return exitCode;
    }
}
