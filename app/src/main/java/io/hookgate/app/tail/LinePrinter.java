package io.hookgate.app.tail;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Prints live lines one per webhook step, aligned, in colour on a terminal and plain otherwise. */
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
            + String.format("%-12s", line.source()) + "  " + line.who() + (line.detail().isEmpty() ? "" : "  " + line.detail()));
        out.flush();
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
