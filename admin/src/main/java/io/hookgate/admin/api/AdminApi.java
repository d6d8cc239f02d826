package io.hookgate.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.errors.BadRequest;
import io.hookgate.admin.errors.NotFound;
import io.hookgate.admin.errors.Unauthorized;
import io.hookgate.admin.replay.BulkReplay;
import io.hookgate.admin.replay.Replayer;
import io.hookgate.admin.view.EntryFilter;
import io.hookgate.admin.view.EntryStore;
import io.hookgate.admin.view.Page;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.json.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operators' API under {@code /admin}, behind a bearer token: list, show and replay the DLQ
 * ({@code /admin/dlq}) and rejected requests ({@code /admin/rejected}). Lists answer
 * {@code {"entries": [...], "nextCursor": ...}}; a replay of an entry already replayed answers 409
 * unless {@code ?force=true}; a replay by filter answers {@code {"matched", "replayed", "skipped"}}.
 */
public final class AdminApi {

    private static final int DEFAULT_LIMIT = 100;

    private final BearerAuth auth;
    private final EntryStore dlq;
    private final EntryStore rejected;
    private final Replayer replayer;
    private final TimeOrderedIds ids;

    public AdminApi(final String token, final EntryStore dlq, final EntryStore rejected, final Replayer replayer, final Clock clock) {
        this.auth = new BearerAuth(token);
        this.dlq = dlq;
        this.rejected = rejected;
        this.replayer = replayer;
        this.ids = new TimeOrderedIds(clock);
    }

    /** Adds the API's routes to {@code routes}, each behind the token, each failure answered by {@link ErrorHandling}. */
    public void addTo(final RoutingHandler routes) {
        routes.get("/admin/dlq", guarded(exchange -> list(exchange, dlq)));
        routes.get("/admin/dlq/{id}", guarded(exchange -> show(exchange, dlq)));
        routes.post("/admin/dlq/replay", guarded(exchange -> bulkDlq(exchange, body(exchange))));
        routes.post("/admin/dlq/{id}/replay", guarded(exchange -> {
            replayer.replayDlq(param(exchange, "id"), flag(exchange, "force"));
            replayed(exchange);
        }));
        routes.get("/admin/rejected", guarded(exchange -> list(exchange, rejected)));
        routes.get("/admin/rejected/{id}", guarded(exchange -> show(exchange, rejected)));
        routes.post("/admin/rejected/replay", guarded(exchange -> bulkRejected(exchange, body(exchange))));
        routes.post("/admin/rejected/{id}/replay", guarded(exchange -> {
            replayer.replayRejected(param(exchange, "id"), flag(exchange, "force"), flag(exchange, "ignoreTimestamp"));
            replayed(exchange);
        }));
    }

    private HttpHandler guarded(final HttpHandler handler) {
        return new ErrorHandling(exchange -> {
            if (!auth.allows(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
                throw new Unauthorized();
            }
            handler.handleRequest(exchange);
        }, ids);
    }

    private void list(final HttpServerExchange exchange, final EntryStore store) {
        final Page page = store.list(filter(exchange));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries());
        body.put("nextCursor", page.nextCursor());
        json(exchange, 200, body);
    }

    private void show(final HttpServerExchange exchange, final EntryStore store) {
        final String id = param(exchange, "id");
        json(exchange, 200, store.get(id).orElseThrow(() -> new NotFound("no entry " + id)));
    }

    private static void replayed(final HttpServerExchange exchange) {
        json(exchange, 200, Map.of("id", param(exchange, "id"), "replayed", true));
    }

    private void bulkDlq(final HttpServerExchange exchange, final JsonNode body) {
        final BulkReplay result = replayer.replayDlq(filter(body), body.path("dryRun").asBoolean(false), body.path("force").asBoolean(false));
        bulkAnswer(exchange, result, body.path("dryRun").asBoolean(false));
    }

    private void bulkRejected(final HttpServerExchange exchange, final JsonNode body) {
        final BulkReplay result = replayer.replayRejected(filter(body), body.path("dryRun").asBoolean(false),
            body.path("force").asBoolean(false), body.path("ignoreTimestamp").asBoolean(false));
        bulkAnswer(exchange, result, body.path("dryRun").asBoolean(false));
    }

    private static void bulkAnswer(final HttpServerExchange exchange, final BulkReplay result, final boolean dryRun) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("matched", result.matched());
        body.put("replayed", result.replayed());
        body.put("skipped", result.skipped());
        body.put("dryRun", dryRun);
        json(exchange, 200, body);
    }

    /** The request body as JSON; read blocking, as every admin route runs on a worker thread. */
    private static JsonNode body(final HttpServerExchange exchange) throws IOException {
        exchange.startBlocking();
        final byte[] bytes = exchange.getInputStream().readAllBytes();
        try {
            return bytes.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw BadRequest.body(null, "the body is not JSON");
        }
    }

    private static EntryFilter filter(final HttpServerExchange exchange) {
        return filter(query(exchange, "subscription"), query(exchange, "source"), query(exchange, "reason"), query(exchange, "since"),
            query(exchange, "until"), query(exchange, "limit"), query(exchange, "cursor"));
    }

    private static EntryFilter filter(final JsonNode body) {
        return filter(text(body, "subscription"), text(body, "source"), text(body, "reason"), text(body, "since"), text(body, "until"),
            String.valueOf(EntryFilter.MAX_LIMIT), null);
    }

    private static EntryFilter filter(final String subscription, final String source, final String reason, final String since,
                                      final String until, final String limit, final String cursor) {
        try {
            return new EntryFilter(subscription, source, reason, instant("since", since), instant("until", until),
                limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit), cursor);
        } catch (NumberFormatException e) {
            throw BadRequest.parameter("limit", "not a number");
        } catch (IllegalArgumentException e) {
            throw BadRequest.parameter("limit", e.getMessage());
        }
    }

    private static Instant instant(final String name, final String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw BadRequest.parameter(name, "not an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        }
    }

    private static String text(final JsonNode body, final String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static String query(final HttpServerExchange exchange, final String name) {
        final Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.peekFirst().isEmpty() ? null : values.peekFirst();
    }

    private static String param(final HttpServerExchange exchange, final String name) {
        return exchange.getAttachment(io.undertow.util.PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
    }

    private static boolean flag(final HttpServerExchange exchange, final String name) {
        return "true".equalsIgnoreCase(query(exchange, name));
    }

    static void json(final HttpServerExchange exchange, final int status, final Object body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(Json.writeString(body));
    }
}
