package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.TextTable;
import io.hookgate.app.cli.TextTable.Column;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * DLQ and rejected entries as a table for people ({@link TextTable}): the columns that apply to the
 * kind, and a count that reads right.
 */
final class EntryTable {

    private EntryTable() {
    }

    static void print(final PrintStream out, final String kind, final List<JsonNode> entries) {
        final List<Column<JsonNode>> columns = new ArrayList<>(List.of(
            new Column<>("ID", entry -> entry.path("id").asText()),
            new Column<>("AT", entry -> TextTable.time(entry.path("at").asText()))));
        if ("dlq".equals(kind)) {
            columns.add(new Column<>("SUBSCRIPTION", entry -> entry.path("subscription").asText("-")));
        }
        columns.add(new Column<>("SOURCE", entry -> entry.path("source").asText("-")));
        columns.add(new Column<>("EVENT", entry -> entry.path("eventId").asText("-")));
        columns.add(new Column<>("REASON", entry -> entry.path("reason").asText()));
        if ("dlq".equals(kind)) {
            columns.add(new Column<>("ATTEMPTS", entry -> Integer.toString(entry.path("attempts").size())));
        }
        columns.add(new Column<>("REPLAYED", entry -> entry.path("replay").path("count").asInt() > 0 ? "yes" : "no"));
        TextTable.print(out, columns, entries);
        out.println(TextTable.count(entries.size(), "entry", "entries"));
    }
}
