package io.hookgate.app.ops.events;

import io.hookgate.app.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * {@code hookgate events show}: one verified event of a running gateway, through its admin API
 * ({@code /admin/events}, found as {@code hookgate dlq} finds it): its envelope, the request that
 * carried it (credentials redacted by the API) and where it went. Text for people, {@code --json}
 * for the admin API's JSON; failures exit as {@link ExitCodes} says.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Verified events of a running gateway: an event's envelope, its request and where it went.",
    subcommands = {ShowEvent.class},
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
public final class EventsCommand {

    /** The verified events on the admin port. */
    static final String PATH = "/admin/events";

    private EventsCommand() {
    }
}
