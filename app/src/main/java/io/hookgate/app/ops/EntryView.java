package io.hookgate.app.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.app.cli.TextTable;
import io.hookgate.core.json.Json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One DLQ entry or rejected request as text for people, what one debugs with: its fields a line
 * each, its replay state (and how the redelivery went), every attempt with what the subscriber
 * answered ({@link AttemptLines}), the request as received (credentials already redacted by the
 * gateway), and the payload (pretty when it is JSON).
 */
public final class EntryView {

    private static final List<String> FIELDS = List.of("id", "subscription", "source", "eventId", "deliveryId", "ingressId", "client",
        "userAgent", "reason", "detail", "at");

    private EntryView() {
    }

    static void print(final PrintStream out, final JsonNode entry) {
        final List<List<String>> rows = new ArrayList<>();
        for (String field : FIELDS) {
            if (entry.hasNonNull(field)) {
                rows.add(List.of(field, "at".equals(field) ? TextTable.time(entry.get(field).asText()) : entry.get(field).asText()));
            }
        }
        rows.add(List.of("replay", replay(entry.path("replay"))));
        TextTable.print(out, rows);
        if (entry.path("attempts").size() > 0 && entry.hasNonNull("subscription")) {
            out.println();
            out.println("Attempts:");
            AttemptLines.print(out, entry.get("attempts"));
        }
        if (entry.hasNonNull("request")) {
            request(out, entry.get("request"));
        }
        if (entry.hasNonNull("payload")) {
            payload(out, entry.get("payload"));
        }
    }

    private static String replay(final JsonNode replay) {
        final int count = replay.path("count").asInt();
        if (count == 0) {
            return "not replayed";
        }
        return "replayed " + TextTable.count(count, "time", "times") + ", last " + TextTable.time(replay.path("lastAt").asText("-"))
            + (replay.hasNonNull("redelivery") ? "; redelivery " + replay.get("redelivery").asText() : "");
    }

    private static void request(final PrintStream out, final JsonNode request) {
        out.println();
        out.println("Request (credentials redacted):");
        out.println("  " + request.path("method").asText("POST") + (request.hasNonNull("query") ? " ?" + request.get("query").asText() : "")
            + "  from " + request.path("client").asText("-") + "  at " + TextTable.time(request.path("receivedAt").asText("-"))
            + "  " + request.path("bodyBytes").asLong() + " bytes");
        request.path("headers").forEach(header -> out.println("  " + header.path("name").asText() + ": " + header.path("value").asText()));
    }

    private static void payload(final PrintStream out, final JsonNode payload) {
        out.println();
        if (payload.hasNonNull("unavailable")) {
            out.println("Payload: not available (" + payload.get("unavailable").asText() + ")");
            return;
        }
        out.println("Payload (" + payload.path("bytes").asLong() + " bytes" + (payload.path("truncated").asBoolean() ? ", cut short" : "")
            + (payload.hasNonNull("base64") ? ", base64" : "") + "):");
        final String text = payload.hasNonNull("json") ? pretty(payload.get("json"))
            : payload.hasNonNull("text") ? payload.get("text").asText() : payload.path("base64").asText();
        text.lines().forEach(line -> out.println("  " + line));
    }

    /** {@code json} indented, for people. */
    public static String pretty(final JsonNode json) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new CliFailure(ExitCodes.INTERNAL, "cannot print the entry: " + e.getOriginalMessage(), e);
        }
    }
}
