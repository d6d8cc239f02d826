package io.hookgate.app.ops.deliveries;

import io.hookgate.admin.api.model.Delivery;
import io.hookgate.app.cli.TextTable.Column;
import io.hookgate.app.cli.TextTable;
import io.hookgate.app.ops.AttemptLines;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Deliveries as text for people ({@link TextTable}): a listing as a table, one delivery as its fields and its attempts. */
final class DeliveryView {

    private static final List<Column<Delivery>> COLUMNS = List.of(
        new Column<>("DELIVERY", Delivery::deliveryId),
        new Column<>("SUBSCRIPTION", delivery -> TextTable.orDash(delivery.subscription())),
        new Column<>("EVENT", delivery -> TextTable.orDash(delivery.eventId())),
        new Column<>("ATTEMPTS", delivery -> Integer.toString(delivery.attemptCount())),
        new Column<>("LAST STATUS", DeliveryView::lastStatus),
        new Column<>("OUTCOME", delivery -> TextTable.orDash(delivery.outcome())),
        new Column<>("LAST AT", delivery -> TextTable.time(delivery.lastAttemptAt())));

    private DeliveryView() {
    }

    static void table(final PrintStream out, final List<Delivery> deliveries) {
        TextTable.print(out, COLUMNS, deliveries);
        out.println(TextTable.count(deliveries.size(), "delivery", "deliveries"));
    }

    static void show(final PrintStream out, final Delivery delivery) {
        final List<List<String>> rows = new ArrayList<>();
        TextTable.field(rows, "deliveryId", delivery.deliveryId());
        TextTable.field(rows, "subscription", delivery.subscription());
        TextTable.field(rows, "source", delivery.source());
        TextTable.field(rows, "eventId", delivery.eventId());
        TextTable.field(rows, "event", delivery.event());
        TextTable.field(rows, "type", delivery.type());
        TextTable.field(rows, "outcome", delivery.outcome());
        TextTable.field(rows, "attemptCount", delivery.attemptCount());
        TextTable.field(rows, "firstAttemptAt", delivery.firstAttemptAt());
        TextTable.field(rows, "lastAttemptAt", delivery.lastAttemptAt());
        TextTable.field(rows, "nextTier", delivery.nextTier());
        TextTable.field(rows, "nextAttemptAt", delivery.nextAttemptAt());
        TextTable.field(rows, "dlqReason", delivery.dlqReason());
        rows.add(List.of("last", lastStatus(delivery)));
        TextTable.print(out, rows);
        out.println();
        out.println("Attempts:");
        AttemptLines.print(out, delivery.attempts() == null ? List.of() : delivery.attempts());
    }

    private static String lastStatus(final Delivery delivery) {
        return delivery.lastStatus() != null ? delivery.lastStatus().toString() : TextTable.orDash(delivery.lastError());
    }
}
