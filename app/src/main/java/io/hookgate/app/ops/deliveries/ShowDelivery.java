package io.hookgate.app.ops.deliveries;

import io.hookgate.admin.api.model.Delivery;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.ops.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code hookgate deliveries show ID}: {@code GET /admin/deliveries/{id}}, its fields, then each attempt on a line (or its JSON). */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show one delivery (its webhook-id): where it stands, and each attempt with what the subscriber answered.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class ShowDelivery extends AdminCommand {

    @Parameters(paramLabel = "ID", description = "The delivery's id: the webhook-id its subscriber received (msg_...).")
    String id;

    @Override
    protected int run() {
        final Delivery delivery = ok(client().get(DeliveriesCommand.PATH + "/" + segment(id), Map.of()), Delivery.class);
        print(delivery, () -> DeliveryView.show(System.out, delivery));
        return ExitCodes.OK;
    }
}
