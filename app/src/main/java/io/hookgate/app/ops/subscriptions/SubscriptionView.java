package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.Subscription;
import io.hookgate.app.cli.TextTable.Column;
import io.hookgate.app.cli.TextTable;
import io.hookgate.core.json.Json;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscriptions as the admin API answers them ({@link Subscription}), as text for people
 * ({@link TextTable}): a listing as a table, one subscription as its fields, a line each. A secret is
 * never printed here: the commands that get one print it on purpose, once.
 */
final class SubscriptionView {

    private static final List<Column<Subscription>> COLUMNS = List.of(
        new Column<>("ID", Subscription::id),
        new Column<>("STATE", subscription -> TextTable.orDash(subscription.state())),
        new Column<>("ORIGIN", subscription -> TextTable.orDash(subscription.origin())),
        new Column<>("TENANT", subscription -> TextTable.orDash(subscription.tenant())),
        new Column<>("SOURCES", subscription -> list(subscription.sources(), ",")),
        new Column<>("EVENT TYPES", subscription -> eventTypes(subscription.eventTypes(), ",")),
        new Column<>("URL", subscription -> TextTable.orDash(subscription.url())));

    private SubscriptionView() {
    }

    /** {@code subscriptions} as a table, each column as wide as its content, and how many there are. */
    static void table(final PrintStream out, final List<Subscription> subscriptions) {
        TextTable.print(out, COLUMNS, subscriptions);
        out.println(TextTable.count(subscriptions.size(), "subscription", "subscriptions"));
    }

    /** The fields of {@code subscription}, a line each, in the order people read them; a field without a value is left out. */
    static void fields(final PrintStream out, final Subscription subscription) {
        final List<List<String>> rows = new ArrayList<>();
        row(rows, "id", subscription.id());
        row(rows, "state", subscription.state());
        row(rows, "origin", subscription.origin());
        row(rows, "tenant", subscription.tenant());
        row(rows, "description", subscription.description());
        row(rows, "url", subscription.url());
        row(rows, "sources", subscription.sources() == null ? null : list(subscription.sources(), ", "));
        row(rows, "eventTypes", eventTypes(subscription.eventTypes(), ", "));
        row(rows, "timeout", subscription.timeout());
        row(rows, "rateLimitPerSecond", text(subscription.rateLimitPerSecond()));
        row(rows, "maxInFlight", text(subscription.maxInFlight()));
        row(rows, "allowInsecureUrl", text(subscription.allowInsecureUrl()));
        row(rows, "createdAt", time(subscription.createdAt()));
        row(rows, "updatedAt", time(subscription.updatedAt()));
        row(rows, "breaker", subscription.breaker() == null ? null : Json.writeString(subscription.breaker()));
        row(rows, "disableAfter", subscription.disableAfter());
        row(rows, "retryDelays", subscription.retryDelays() == null ? null : list(subscription.retryDelays(), ", "));
        TextTable.print(out, rows);
    }

    private static void row(final List<List<String>> rows, final String name, final String value) {
        if (value != null) {
            rows.add(List.of(name, value));
        }
    }

    private static String text(final Object value) {
        return value == null ? null : value.toString();
    }

    private static String time(final Instant instant) {
        return instant == null ? null : TextTable.time(instant.toString());
    }

    /** The patterns, or {@code all} when there are none: a subscription without event types receives every type. */
    private static String eventTypes(final List<String> patterns, final String separator) {
        return patterns != null && !patterns.isEmpty() ? String.join(separator, patterns) : "all";
    }

    private static String list(final List<String> values, final String separator) {
        return values == null || values.isEmpty() ? "-" : String.join(separator, values);
    }
}
