package io.hookgate.app.cli;

/**
 * The exit codes of every {@code hookgate} command, one per kind of failure, so that scripts can
 * tell a typo from an outage: each is listed in the commands' help and in the README.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** Anything unexpected: a part failed while running, or the gateway's log has the details under the request id printed. */
    public static final int INTERNAL = 1;
    /** Bad usage or input: an unknown option, a configuration problem, a filter the admin API refused (400), no token. */
    public static final int USAGE = 2;
    /** No such entry (404), or its original record is gone from Kafka (410; a replay by filter replays the others first). */
    public static final int NOT_FOUND = 3;
    /** The entry's state forbids it (409), e.g. already replayed without --force. */
    public static final int CONFLICT = 4;
    /** The gateway or its Kafka cluster is unreachable or timed out (503, or no answer): retry later. */
    public static final int UNAVAILABLE = 5;
    /** The token was refused (401). */
    public static final int UNAUTHORIZED = 6;

    public static final String HEADING = "%nExit codes:%n";
    public static final String OK_LINE = "0:done";
    public static final String INTERNAL_LINE = "1:unexpected failure (the message names the gateway's request id)";
    public static final String USAGE_LINE = "2:bad usage, input or configuration (unknown option, refused filter, no admin token)";
    public static final String NOT_FOUND_LINE = "3:no such entry, or its original record is gone from Kafka";
    public static final String CONFLICT_LINE = "4:conflict, e.g. already replayed (add --force)";
    public static final String UNAVAILABLE_LINE = "5:gateway or Kafka unreachable or timed out: retry later";
    public static final String UNAUTHORIZED_LINE = "6:token refused";

    private ExitCodes() {
    }

    /** The exit code for an admin API answer of HTTP status {@code status} that is not a success. */
    public static int forStatus(final int status) {
        return switch (status) {
            case 400, 405, 413, 414, 431 -> USAGE;
            case 401, 403 -> UNAUTHORIZED;
            case 404, 410 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 502, 503, 504 -> UNAVAILABLE;
            default -> INTERNAL;
        };
    }
}
