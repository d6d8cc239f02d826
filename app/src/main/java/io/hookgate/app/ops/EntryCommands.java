package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hookgate dlq|rejected list|show|replay}: the admin API from the command line, against a
 * running gateway ({@code --admin URL}, token from {@code HOOKGATE_ADMIN_TOKEN}); tables for people,
 * {@code --json} for scripts, a progress bar on stderr for long replays.
 */
public final class EntryCommands {

    public static final String TOKEN_ENV = "HOOKGATE_ADMIN_TOKEN";

    private EntryCommands() {
    }

    /** What every entry command needs: where the admin API is, and how to print. */
    abstract static class Base implements Callable<Integer> {

        @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
            description = "Admin API of a running gateway (default: ${DEFAULT-VALUE}).")
        String admin;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** {@code dlq} or {@code rejected}: the name of the parent command. */
        String kind() {
            return spec.parent().name();
        }

        AdminClient client() {
            final String token = System.getenv(TOKEN_ENV);
            if (token == null || token.isBlank()) {
                throw new IllegalStateException(TOKEN_ENV + " is not set (hookgate dev prints the token it generated)");
            }
            return new AdminClient(admin, token);
        }

        static int fail(final AdminClient.Answer answer) {
            System.err.println("hookgate: " + answer.error());
            return answer.status() == 404 || answer.status() == 409 ? 3 : 1;
        }
    }

    /** The filter options shared by list and replay. */
    abstract static class Filtered extends Base {
        @Option(names = "--subscription") String subscription;
        @Option(names = "--source") String source;
        @Option(names = "--reason") String reason;
        @Option(names = "--since", description = "ISO-8601 instant, inclusive.") String since;
        @Option(names = "--until", description = "ISO-8601 instant, exclusive.") String until;

        Map<String, String> filter() {
            final Map<String, String> filter = new LinkedHashMap<>();
            filter.put("subscription", subscription);
            filter.put("source", source);
            filter.put("reason", reason);
            filter.put("since", since);
            filter.put("until", until);
            return filter;
        }

        /** Every entry the filter matches, following cursors. */
        List<JsonNode> all(final AdminClient client, final int limit) {
            final List<JsonNode> entries = new ArrayList<>();
            String cursor = null;
            do {
                final Map<String, String> query = new LinkedHashMap<>(filter());
                query.put("limit", Integer.toString(Math.min(1000, limit - entries.size())));
                query.put("cursor", cursor);
                final AdminClient.Answer answer = client.get("/admin/" + kind(), query);
                if (!answer.ok()) {
                    throw new IllegalStateException(answer.error());
                }
                answer.body().path("entries").forEach(entries::add);
                cursor = answer.body().path("nextCursor").isTextual() ? answer.body().path("nextCursor").asText() : null;
            } while (cursor != null && entries.size() < limit);
            return entries;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List entries, oldest first.")
    static final class ListEntries extends Filtered {
        @Option(names = "--limit", defaultValue = "100", description = "Most entries to show (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            final List<JsonNode> entries = all(client(), limit);
            if (json) {
                System.out.println(Json.writeString(Map.of("entries", entries)));
                return 0;
            }
            table(System.out, entries);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one entry with every attempt.")
    static final class ShowEntry extends Base {
        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() throws Exception {
            final AdminClient.Answer answer = client().get("/admin/" + kind() + "/" + id, Map.of());
            if (!answer.ok()) {
                return fail(answer);
            }
            System.out.println(json ? Json.writeString(answer.body())
                : Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer.body()));
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay entries: DLQ entries are delivered again with their webhook-id; rejected requests are verified again "
            + "(after fixing a secret, say) and pass deduplication again. Already replayed entries are skipped unless --force.")
    static final class ReplayEntries extends Filtered {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "One entry; without it, every entry the filter matches.")
        String id;
        @Option(names = "--force", description = "Replay entries already replayed.") boolean force;
        @Option(names = "--dry-run", description = "Count what would be replayed; replay nothing.") boolean dryRun;
        @Option(names = "--ignore-timestamp", description = "Rejected requests only: waive the replay window (logged).")
        boolean ignoreTimestamp;

        boolean ignoreTimestamp() {
            return ignoreTimestamp;
        }

        @Override
        public Integer call() {
            if (ignoreTimestamp && !"rejected".equals(kind())) {
                System.err.println("hookgate: --ignore-timestamp applies to rejected requests only");
                return 2;
            }
            final AdminClient client = client();
            final Map<String, String> flags = new LinkedHashMap<>();
            flags.put("force", Boolean.toString(force));
            if (ignoreTimestamp) {
                // The DLQ has no replay window: the flag is a rejected request's only.
                flags.put("ignoreTimestamp", "true");
            }
            if (id != null) {
                final AdminClient.Answer answer = client.post("/admin/" + kind() + "/" + id + "/replay", flags, Map.of());
                if (!answer.ok()) {
                    return fail(answer);
                }
                System.out.println(json ? Json.writeString(answer.body()) : "replayed " + id);
                return 0;
            }
            if (dryRun) {
                final Map<String, Object> body = new LinkedHashMap<>();
                filter().forEach((name, value) -> {
                    if (value != null) {
                        body.put(name, value);
                    }
                });
                body.put("dryRun", true);
                body.put("force", force);
                final AdminClient.Answer answer = client.post("/admin/" + kind() + "/replay", Map.of(), body);
                if (!answer.ok()) {
                    return fail(answer);
                }
                print(answer.body().path("matched").asLong(), answer.body().path("replayed").asLong(), answer.body().path("skipped").asLong());
                return 0;
            }
            // One by one, so people see progress on a long replay.
            final List<JsonNode> entries = all(client, Integer.MAX_VALUE);
            long replayed = 0;
            long skipped = 0;
            final Progress progress = new Progress(System.err, entries.size());
            for (JsonNode entry : entries) {
                final AdminClient.Answer answer = client.post("/admin/" + kind() + "/" + entry.path("id").asText() + "/replay", flags, Map.of());
                if (answer.ok()) {
                    replayed++;
                } else if (answer.status() == 409) {
                    skipped++;
                } else {
                    progress.done();
                    return fail(answer);
                }
                progress.update(replayed + skipped);
            }
            progress.done();
            print(entries.size(), replayed, skipped);
            return 0;
        }

        private void print(final long matched, final long replayed, final long skipped) {
            if (json) {
                System.out.println(Json.writeString(Map.of("matched", matched, "replayed", replayed, "skipped", skipped)));
            } else {
                System.out.printf("matched %d, %s %d, skipped %d (already replayed)%n", matched, dryRun ? "would replay" : "replayed",
                    replayed, skipped);
            }
        }
    }

    static void table(final PrintStream out, final List<JsonNode> entries) {
        final String format = "%-40s %-24s %-14s %-12s %-26s %-20s %8s %-8s%n";
        out.printf(format, "ID", "AT", "SUBSCRIPTION", "SOURCE", "EVENT", "REASON", "ATTEMPTS", "REPLAYED");
        for (JsonNode entry : entries) {
            out.printf(format, entry.path("id").asText(), entry.path("at").asText(), entry.path("subscription").asText("-"),
                entry.path("source").asText(), truncate(entry.path("eventId").asText("-"), 26), entry.path("reason").asText(),
                entry.path("attempts").size(), entry.path("replay").path("count").asInt() > 0 ? "yes" : "no");
        }
        out.printf("%d entries%n", entries.size());
    }

    private static String truncate(final String text, final int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
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

    @Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect and replay the dead-letter queue of a running gateway.",
        subcommands = {ListEntries.class, ShowEntry.class, ReplayEntries.class})
    public static final class Dlq {
    }

    @Command(name = "rejected", mixinStandardHelpOptions = true, description = "Inspect and replay rejected requests of a running gateway.",
        subcommands = {ListEntries.class, ShowEntry.class, ReplayEntries.class})
    public static final class Rejected {
    }
}
