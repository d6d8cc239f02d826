package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.Subscription;
import io.hookgate.app.ops.AdminClient;
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
        final AdminClient.Answer answer = client().get(path(id), Map.of());
        final Subscription subscription = ok(answer, Subscription.class);
        print(answer.body(), () -> SubscriptionView.fields(System.out, subscription));
        return ExitCodes.OK;
    }
}
