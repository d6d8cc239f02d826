package io.hookgate.app.tail;

import picocli.CommandLine.Option;

import java.io.PrintStream;

/** The {@code --color} option of the commands that print live lines, and the printer it makes. */
final class ColourOption {

    /** When to colour the lines. */
    enum When { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
        description = "auto (on a terminal, unless NO_COLOR is set), always or never.")
    When when;

    /** A printer of lines to {@code out}, coloured as the option says. */
    LinePrinter printer(final PrintStream out) {
        return new LinePrinter(out, when == When.always || when == When.auto && LinePrinter.terminal(System.getenv("NO_COLOR")));
    }
}
