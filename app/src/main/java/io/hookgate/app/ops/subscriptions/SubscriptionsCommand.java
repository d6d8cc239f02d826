package io.hookgate.app.ops.subscriptions;

import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code hookgate subscriptions list|show|create|update|delete|disable|enable|rotate-secret|health}: the
 * subscriptions of a running gateway, through its admin API ({@code /admin/subscriptions}, found as
 * {@code hookgate dlq} finds it: {@code --admin}, {@code HOOKGATE_ADMIN_URL}, {@code --config}, the
 * last {@code hookgate dev} here). Text for people, {@code --json} for the admin API's JSON. A
 * refused subscription lists each problem as {@code   path: message} and exits 2; not found exits
 * 3, a conflict ({@code subscription_exists}, {@code declared_in_config}) 4; the others as
 * {@link ExitCodes} says.
 */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
    description = "Create, change and remove the subscriptions of a running gateway, without a restart.",
    subcommands = {ListSubscriptions.class, ShowSubscription.class, CreateSubscription.class, UpdateSubscription.class,
        DeleteSubscription.class, ChangeState.Disable.class, ChangeState.Enable.class, RotateSecret.class, SubscriptionHealth.class},
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.CONFLICT_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
public final class SubscriptionsCommand {
}
