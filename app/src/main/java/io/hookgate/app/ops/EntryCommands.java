package io.hookgate.app.ops;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Replay;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.TimeArgument;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.json.Json;
import io.hookgate.core.rejection.RejectReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code hookgate dlq|rejected list|show|replay}: the admin API from the command line, against a
 * running gateway (found as {@link AdminTarget} says); tables for people,
 * {@code --json} for scripts, a progress bar on stderr for long replays. A failure prints the admin
 * API's own message on one line and exits with the code of its kind ({@link ExitCodes}: 2 bad input,
 * 3 not found, 4 conflict, 5 unavailable, 6 unauthorized, 1 anything else).
 */
public final class EntryCommands {

    public static final String TOKEN_ENV = AdminCommand.TOKEN_ENV;

    private EntryCommands() {
    }

    /** What every entry command needs beside the admin API: the clock relative times are read on, and its kind. */
    abstract static class Base extends AdminCommand {

        /** The clock relative times are read on. */
        Clock clock = Clock.systemUTC();

        /** {@code dlq} or {@code rejected}: the name of the parent command. */
        String kind() {
            return spec.parent().name();
        }
    }

    /** The filter options shared by list and replay. */
    abstract static class Filtered extends Base {
        @Option(names = "--subscription", description = "DLQ entries of this subscription only.") String subscription;
        @Option(names = "--source") String source;
        @Option(names = "--event-id", paramLabel = "ID", description = "DLQ entries of this event only (its provider's id), across subscriptions.")
        String eventId;
        @Option(names = "--reason", description = "Entries of this reason only (a wrong one lists the valid ones).") String reason;
        @Option(names = "--since", paramLabel = "TIME", description = "Inclusive: " + TimeArgument.FORMS + ".") String since;
        @Option(names = "--until", paramLabel = "TIME", description = "Exclusive: the same forms as --since.") String until;

        Map<String, String> filter() {
            if (subscription != null && "rejected".equals(kind())) {
                throw CliFailure.usage("--subscription applies to DLQ entries only: a rejected request never reached a subscription");
            }
            if (eventId != null && "rejected".equals(kind())) {
                throw CliFailure.usage("--event-id applies to DLQ entries only: a rejected request was never identified");
            }
            CliFailure.oneOf("--reason", reason, "a " + kind() + " reason", kind() + " reasons", reasons(kind()));
            final Map<String, String> filter = new LinkedHashMap<>();
            filter.put("subscription", subscription);
            filter.put("source", source);
            filter.put("reason", reason);
            filter.put("eventId", eventId);
            filter.put("since", TimeArgument.iso("--since", since, clock));
            filter.put("until", TimeArgument.iso("--until", until, clock));
            return filter;
        }

        /** Whether any filter is given. */
        boolean filtered() {
            return filter().values().stream().anyMatch(Objects::nonNull);
        }

