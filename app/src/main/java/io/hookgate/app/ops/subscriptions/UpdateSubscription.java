package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.Subscription;
import io.hookgate.app.ops.AdminClient;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/**
 * {@code hookgate subscriptions update ID}: {@code PATCH /admin/subscriptions/{id}} with only the
 * fields given (the others stay as they are), then the subscription as it now is.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Change fields of a subscription made at run time; the others stay as they are. The result is validated as a "
        + "whole, like a create. Subscriptions of the configuration file change in the file (enable and disable change any).",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE,
        "2:bad usage, or a change the gateway refused (each problem is listed)", ExitCodes.NOT_FOUND_LINE,
        "4:declared in the configuration file: change it there", ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class UpdateSubscription extends OneSubscriptionCommand {

    @Mixin
    SubscriptionFields fields;

    @Option(names = "--all-event-types", description = "Receive every event type (clears the --event-type patterns).")
    boolean allEventTypes;

    @Override
    protected int run() {
        if (allEventTypes && fields.eventTypes != null) {
            throw CliFailure.usage("give --event-type or --all-event-types, not both");
        }
        final Map<String, Object> body = fields.body();
        if (allEventTypes) {
            body.put("eventTypes", List.of());
        }
        if (body.isEmpty()) {
            throw CliFailure.usage("nothing to change: give at least one of --url, --source, --event-type, --all-event-types, --secret, "
                + "--timeout, --rate-limit, --max-in-flight, --tenant, --allow-insecure-url, --description");
        }
        final AdminClient.Answer answer = client().patch(path(id), body);
        final Subscription updated = ok(answer, Subscription.class);
        print(answer.body(), () -> {
            System.out.println("updated subscription " + updated.id());
            SubscriptionView.fields(System.out, updated);
        });
        return ExitCodes.OK;
    }
}
