package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.Subscription;
import io.hookgate.app.ops.AdminClient;
import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code hookgate subscriptions list}: {@code GET /admin/subscriptions[?tenant=&source=]}, as a table or its JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List subscriptions, those of the configuration file (origin config) and those made at run time (origin api).",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class ListSubscriptions extends SubscriptionCommand {

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Subscriptions of this tenant only.")
    String tenant;

    @Option(names = "--source", paramLabel = "SOURCE", description = "Subscriptions of this source only.")
    String source;

    @Override
    protected int run() {
        final Map<String, String> query = new LinkedHashMap<>();
        query.put("tenant", tenant);
        query.put("source", source);
        final AdminClient.Answer answer = client().get(PATH, query);
        final Subscription.Listing listing = ok(answer, Subscription.Listing.class);
        print(answer.body(), () -> SubscriptionView.table(System.out, listing.entries()));
        return ExitCodes.OK;
    }
}