        /** Every entry the filter matches, following cursors. */
        List<AdminEntry> all(final AdminClient client, final int limit) {
            return Paging.read(client, "/admin/" + kind(), filter(), limit, null, AdminEntry.class).entries();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List entries, oldest first.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
    static final class ListEntries extends Filtered {
        @Option(names = "--limit", defaultValue = "100", description = "Most entries to show (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--cursor", description = "Go on from where an earlier listing stopped (it prints the cursor).")
        String cursor;

        @Override
        protected int run() {
            if (limit < 1) {
                throw CliFailure.usage("--limit must be at least 1");
            }
            Paging.print(System.out, Paging.read(client(), "/admin/" + kind(), filter(), limit, cursor, AdminEntry.class), json,
                entries -> EntryTable.print(System.out, kind(), entries));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one entry: its fields, replay state, every attempt with what the subscriber answered (DLQ), the request as "
            + "received with credentials redacted (rejected), and the payload.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.NOT_FOUND_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
    static final class ShowEntry extends Base {
        @Parameters(paramLabel = "ID") String id;

        @Override
        protected int run() {
            final AdminEntry entry = ok(client().get("/admin/" + kind() + "/" + segment(id), Map.of()), AdminEntry.class);
            print(entry, () -> EntryView.print(System.out, entry));
            return ExitCodes.OK;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay entries: DLQ entries are delivered again with their webhook-id; rejected requests are verified again "
            + "(after fixing a secret, say) and pass deduplication again. Already replayed entries are skipped unless --force. "
            + "Without an ID, at least one filter or --all is needed, and only entries that were there when the replay started "
            + "are replayed (--until is at most that time).",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.NOT_FOUND_LINE, ExitCodes.CONFLICT_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
    static final class ReplayEntries extends Filtered {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "One entry; without it, every entry the filter matches.")
        String id;
        @Option(names = "--all", description = "Without an ID and without filters: replay every entry.") boolean all;
        @Option(names = "--force", description = "Replay entries already replayed.") boolean force;
        @Option(names = "--dry-run", description = "Count what would be replayed; replay nothing.") boolean dryRun;
        @Option(names = "--ignore-timestamp", description = "Rejected requests only: waive the replay window (logged).")
        boolean ignoreTimestamp;

        @Override
        protected int run() {
            if (ignoreTimestamp && !"rejected".equals(kind())) {
                throw new CliFailure(ExitCodes.USAGE, "--ignore-timestamp applies to rejected requests only");
            }
            if (id != null && (filtered() || all)) {
                throw new CliFailure(ExitCodes.USAGE, "give an ID or filters (or --all), not both");
            }
            if (id == null && !filtered() && !all) {
                throw new CliFailure(ExitCodes.USAGE, "a replay without an ID needs at least one filter (--subscription, --source, "
                    + "--event-id, --reason, --since, --until), or --all to replay every entry");
            }
            final AdminClient client = client();
            final Map<String, String> flags = new LinkedHashMap<>();
            flags.put("force", Boolean.toString(force));
            if (ignoreTimestamp) {
                // The DLQ has no replay window: the flag is a rejected request's only.
                flags.put("ignoreTimestamp", "true");
            }
            if (id != null) {
                if (dryRun) {
                    throw new CliFailure(ExitCodes.USAGE, "--dry-run counts a replay by filter; it does not apply to one ID");
                }
                final AdminClient.Answer replayed = client.post("/admin/" + kind() + "/" + segment(id) + "/replay", flags, Map.of());
                if (replayed.status() == 409) {
                    // The API speaks of ?force=true; on the command line it is --force.
                    throw new CliFailure(ExitCodes.CONFLICT, id + " was already replayed; add --force to replay it again");
                }
                final Replay answer = ok(replayed, Replay.class);
                System.out.println(json ? Json.writeString(replayed.body()) : "replayed " + id
                    + (answer.forced() ? " again (forced: it had been replayed before)" : ""));
                return ExitCodes.OK;
            }
            // The server counts first and fixes the end of the range at its own clock: what this replay
            // dead-letters again afterwards is not in the range the one-by-one replay below walks.
            final Replay.Count counted = ok(client.post("/admin/" + kind() + "/replay", Map.of(), body()), Replay.Count.class);
            if (dryRun) {
                print(counted.matched(), counted.replayed(), counted.skipped(), counted.gone());
                return ExitCodes.OK;
            }
            until = counted.until() == null ? until : counted.until().toString();
            // One by one, so people see progress on a long replay.
            final List<AdminEntry> entries = all(client, Integer.MAX_VALUE);
            long replayed = 0;
            long skipped = 0;
            long gone = 0;
            final Progress progress = new Progress(System.err, entries.size());
            for (AdminEntry entry : entries) {
                final AdminClient.Answer answer = client.post("/admin/" + kind() + "/" + segment(entry.id()) + "/replay",
                    flags, Map.of());
                if (answer.ok()) {
                    replayed++;
                } else if (answer.status() == 409) {
                    skipped++;
                } else if (answer.status() == 410) {
                    // Its original was deleted by retention: the others are still worth replaying.
                    gone++;
                } else {
                    progress.done();
                    throw new CliFailure(ExitCodes.forStatus(answer.status()), answer.failure().getMessage() + " (after " + replayed + " replayed, "
                        + skipped + " skipped, " + gone + " gone of " + entries.size() + ")");
                }
                progress.update(replayed + skipped + gone);
            }
            progress.done();
            print(entries.size(), replayed, skipped, gone);
            if (gone > 0) {
                throw new CliFailure(ExitCodes.NOT_FOUND, gone + " of " + entries.size() + " not replayed: their originals are gone from "
                    + "Kafka (retention)");
            }
            return ExitCodes.OK;
        }

        /** The bulk endpoint's body: a dry run of this filter (no null values: the API refuses them). */
        private Map<String, Object> body() {
            final Map<String, Object> body = new LinkedHashMap<>();
            filter().forEach((name, value) -> {
                if (value != null) {
                    body.put(name, value);
                }
            });
            if (all) {
                body.put("all", true);
            }
            body.put("dryRun", true);
            body.put("force", force);
            return body;
        }

        private void print(final long matched, final long replayed, final long skipped, final long gone) {
            if (json) {
                final Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("matched", matched);
                answer.put("replayed", replayed);
                answer.put("skipped", skipped);
                answer.put("gone", gone);
                answer.put("dryRun", dryRun);
                System.out.println(Json.writeString(answer));
            } else {
                System.out.printf("%smatched %d, %s %d, skipped %d (already replayed)%s%n", dryRun ? "dry run, nothing replayed: " : "",
                    matched, dryRun ? "would replay" : "replayed", replayed, skipped, gone > 0 ? ", gone " + gone : "");
            }
        }
    }

    /** A one-line progress bar, redrawn in place. */
    static final class Progress {
        private final PrintStream out;
        private final long total;

        Progress(final PrintStream out, final long total) {
            this.out = out;
            this.total = total;
        }

        void update(final long done) {
            final int width = 30;
            final int filled = total == 0 ? width : (int) (width * done / total);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
            out.flush();
        }

        void done() {
            out.println();
        }
    }

    /** The reason codes {@code kind} ({@code dlq} or {@code rejected}) entries have, as the admin API accepts them. */
    static List<String> reasons(final String kind) {
        final Stream<String> codes = "dlq".equals(kind) ? Arrays.stream(DlqReason.values()).map(DlqReason::code)
            : Stream.concat(Arrays.stream(RejectReason.values()).map(RejectReason::code), Stream.of("unknown"));
        return codes.sorted().toList();
    }

    @Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect and replay the dead-letter queue of a running gateway.",
        subcommands = {ListEntries.class, ShowEntry.class, ReplayEntries.class},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.NOT_FOUND_LINE, ExitCodes.CONFLICT_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
    public static final class Dlq {
    }

    @Command(name = "rejected", mixinStandardHelpOptions = true, description = "Inspect and replay rejected requests of a running gateway.",
        subcommands = {ListEntries.class, ShowEntry.class, ReplayEntries.class},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.INTERNAL_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.NOT_FOUND_LINE, ExitCodes.CONFLICT_LINE, ExitCodes.UNAVAILABLE_LINE, ExitCodes.UNAUTHORIZED_LINE})
    public static final class Rejected {
    }
}
