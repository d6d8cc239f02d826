package io.hookgate.app.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.LoggedAttempt;
import io.hookgate.admin.api.model.PayloadView;
import io.hookgate.admin.api.model.ReplayState;
import io.hookgate.admin.api.model.RequestCopy;
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

    private EntryView() {
    }

    static void print(final PrintStream out, final AdminEntry entry) {
        final List<List<String>> rows = new ArrayList<>();
        TextTable.field(rows, "id", entry.id());
        TextTable.field(rows, "subscription", entry.subscription());
        TextTable.field(rows, "source", entry.source());
        TextTable.field(rows, "eventId", entry.eventId());
        TextTable.field(rows, "deliveryId", entry.deliveryId());
        TextTable.field(rows, "ingressId", entry.ingressId());
        TextTable.field(rows, "client", entry.client());
        TextTable.field(rows, "userAgent", entry.userAgent());
        TextTable.field(rows, "reason", entry.reason());
        TextTable.field(rows, "detail", entry.detail());
        TextTable.field(rows, "at", entry.at());
        rows.add(List.of("replay", replay(entry.replay())));
        TextTable.print(out, rows);
        if (entry.attempts() != null && !entry.attempts().isEmpty() && entry.subscription() != null) {
            out.println();
            out.println("Attempts:");
            AttemptLines.print(out, entry.attempts().stream().map(LoggedAttempt::of).toList());
        }
        if (entry.request() != null) {
            request(out, entry.request());
        }
        if (entry.payload() != null) {
            payload(out, entry.payload());
        }
    }

    private static String replay(final ReplayState replay) {
        if (replay == null || replay.count() == 0) {
            return "not replayed";
        }
        return "replayed " + TextTable.count(replay.count(), "time", "times") + ", last " + TextTable.time(replay.lastAt())
            + (replay.redelivery() != null ? "; redelivery " + replay.redelivery() : "");
    }

    private static void request(final PrintStream out, final RequestCopy request) {
        out.println();
        out.println("Request (credentials redacted):");
        final String query = request.query() == null || request.query().isEmpty() ? "" : " ?" + request.query();
        out.println("  " + (request.method() == null ? "POST" : request.method()) + query
            + "  from " + TextTable.orDash(request.client()) + "  at " + TextTable.time(request.receivedAt())
            + "  " + request.bodyBytes() + " bytes");
        if (request.headers() != null) {
            request.headers().forEach(header -> out.println("  " + header.name() + ": " + header.value()));
        }
    }

    private static void payload(final PrintStream out, final PayloadView payload) {
        out.println();
        if (payload.unavailable() != null) {
            out.println("Payload: not available (" + payload.unavailable() + ")");
            return;
        }
        out.println("Payload (" + (payload.bytes() == null ? 0 : payload.bytes()) + " bytes"
            + (Boolean.TRUE.equals(payload.truncated()) ? ", cut short" : "") + (payload.base64() != null ? ", base64" : "") + "):");
        final String text = payload.json() != null ? pretty(payload.json())
            : payload.text() != null ? payload.text() : payload.base64() == null ? "" : payload.base64();
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
