package io.hookgate.app.tail;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Prints live lines one per webhook step, aligned, in colour on a terminal and plain otherwise. What
 * a line carries from outside (a source's event id or type, a rejection's detail, which can quote
 * the body an unknown sender posted) is printed with its control characters escaped (the escape
 * character as the six characters backslash, u, 001b): a webhook can neither drive the terminal with
 * escape sequences nor forge a line of its own with a line break.
 */
final class LinePrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final boolean colour;

    LinePrinter(final PrintStream out, final boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** Whether to colour by default: on a terminal, unless {@code NO_COLOR} is set. */
    static boolean terminal(final String noColor) {
        return System.console() != null && (noColor == null || noColor.isEmpty());
    }

    synchronized void print(final LiveLine line) {
        final String word = String.format("%-13s", line.kind().word());
        out.println(TIME.format(line.at()) + "  " + (colour ? colourOf(line.kind()) + word + RESET : word) + "  "
            + String.format("%-12s", printable(line.source())) + "  " + printable(line.who())
            + (line.detail().isEmpty() ? "" : "  " + printable(line.detail())));
        out.flush();
    }

    /** Prints {@code note}, the gateway's own words about the view (not a webhook's), as a line of its own stamped {@code at}. */
    synchronized void note(final Instant at, final String note) {
        out.println(TIME.format(at) + "  " + String.format("%-13s", "...") + "  " + printable(note));
        out.flush();
    }

    /** {@code text} with each control character (C0, DEL, C1, line and paragraph separators) written as backslash, u and four hex digits. */
    static String printable(final String text) {
        if (text == null) {
            return "";
        }
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String colourOf(final LiveLine.Kind kind) {
        return switch (kind) {
            case RECEIVED -> "\u001b[36m";
            case VERIFIED, DELIVERED -> "\u001b[32m";
            case DUPLICATE, RETRIED -> "\u001b[33m";
            case REJECTED, DEAD_LETTERED -> "\u001b[31m";
        };
    }
}
