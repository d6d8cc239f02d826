package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.TextTable;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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

    /** Every attempt of {@code attempts} (a JSON array), oldest first. */
    public static void print(final PrintStream out, final JsonNode attempts) {
        final List<List<String>> rows = new ArrayList<>();
        attempts.forEach(attempt -> rows.add(line(attempt)));
        final List<String> lines = TextTable.lines(rows);
        int i = 0;
        for (JsonNode attempt : attempts) {
            out.println("  " + lines.get(i++));
            response(out, attempt.path("response"));
        }
    }

    /** The one line of {@code attempt}. */
    static List<String> line(final JsonNode attempt) {
        final List<String> cells = new ArrayList<>();
        cells.add("#" + attempt.path("number").asText("?"));
        cells.add(TextTable.time(attempt.path("at").asText("-")));
        cells.add(attempt.hasNonNull("tier") ? "from " + attempt.get("tier").asText() : "");
        cells.add(attempt.hasNonNull("status") ? attempt.get("status").asText() : attempt.path("error").asText("-"));
        cells.add(attempt.path("durationMs").asLong() + " ms");
        cells.add(outcome(attempt));
        return cells;
    }

    private static String outcome(final JsonNode attempt) {
        final String outcome = attempt.path("outcome").asText("");
        return switch (outcome) {
            case "retry" -> "retry in " + attempt.path("nextTier").asText("?") + (attempt.hasNonNull("nextDueAt")
                ? " (due " + TextTable.time(attempt.get("nextDueAt").asText()) + ")" : "");
            case "dead" -> "dead-lettered" + (attempt.hasNonNull("dlqReason") ? " as " + attempt.get("dlqReason").asText() : "");
            default -> outcome;
        };
    }

    private static void response(final PrintStream out, final JsonNode response) {
        if (response.isMissingNode() || response.isNull()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> headers = response.path("headers").fields(); headers.hasNext(); ) {
            final Map.Entry<String, JsonNode> header = headers.next();
            out.println(INDENT + header.getKey() + ": " + header.getValue().asText());
        }
        if (response.hasNonNull("body")) {
            final String size = response.path("truncated").asBoolean() ? "first " + response.get("body").asText().length() + " characters of "
                + response.path("bodyBytes").asLong() + " bytes" : response.path("bodyBytes").asLong() + " bytes";
            out.println(INDENT + "body (" + size + "):");
            response.get("body").asText().lines().forEach(line -> out.println(INDENT + "  " + line));
        }
    }
}
