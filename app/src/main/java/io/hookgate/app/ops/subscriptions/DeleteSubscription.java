package io.hookgate.app.ops.subscriptions;

import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.json.Json;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hookgate subscriptions delete ID}: {@code DELETE /admin/subscriptions/{id}}. The admin API
 * answers 204 without a body; {@code --json} prints {@code {"id": ID, "deleted": true}}.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete a subscription made at run time; its tasks still waiting end in the DLQ as unknown_subscription.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, "4:declared in the configuration file: remove it there", ExitCodes.UNAVAILABLE_LINE,
        ExitCodes.UNAUTHORIZED_LINE})
final class DeleteSubscription extends OneSubscriptionCommand {

    @Override
    protected int run() {
        ok(client().delete(path(id)));
        final Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("id", id);
        deleted.put("deleted", true);
        print(Json.mapper().valueToTree(deleted), () -> System.out.println("deleted subscription " + id
            + " (tasks of it still waiting end in the DLQ as unknown_subscription)"));
        return ExitCodes.OK;
    }
}
