package io.hookgate.app.ops.deliveries;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.TextTable;
import io.hookgate.app.cli.TextTable.Column;
import io.hookgate.app.ops.AttemptLines;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Deliveries as text for people ({@link TextTable}): a listing as a table, one delivery as its fields and its attempts. */
final class DeliveryView {

    private static final List<Column<JsonNode>> COLUMNS = List.of(
        new Column<>("DELIVERY", delivery -> delivery.path("deliveryId").asText()),
        new Column<>("SUBSCRIPTION", delivery -> delivery.path("subscription").asText("-")),
        new Column<>("EVENT", delivery -> delivery.path("eventId").asText("-")),
        new Column<>("ATTEMPTS", delivery -> delivery.path("attemptCount").asText("0")),
        new Column<>("LAST STATUS", DeliveryView::lastStatus),
        new Column<>("OUTCOME", delivery -> delivery.path("outcome").asText("-")),
        new Column<>("LAST AT", delivery -> TextTable.time(delivery.path("lastAttemptAt").asText("-"))));

    private static final List<String> FIELDS = List.of("deliveryId", "subscription", "source", "eventId", "event", "type", "outcome",
        "attemptCount", "firstAttemptAt", "lastAttemptAt", "nextTier", "nextAttemptAt", "dlqReason");

    private DeliveryView() {
    }

    static void table(final PrintStream out, final List<JsonNode> deliveries) {
        TextTable.print(out, COLUMNS, deliveries);
        out.println(TextTable.count(deliveries.size(), "delivery", "deliveries"));
    }

    static void show(final PrintStream out, final JsonNode delivery) {
        final List<List<String>> rows = new ArrayList<>();
        for (String field : FIELDS) {
            if (delivery.hasNonNull(field)) {
                final String value = delivery.get(field).asText();
                rows.add(List.of(field, field.endsWith("At") ? TextTable.time(value) : value));
            }
        }
        rows.add(List.of("last", lastStatus(delivery)));
        TextTable.print(out, rows);
        out.println();
        out.println("Attempts:");
        AttemptLines.print(out, delivery.path("attempts"));
    }

    private static String lastStatus(final JsonNode delivery) {
        return delivery.hasNonNull("lastStatus") ? delivery.get("lastStatus").asText() : delivery.path("lastError").asText("-");
    }
}
