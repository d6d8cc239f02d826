package io.hookgate.app.ops.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.TextTable;
import io.hookgate.app.cli.TextTable.Column;
import io.hookgate.app.ops.EntryView;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's page as text for people ({@link TextTable}): the envelope's fields, the request (its
 * fields, then each header on a line, as the API redacted them), its deliveries and DLQ entries as
 * tables, and the payload, indented JSON.
 */
final class EventView {

    private static final List<String> ENVELOPE = List.of("id", "source", "eventId", "type", "tenant", "receivedAt", "verifiedAt",
        "ingressId");
    private static final List<String> REQUEST = List.of("method", "clientAddress", "query", "bodyBytes", "unavailable");
    private static final List<Column<JsonNode>> DELIVERIES = List.of(
        new Column<>("DELIVERY", delivery -> delivery.path("deliveryId").asText()),
        new Column<>("SUBSCRIPTION", delivery -> delivery.path("subscription").asText("-")),
        new Column<>("ATTEMPTS", delivery -> delivery.path("attemptCount").asText("0")),
        new Column<>("OUTCOME", delivery -> delivery.path("outcome").asText("-")),
        new Column<>("LAST AT", delivery -> TextTable.time(delivery.path("lastAttemptAt").asText("-"))));
    private static final List<Column<JsonNode>> DLQ = List.of(
        new Column<>("DLQ ENTRY", entry -> entry.path("id").asText()),
        new Column<>("SUBSCRIPTION", entry -> entry.path("subscription").asText("-")),
        new Column<>("REASON", entry -> entry.path("reason").asText("-")),
        new Column<>("AT", entry -> TextTable.time(entry.path("at").asText("-"))));

    private EventView() {
    }

    static void show(final PrintStream out, final JsonNode event) {
        final JsonNode envelope = event.path("envelope");
        final JsonNode request = event.path("request");
        TextTable.print(out, fields(envelope, ENVELOPE));
        out.println();
        out.println("Request:");
        TextTable.lines(fields(request, REQUEST)).forEach(line -> out.println("  " + line));
        for (JsonNode header : request.path("headers")) {
            out.println("    " + header.path("name").asText() + ": " + header.path("value").asText());
        }
        out.println();
        out.println("Deliveries:");
        table(out, DELIVERIES, event.path("deliveries"), "no delivery logged");
        out.println("DLQ:");
        table(out, DLQ, event.path("dlq"), "none");
        out.println("Payload:");
        EntryView.pretty(envelope.path("payload")).lines().forEach(line -> out.println("  " + line));
    }

    private static List<List<String>> fields(final JsonNode node, final List<String> names) {
        final List<List<String>> rows = new ArrayList<>();
        for (String name : names) {
            if (node.hasNonNull(name)) {
                final String value = node.get(name).asText();
                rows.add(List.of(name, name.endsWith("At") ? TextTable.time(value) : value));
            }
        }
        return rows;
    }

    private static void table(final PrintStream out, final List<Column<JsonNode>> columns, final JsonNode rows, final String none) {
        final List<JsonNode> list = new ArrayList<>();
        rows.forEach(list::add);
        if (list.isEmpty()) {
            out.println("  " + none);
        } else {
            TextTable.print(out, columns, list);
        }
        out.println();
    }
}
