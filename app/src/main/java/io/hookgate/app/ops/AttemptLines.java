package io.hookgate.app.ops;

import io.hookgate.admin.api.model.LoggedAttempt;
import io.hookgate.app.cli.TextTable;
import io.hookgate.core.delivery.SubscriberResponse;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery attempts as text for people, an attempt a line (number, start, where it waited, status or
 * error, duration, what it led to), then what the subscriber answered beside its status, indented:
 * its headers a line each, and the start of its body. The one way {@code dlq show} and
 * {@code deliveries show} print attempts.
 */
public final class AttemptLines {

    private static final String INDENT = "      ";

    private AttemptLines() {
    }

    /** Every attempt of {@code attempts}, oldest first. */
    public static void print(final PrintStream out, final List<LoggedAttempt> attempts) {
        final List<List<String>> rows = new ArrayList<>();
        attempts.forEach(attempt -> rows.add(line(attempt)));
        final List<String> lines = TextTable.lines(rows);
        int i = 0;
        for (LoggedAttempt attempt : attempts) {
            out.println("  " + lines.get(i++));
            response(out, attempt.response());
        }
    }

    /** The one line of {@code attempt}. */
    static List<String> line(final LoggedAttempt attempt) {
        final List<String> cells = new ArrayList<>();
        cells.add("#" + attempt.number());
        cells.add(TextTable.time(attempt.at()));
        cells.add(attempt.tier() != null ? "from " + attempt.tier() : "");
        cells.add(attempt.status() != null ? attempt.status().toString() : attempt.error() != null ? attempt.error() : "-");
        cells.add(attempt.durationMs() + " ms");
        cells.add(outcome(attempt));
        return cells;
    }

    private static String outcome(final LoggedAttempt attempt) {
        final String outcome = attempt.outcome() == null ? "" : attempt.outcome();
        return switch (outcome) {
            case "retry" -> "retry in " + (attempt.nextTier() == null ? "?" : attempt.nextTier())
                + (attempt.nextDueAt() != null ? " (due " + TextTable.time(attempt.nextDueAt()) + ")" : "");
            case "dead" -> "dead-lettered" + (attempt.dlqReason() != null ? " as " + attempt.dlqReason() : "");
            default -> outcome;
        };
    }

    private static void response(final PrintStream out, final SubscriberResponse response) {
        if (response == null) {
            return;
        }
        response.headers().forEach((name, value) -> out.println(INDENT + name + ": " + value));
        if (response.body() != null) {
            final String size = response.truncated() ? "first " + response.body().length() + " characters of "
                + response.bodyBytes() + " bytes" : response.bodyBytes() + " bytes";
            out.println(INDENT + "body (" + size + "):");
            response.body().lines().forEach(line -> out.println(INDENT + "  " + line));
        }
    }
}
