package io.hookgate.app.ops;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.app.cli.TextTable.Column;
import io.hookgate.app.cli.TextTable;

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

    static void print(final PrintStream out, final String kind, final List<AdminEntry> entries) {
        final List<Column<AdminEntry>> columns = new ArrayList<>(List.of(
            new Column<>("ID", AdminEntry::id),
            new Column<>("AT", entry -> TextTable.time(entry.at()))));
        if ("dlq".equals(kind)) {
            columns.add(new Column<>("SUBSCRIPTION", entry -> TextTable.orDash(entry.subscription())));
        }
        columns.add(new Column<>("SOURCE", entry -> TextTable.orDash(entry.source())));
        columns.add(new Column<>("EVENT", entry -> TextTable.orDash(entry.eventId())));
        columns.add(new Column<>("REASON", AdminEntry::reason));
        if ("dlq".equals(kind)) {
            columns.add(new Column<>("ATTEMPTS", entry -> Integer.toString(entry.attempts() == null ? 0 : entry.attempts().size())));
        }
        columns.add(new Column<>("REPLAYED", entry -> entry.replay() != null && entry.replay().replayed() ? "yes" : "no"));
        TextTable.print(out, columns, entries);
        out.println(TextTable.count(entries.size(), "entry", "entries"));
    }
}
