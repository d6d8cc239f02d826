package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.Health;
import io.hookgate.admin.api.model.LastError;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.TextTable;
import io.hookgate.app.ops.AdminClient;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        final AdminClient.Answer answer = client().get(path(id, "health"), Map.of());
        final Health health = ok(answer, Health.class);
        print(answer.body(), () -> text(System.out, health));
        return ExitCodes.OK;
    }

    static void text(final PrintStream out, final Health health) {
        out.println("subscription " + health.subscription() + " at " + TextTable.time(health.at()));
        final List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("WINDOW", "ATTEMPTS", "DELIVERED", "FAILED", "SUCCESS", "P50", "P99"));
        if (health.windows() != null) {
            health.windows().forEach((name, window) -> rows.add(List.of(name, Long.toString(window.attempts()),
                Long.toString(window.delivered()), Long.toString(window.failed()),
                window.successRate() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * window.successRate()),
                millis(window.p50Ms()), millis(window.p99Ms()))));
        }
        TextTable.print(out, rows);
        final LastError last = health.lastError();
        TextTable.print(out, List.of(List.of("breaker", health.breaker() == null ? "unknown" : health.breaker()),
            List.of("last error", last == null ? "none"
                : TextTable.time(last.at()) + "  " + (last.status() != null ? last.status().toString() : TextTable.orDash(last.error()))
                + (last.deliveryId() != null ? "  (" + last.deliveryId() + ")" : ""))));
    }

    private static String millis(final Long value) {
        return value == null ? "-" : value + " ms";
    }
}
