package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * DLQ and rejected entries as a table for people: the columns that apply to the kind, each as wide as
 * its widest value (ids whole, to copy), times to the second in UTC, and a count that reads right.
 */
final class EntryTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private EntryTable() {
    }

    private record Column(String title, Function<JsonNode, String> value) {
    }

    static void print(final PrintStream out, final String kind, final List<JsonNode> entries) {
        final List<Column> columns = new ArrayList<>(List.of(
            new Column("ID", entry -> entry.path("id").asText()),
            new Column("AT", entry -> time(entry.path("at").asText()))));
        if ("dlq".equals(kind)) {
            columns.add(new Column("SUBSCRIPTION", entry -> entry.path("subscription").asText("-")));
        }
        columns.add(new Column("SOURCE", entry -> entry.path("source").asText("-")));
        columns.add(new Column("EVENT", entry -> entry.path("eventId").asText("-")));
        columns.add(new Column("REASON", entry -> entry.path("reason").asText()));
        if ("dlq".equals(kind)) {
            columns.add(new Column("ATTEMPTS", entry -> Integer.toString(entry.path("attempts").size())));
        }
        columns.add(new Column("REPLAYED", entry -> entry.path("replay").path("count").asInt() > 0 ? "yes" : "no"));
        final int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).title().length();
            for (JsonNode entry : entries) {
                widths[i] = Math.max(widths[i], columns.get(i).value().apply(entry).length());
            }
        }
        out.println(row(columns.stream().map(Column::title).toList(), widths));
        for (JsonNode entry : entries) {
            out.println(row(columns.stream().map(column -> column.value().apply(entry)).toList(), widths));
        }
        out.println(entries.size() == 1 ? "1 entry" : entries.size() + " entries");
    }

    private static String row(final List<String> cells, final int[] widths) {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : "  ").append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        return line.toString();
    }

    /** {@code text}, an instant, to the second in UTC; as it is when it is not one. */
    static String time(final String text) {
        try {
            return TIME.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
