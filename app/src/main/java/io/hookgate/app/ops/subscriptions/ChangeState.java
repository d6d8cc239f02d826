package io.hookgate.app.ops.subscriptions;

import io.hookgate.admin.api.model.Subscription;
import io.hookgate.app.ops.AdminClient;
import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;

import java.util.Map;

/**
 * {@code hookgate subscriptions disable|enable ID}: {@code POST /admin/subscriptions/{id}/disable}
 * or {@code /enable} with an empty JSON object, then the state the admin API answers. Any
 * subscription's state changes this way, those of the configuration file too.
 */
abstract class ChangeState extends OneSubscriptionCommand {

    @Override
    protected int run() {
        // The command's name is the path's last segment: disable, enable; and the state it leads to: disabled, enabled.
        final String action = spec.name();
        final AdminClient.Answer answer = client().post(path(id, action), Map.of(), Map.of());
        final Subscription changed = ok(answer, Subscription.class);
        print(answer.body(), () -> System.out.println("subscription " + changed.id() + " is " + changed.state()));
        return ExitCodes.OK;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop deliveries to a subscription until it is enabled.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
    static final class Disable extends ChangeState {
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Deliver to a disabled subscription again.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
    static final class Enable extends ChangeState {
    }
}
