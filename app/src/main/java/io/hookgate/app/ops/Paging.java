package io.hookgate.app.ops;

import io.hookgate.admin.api.model.Page;
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

    /**
     * At most {@code limit} entries of {@code path}, each a {@code type}, that {@code filter} matches
     * (a null value is no filter), from {@code from} on (null: the first), and the cursor of what
     * follows (null at the end).
     */
    public static <T> Page<T> read(final AdminClient client, final String path, final Map<String, String> filter, final int limit,
                                   final String from, final Class<T> type) {
        final List<T> entries = new ArrayList<>();
        String cursor = from;
        do {
            final Map<String, String> query = new LinkedHashMap<>(filter);
            query.put("limit", Integer.toString(Math.min(MAX_PAGE, limit - entries.size())));
            query.put("cursor", cursor);
            final AdminClient.Answer answer = client.get(path, query);
            AdminCommand.ok(answer);
            final Page<T> page = answer.page(type);
            entries.addAll(page.entries());
            cursor = page.nextCursor();
        } while (cursor != null && entries.size() < limit);
        return new Page<>(List.copyOf(entries), cursor);
    }

    /** {@code page} as the admin API's JSON with {@code json}, else as {@code table} prints it, then how to go on when more follow. */
    public static <T> void print(final PrintStream out, final Page<T> page, final boolean json, final Consumer<List<T>> table) {
        if (json) {
            out.println(Json.writeString(page));
            return;
        }
        table.accept(page.entries());
        if (page.nextCursor() != null) {
            out.println("more entries follow: add --cursor " + page.nextCursor() + " (or a larger --limit)");
        }
    }
}
