package io.hookgate.app.ops.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.TextTable;
import io.hookgate.app.cli.TextTable.Column;
import io.hookgate.core.json.Json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions as the admin API answers them, as text for people ({@link TextTable}): a listing as
 * a table, one subscription as its fields, a line each. A secret is never printed here: the
 * commands that get one print it on purpose, once.
 */
final class SubscriptionView {

    /** The fields of one subscription in the order people read them; any other the API answers follows. */
    private static final List<String> ORDER = List.of("id", "state", "origin", "tenant", "description", "url", "sources", "eventTypes",
        "timeout", "rateLimitPerSecond", "maxInFlight", "allowInsecureUrl", "createdAt", "updatedAt");

    private static final List<Column<JsonNode>> COLUMNS = List.of(
        new Column<>("ID", subscription -> subscription.path("id").asText()),
        new Column<>("STATE", subscription -> subscription.path("state").asText("-")),
        new Column<>("ORIGIN", subscription -> subscription.path("origin").asText("-")),
        new Column<>("TENANT", subscription -> subscription.path("tenant").asText("-")),
        new Column<>("SOURCES", subscription -> list(subscription.path("sources"), ",")),
        new Column<>("EVENT TYPES", subscription -> eventTypes(subscription.path("eventTypes"), ",")),
        new Column<>("URL", subscription -> subscription.path("url").asText("-")));

    private SubscriptionView() {
    }

    /** {@code subscriptions} as a table, each column as wide as its content, and how many there are. */
    static void table(final PrintStream out, final List<JsonNode> subscriptions) {
        TextTable.print(out, COLUMNS, subscriptions);
        out.println(TextTable.count(subscriptions.size(), "subscription", "subscriptions"));
    }

    /** The fields of {@code subscription}, a line each ({@code secret} left out). */
    static void fields(final PrintStream out, final JsonNode subscription) {
        final List<List<String>> rows = new ArrayList<>();
        for (String name : ORDER) {
            if ("eventTypes".equals(name)) {
                rows.add(List.of(name, eventTypes(subscription.path(name), ", ")));
            } else if (subscription.hasNonNull(name)) {
                rows.add(List.of(name, text(name, subscription.get(name))));
            }
        }
        final Iterator<Map.Entry<String, JsonNode>> others = subscription.fields();
        while (others.hasNext()) {
            final Map.Entry<String, JsonNode> field = others.next();
            if (!ORDER.contains(field.getKey()) && !"secret".equals(field.getKey()) && !field.getValue().isNull()) {
                rows.add(List.of(field.getKey(), text(field.getKey(), field.getValue())));
            }
        }
        TextTable.print(out, rows);
    }

    private static String text(final String name, final JsonNode value) {
        if (value.isArray()) {
            return list(value, ", ");
        }
        if (value.isContainerNode()) {
            return Json.writeString(value);
        }
        return name.endsWith("At") ? TextTable.time(value.asText()) : value.asText();
    }

    /** The patterns, or {@code all} when there are none: a subscription without event types receives every type. */
    private static String eventTypes(final JsonNode patterns, final String separator) {
        return patterns.isArray() && !patterns.isEmpty() ? list(patterns, separator) : "all";
    }

    private static String list(final JsonNode values, final String separator) {
        if (!values.isArray() || values.isEmpty()) {
            return "-";
        }
        final List<String> items = new ArrayList<>();
        values.forEach(value -> items.add(value.isTextual() ? value.asText() : Json.writeString(value)));
        return String.join(separator, items);
    }
}
