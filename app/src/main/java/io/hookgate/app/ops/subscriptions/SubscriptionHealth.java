package io.hookgate.app.ops.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.TextTable;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code hookgate subscriptions health ID}: {@code GET /admin/subscriptions/{id}/health}, its windows
 * as a small table (attempts, delivered, failed, success rate, p50 and p99 latency), the breaker's
 * state and the last error; or its JSON.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = "How a subscription's endpoint is doing over the last 5 minutes and 24 hours: success rate, latency, breaker, last error.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class SubscriptionHealth extends OneSubscriptionCommand {

    @Override
    protected int run() {
        final JsonNode health = ok(client().get(path(id, "health"), Map.of()));
        print(health, () -> text(System.out, health));
        return ExitCodes.OK;
    }

    static void text(final PrintStream out, final JsonNode health) {
        out.println("subscription " + health.path("subscription").asText() + " at " + TextTable.time(health.path("at").asText("-")));
        final List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("WINDOW", "ATTEMPTS", "DELIVERED", "FAILED", "SUCCESS", "P50", "P99"));
        for (Iterator<Map.Entry<String, JsonNode>> windows = health.path("windows").fields(); windows.hasNext(); ) {
            final Map.Entry<String, JsonNode> window = windows.next();
            final JsonNode stats = window.getValue();
            rows.add(List.of(window.getKey(), stats.path("attempts").asText("0"), stats.path("delivered").asText("0"),
                stats.path("failed").asText("0"),
                stats.hasNonNull("successRate") ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * stats.get("successRate").asDouble()) : "-",
                millis(stats.path("p50Ms")), millis(stats.path("p99Ms"))));
        }
        TextTable.print(out, rows);
        final JsonNode last = health.path("lastError");
        TextTable.print(out, List.of(List.of("breaker", health.path("breaker").asText("unknown")),
            List.of("last error", last.isMissingNode() || last.isNull() ? "none"
                : TextTable.time(last.path("at").asText("-")) + "  " + (last.hasNonNull("status") ? last.get("status").asText()
                : last.path("error").asText("-")) + (last.hasNonNull("deliveryId") ? "  (" + last.get("deliveryId").asText() + ")" : ""))));
    }

    private static String millis(final JsonNode value) {
        return value.isNumber() ? value.asLong() + " ms" : "-";
    }
}
