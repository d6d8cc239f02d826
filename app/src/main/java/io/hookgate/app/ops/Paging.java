package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.json.Json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The admin API's paged listings ({@code {"entries": [...], "nextCursor"}}) from the command line:
 * reading as many pages as a {@code --limit} asks for from a {@code --cursor} on, and printing what
 * was read as the API's JSON ({@code --json}, the cursor kept) or as text for people with a notice
 * of how to go on when more follow.
 */
public final class Paging {

    /** The API's largest page. */
    static final int MAX_PAGE = 1000;

    private Paging() {
    }

    /** Entries of one listing, and the cursor of the entries after them (null when there are none). */
    public record Page(List<JsonNode> entries, String nextCursor) {
    }

    /**
     * At most {@code limit} entries of {@code path} that {@code filter} matches (a null value is no
     * filter), from {@code from} on (null: the first), and the cursor of what follows (null at the end).
     */
    public static Page read(final AdminClient client, final String path, final Map<String, String> filter, final int limit, final String from) {
        final List<JsonNode> entries = new ArrayList<>();
        String cursor = from;
        do {
            final Map<String, String> query = new LinkedHashMap<>(filter);
            query.put("limit", Integer.toString(Math.min(MAX_PAGE, limit - entries.size())));
            query.put("cursor", cursor);
            final JsonNode body = AdminCommand.ok(client.get(path, query));
            body.path("entries").forEach(entries::add);
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
        } while (cursor != null && entries.size() < limit);
        return new Page(entries, cursor);
    }

    /** {@code page} as JSON with {@code json}, else as {@code table} prints it, then how to go on when more follow. */
    public static void print(final PrintStream out, final Page page, final boolean json, final Consumer<List<JsonNode>> table) {
        if (json) {
            final Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("entries", page.entries());
            answer.put("nextCursor", page.nextCursor());
            out.println(Json.writeString(answer));
            return;
        }
        table.accept(page.entries());
        if (page.nextCursor() != null) {
            out.println("more entries follow: add --cursor " + page.nextCursor() + " (or a larger --limit)");
        }
    }
}
