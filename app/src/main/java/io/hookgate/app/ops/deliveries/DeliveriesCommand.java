package io.hookgate.app.ops.deliveries;

import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code hookgate deliveries list|show}: the delivery log of a running gateway, through its admin API
 * ({@code /admin/deliveries}, found as {@code hookgate dlq} finds it): did a subscription get an
 * event, when, after how many attempts, and what did it answer each time. Text for people,
 * {@code --json} for the admin API's JSON; failures exit as {@link ExitCodes} says.
 */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
    description = "The delivery log of a running gateway: each delivery with its attempts, successes included.",
    subcommands = {ListDeliveries.class, ShowDelivery.class},
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
public final class DeliveriesCommand {

    /** The delivery log on the admin port. */
    static final String PATH = "/admin/deliveries";

    private DeliveriesCommand() {
    }
}
