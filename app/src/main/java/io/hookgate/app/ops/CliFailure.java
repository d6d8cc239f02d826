package io.hookgate.app.ops;

/**
 * Why an entry command stops: a message for people (the admin API's own message where it answered)
 * and the {@link ExitCodes exit code} for scripts. Printed as one line, never as a stack trace.
 */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(final int exitCode, final String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliFailure(final int exitCode, final String message, final Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The failure an admin API answer that is not a success stands for. */
    static CliFailure of(final AdminClient.Answer answer) {
        return new CliFailure(ExitCodes.forStatus(answer.status()), answer.error());
    }

    int exitCode() {
        return exitCode;
    }
}
