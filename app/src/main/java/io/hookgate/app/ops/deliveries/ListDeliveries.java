package io.hookgate.app.ops.deliveries;

import io.hookgate.admin.api.model.Delivery;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.TimeArgument;
import io.hookgate.app.ops.AdminCommand;
import io.hookgate.app.ops.Paging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hookgate deliveries list}: {@code GET /admin/deliveries} with its filters, newest first, as
 * a table (delivery id, subscription, event, attempts, last status, outcome, last attempt) or its JSON.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List deliveries, newest (last attempt) first: one per webhook-id, with how many attempts and where each stands.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class ListDeliveries extends AdminCommand {

    @Option(names = "--subscription", description = "Deliveries to this subscription only.") String subscription;
    @Option(names = "--source", description = "Deliveries of this source's events only.") String source;
    @Option(names = "--event-id", paramLabel = "ID", description = "Deliveries of this event (its provider's id), to every subscription.")
    String eventId;
    @Option(names = "--outcome", description = "delivered, retrying (waiting for its next attempt) or dead (in the DLQ).") String outcome;
    @Option(names = "--since", paramLabel = "TIME", description = "Last attempt at or after: " + TimeArgument.FORMS + ".") String since;
    @Option(names = "--until", paramLabel = "TIME", description = "Last attempt before: the same forms as --since.") String until;
    @Option(names = "--limit", defaultValue = "100", description = "Most deliveries to show (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--cursor", description = "Go on from where an earlier listing stopped (it prints the cursor).") String cursor;

    /** The clock relative times are read on. */
    Clock clock = Clock.systemUTC();

    @Override
    protected int run() {
        if (limit < 1) {
            throw CliFailure.usage("--limit must be at least 1");
        }
        final Map<String, String> filter = new LinkedHashMap<>();
        filter.put("subscription", subscription);
        filter.put("source", source);
        filter.put("eventId", eventId);
        filter.put("outcome", CliFailure.oneOf("--outcome", outcome, "an outcome", "outcomes", Delivery.OUTCOMES));
        filter.put("since", TimeArgument.iso("--since", since, clock));
        filter.put("until", TimeArgument.iso("--until", until, clock));
        Paging.print(System.out, Paging.read(client(), DeliveriesCommand.PATH, filter, limit, cursor, Delivery.class), json,
            deliveries -> DeliveryView.table(System.out, deliveries));
        return ExitCodes.OK;
    }
}
