package io.hookgate.app.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Text for people in aligned columns, the one table printer of every command: each column as wide
 * as its widest cell (nothing cut, so that ids can be copied whole), two spaces apart, the last
 * column unpadded; times to the second in UTC.
 */
public final class TextTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private TextTable() {
    }

    /**
     * A column of a table of rows of type {@code T}.
     *
     * @param title the column's title
     * @param value the cell of one row (never null)
     */
    public record Column<T>(String title, Function<T, String> value) {
    }

    /** {@code rows} under a line of the columns' titles. */
    public static <T> void print(final PrintStream out, final List<Column<T>> columns, final List<T> rows) {
        final List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::title).toList());
        for (T row : rows) {
            cells.add(columns.stream().map(column -> column.value().apply(row)).toList());
        }
        print(out, cells);
    }

    /** {@code rows} of cells, aligned in columns (a row may have fewer cells than others). */
    public static void print(final PrintStream out, final List<List<String>> rows) {
        lines(rows).forEach(out::println);
    }

    /** The lines {@link #print(PrintStream, List)} prints, for a caller that puts lines of its own between them. */
    public static List<String> lines(final List<List<String>> rows) {
        final List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i == widths.size()) {
                    widths.add(0);
                }
                widths.set(i, Math.max(widths.get(i), row.get(i).length()));
            }
        }
        final List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                final boolean last = i == row.size() - 1;
                line.append(i == 0 ? "" : "  ").append(last ? row.get(i) : row.get(i) + " ".repeat(widths.get(i) - row.get(i).length()));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code count} things, in words that read right: {@code 1 entry}, {@code 2 entries}. */
    public static String count(final int count, final String one, final String many) {
        return count + " " + (count == 1 ? one : many);
    }

    /**
     * A row {@code name | value} added to {@code rows} when there is a value (not null, not empty
     * text): an instant to the second in UTC, anything else as its text. What one record's fields print as.
     */
    public static void field(final List<List<String>> rows, final String name, final Object value) {
        if (value != null && !"".equals(value)) {
            rows.add(List.of(name, value instanceof Instant at ? time(at) : value.toString()));
        }
    }

    /** {@code value} as text; {@code -} for null, so that an empty cell reads as one. */
    public static String orDash(final Object value) {
        return value == null ? "-" : value.toString();
    }

    /** {@code at} to the second in UTC; {@code -} for null. */
    public static String time(final Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    /** {@code text}, an instant, to the second in UTC; as it is when it is not one. */
    public static String time(final String text) {
        try {
            return TIME.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
