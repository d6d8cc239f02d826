package io.hookgate.app.ops.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Delivery;
import io.hookgate.admin.api.model.EventDetail;
import io.hookgate.admin.api.model.EventRequest;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.TextTable.Column;
import io.hookgate.app.cli.TextTable;
import io.hookgate.app.ops.EntryView;
import io.hookgate.core.event.VerifiedEvent;
import io.hookgate.core.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's page as text for people ({@link TextTable}): the envelope's fields, the request (its
 * fields, then each header on a line, as the API redacted them), its deliveries and DLQ entries as
 * tables, and the payload, indented JSON.
 */
final class EventView {

    private static final List<Column<Delivery>> DELIVERIES = List.of(
        new Column<>("DELIVERY", Delivery::deliveryId),
        new Column<>("SUBSCRIPTION", delivery -> TextTable.orDash(delivery.subscription())),
        new Column<>("ATTEMPTS", delivery -> Integer.toString(delivery.attemptCount())),
        new Column<>("OUTCOME", delivery -> TextTable.orDash(delivery.outcome())),
        new Column<>("LAST AT", delivery -> TextTable.time(delivery.lastAttemptAt())));
    private static final List<Column<AdminEntry>> DLQ = List.of(
        new Column<>("DLQ ENTRY", AdminEntry::id),
        new Column<>("SUBSCRIPTION", entry -> TextTable.orDash(entry.subscription())),
        new Column<>("REASON", entry -> TextTable.orDash(entry.reason())),
        new Column<>("AT", entry -> TextTable.time(entry.at())));

    private EventView() {
    }

    static void show(final PrintStream out, final EventDetail event) {
        final VerifiedEvent envelope = read(event.envelope().bytes(), VerifiedEvent.class);
        final List<List<String>> fields = new ArrayList<>();
        TextTable.field(fields, "id", envelope.id());
        TextTable.field(fields, "source", envelope.source());
        TextTable.field(fields, "eventId", envelope.eventId());
        TextTable.field(fields, "type", envelope.type());
        TextTable.field(fields, "tenant", envelope.tenant());
        TextTable.field(fields, "receivedAt", envelope.receivedAt());
        TextTable.field(fields, "verifiedAt", envelope.verifiedAt());
        TextTable.field(fields, "ingressId", envelope.ingressId());
        TextTable.print(out, fields);
        out.println();
        out.println("Request:");
        final EventRequest request = event.request();
        final List<List<String>> requestFields = new ArrayList<>();
        TextTable.field(requestFields, "method", request.method());
        TextTable.field(requestFields, "clientAddress", request.clientAddress());
        TextTable.field(requestFields, "query", request.query());
        TextTable.field(requestFields, "bodyBytes", request.bodyBytes());
        TextTable.field(requestFields, "unavailable", request.unavailable());
        TextTable.lines(requestFields).forEach(line -> out.println("  " + line));
        if (request.headers() != null) {
            request.headers().forEach(header -> out.println("    " + header.name() + ": " + header.value()));
        }
        out.println();
        out.println("Deliveries:");
        table(out, DELIVERIES, event.deliveries(), "no delivery logged");
        out.println("DLQ:");
        table(out, DLQ, event.dlq(), "none");
        out.println("Payload:");
        final JsonNode payload = envelope.payload() == null ? NullNode.getInstance() : read(envelope.payload().bytes(), JsonNode.class);
        EntryView.pretty(payload).lines().forEach(line -> out.println("  " + line));
    }

    private static <T> T read(final byte[] json, final Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INTERNAL, "the admin API answered an event whose envelope is not one: " + e.getMessage(), e);
        }
    }

    private static <T> void table(final PrintStream out, final List<Column<T>> columns, final List<T> rows, final String none) {
        if (rows == null || rows.isEmpty()) {
            out.println("  " + none);
        } else {
            TextTable.print(out, columns, rows);
        }
        out.println();
    }
}
