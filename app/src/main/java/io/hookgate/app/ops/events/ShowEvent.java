package io.hookgate.app.ops.events;

import io.hookgate.admin.api.model.EventDetail;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.ops.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code hookgate events show SOURCE EVENT_ID}: {@code GET /admin/events/{source}/{eventId}}, as {@link EventView} prints it (or its JSON). */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show one verified event: its envelope and payload, the request that carried it (credentials redacted), "
        + "its deliveries and DLQ entries.",
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
final class ShowEvent extends AdminCommand {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The source id the event came from.")
    String source;

    @Parameters(index = "1", paramLabel = "EVENT_ID", description = "The event's id, as its provider named it (the envelope's eventId).")
    String eventId;

    @Override
    protected int run() {
        final EventDetail event = ok(client().get(EventsCommand.PATH + "/" + segment(source) + "/" + segment(eventId), Map.of()),
            EventDetail.class);
        print(event, () -> EventView.show(System.out, event));
        return ExitCodes.OK;
    }
}
