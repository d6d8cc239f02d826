package io.hookgate.app.ops.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code hookgate subscriptions show ID}: {@code GET /admin/subscriptions/{id}}, its fields a line each, or its JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one subscription: its fields, state, origin and times.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class ShowSubscription extends OneSubscriptionCommand {

    @Override
    protected int run() {
        final JsonNode subscription = ok(client().get(path(id), Map.of()));
        print(subscription, () -> SubscriptionView.fields(System.out, subscription));
        return ExitCodes.OK;
    }
}
