package io.hookgate.admin.api;

import io.hookgate.admin.errors.BadRequest;
import io.hookgate.admin.errors.NotFound;
import io.hookgate.admin.errors.Unauthorized;
import io.hookgate.admin.replay.BulkReplay;
import io.hookgate.admin.replay.Replayer;
import io.hookgate.admin.view.EntryFilter;
import io.hookgate.admin.view.EntryStore;
import io.hookgate.admin.view.Page;
import io.hookgate.admin.view.Quarantine;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.rejection.RejectReason;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operators' API under {@code /admin}, behind a bearer token: list, show and replay the DLQ
 * ({@code /admin/dlq}) and rejected requests ({@code /admin/rejected}). Lists answer
 * {@code {"entries": [...], "nextCursor": ...}}; a replay of an entry already replayed answers 409
 * unless {@code ?force=true}; a replay by filter answers {@code {"matched", "replayed", "skipped",
 * "gone", "dryRun", "until"}}; {@code GET /admin/quarantine} lists the records the index could not read.
 *
 * <p>Input fails closed: an unknown query parameter or body key (with the key it most likely meant),
 * a body that is not a JSON object, a value of the wrong JSON type, an unknown reason code, a broken
 * cursor or a limit outside 1..{@value EntryFilter#MAX_LIMIT} answers {@code 400} naming the field,
 * and nothing is done. A replay by filter needs at least one filter or {@code "all": true}, and never
 * reaches past the time its request arrived ({@code until} is at most that, and answered), so it
 * never replays what it itself dead-letters again.
 */
public final class AdminApi {

    static final int DEFAULT_LIMIT = 100;
    private static final String LIMIT = "limit";
    private static final String CURSOR = "cursor";
    private static final String FORCE = "force";
    private static final String IGNORE_TIMESTAMP = "ignoreTimestamp";
    private static final String DRY_RUN = "dryRun";
    private static final String ALL = "all";
    /** Rejected entries whose reason header is missing or unknown to this version are indexed with this reason. */
    private static final String UNKNOWN_REASON = "unknown";

    private final BearerAuth auth;
    private final Listing dlq;
    private final Listing rejected;
    private final Quarantine quarantine;
    private final Replayer replayer;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final SecurityLog securityLog;

    public AdminApi(final String token, final EntryStore dlq, final EntryStore rejected, final Quarantine quarantine, final Replayer replayer,
                    final Clock clock) {
        this(token, dlq, rejected, quarantine, replayer, clock, null);
    }

    /** With {@code securityLog} (or null) logging and counting each refused token as a security event. */
    public AdminApi(final String token, final EntryStore dlq, final EntryStore rejected, final Quarantine quarantine, final Replayer replayer,
                    final Clock clock, final SecurityLog securityLog) {
        this.securityLog = securityLog;
        this.auth = new BearerAuth(token);
        this.dlq = new Listing("dlq", dlq, Set.of(Filters.SUBSCRIPTION, Filters.SOURCE, Filters.REASON, Filters.SINCE, Filters.UNTIL),
            codes(Arrays.stream(DlqReason.values()).map(DlqReason::code)), Set.of(FORCE));
        this.rejected = new Listing("rejected", rejected, Set.of(Filters.SOURCE, Filters.REASON, Filters.SINCE, Filters.UNTIL),
            codes(Stream.concat(Arrays.stream(RejectReason.values()).map(RejectReason::code), Stream.of(UNKNOWN_REASON))),
            Set.of(FORCE, IGNORE_TIMESTAMP));
        this.quarantine = quarantine;
        this.replayer = replayer;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
    }

    private static Set<String> codes(final Stream<String> codes) {
        return codes.collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Adds the API's routes to {@code routes}, each behind the token, each failure answered by
     * {@link ErrorHandling}. {@code routes} must not copy path parameters into the query
     * ({@code new RoutingHandler(false)}): the query is checked name by name.
     */
    public void addTo(final RoutingHandler routes) {
        for (Listing listing : new Listing[] {dlq, rejected}) {
            final String base = "/admin/" + listing.name();
            routes.get(base, guarded(exchange -> list(exchange, listing)));
            routes.get(base + "/{id}", guarded(exchange -> show(exchange, listing)));
            routes.post(base + "/replay", guarded(exchange -> bulk(exchange, listing)));
            routes.post(base + "/{id}/replay", guarded(exchange -> replayOne(exchange, listing)));
        }
        routes.get("/admin/quarantine", guarded(this::quarantined));
    }

    private HttpHandler guarded(final HttpHandler handler) {
        return new ErrorHandling(exchange -> {
            if (!auth.allows(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
                if (securityLog != null) {
                    securityLog.refused("admin", exchange.getSourceAddress().getAddress().getHostAddress(),
                        exchange.getRequestHeaders().getFirst(Headers.USER_AGENT), 401, "unauthorized",
                        exchange.getRequestMethod() + " " + exchange.getRequestPath());
                }
                throw new Unauthorized();
            }
            handler.handleRequest(exchange);
        }, ids);
    }

    private void list(final HttpServerExchange exchange, final Listing listing) {
        final Set<String> accepted = new HashSet<>(listing.filters());
        accepted.add(LIMIT);
        accepted.add(CURSOR);
        final QueryParameters query = QueryParameters.of(exchange, accepted);
        final EntryFilter filter = Filters.read(query, listing, query.integer(LIMIT, DEFAULT_LIMIT, 1, EntryFilter.MAX_LIMIT),
            query.text(CURSOR), null);
        final Page page = listing.store().list(filter);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries());
        body.put("nextCursor", page.nextCursor());
        json(exchange, 200, body);
    }

    /** The records the index could not read: {@code {"entries": [{topic, partition, offset, reason, at}], "total": n}}. */
    private void quarantined(final HttpServerExchange exchange) {
        final QueryParameters query = QueryParameters.of(exchange, Set.of(LIMIT));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", quarantine.list(query.integer(LIMIT, DEFAULT_LIMIT, 1, EntryFilter.MAX_LIMIT)));
        body.put("total", quarantine.size());
        json(exchange, 200, body);
    }

    private void show(final HttpServerExchange exchange, final Listing listing) {
        QueryParameters.of(exchange, Set.of());
        final String id = param(exchange, "id");
        json(exchange, 200, listing.store().get(id).orElseThrow(() -> new NotFound("no " + listing.name() + " entry " + id)));
    }

    private void replayOne(final HttpServerExchange exchange, final Listing listing) throws IOException {
        final QueryParameters query = QueryParameters.of(exchange, listing.replayFlags());
        // The flags of one replay are in its query; a body would be ignored, so it is refused.
        JsonBody.read(exchange, Set.of());
        final String id = param(exchange, "id");
        if (listing == dlq) {
            replayer.replayDlq(id, query.flag(FORCE));
        } else {
            replayer.replayRejected(id, query.flag(FORCE), query.flag(IGNORE_TIMESTAMP));
        }
        json(exchange, 200, Map.of("id", id, "replayed", true));
    }

    private void bulk(final HttpServerExchange exchange, final Listing listing) throws IOException {
        // Fixed before anything is read: entries this replay dead-letters again come later, and are not matched.
        final Instant arrival = clock.instant();
        QueryParameters.of(exchange, Set.of());
        final Set<String> accepted = new HashSet<>(listing.filters());
        accepted.addAll(listing.replayFlags());
        accepted.add(DRY_RUN);
        accepted.add(ALL);
        final JsonBody body = JsonBody.read(exchange, accepted);
        final EntryFilter filter = Filters.read(body, listing, EntryFilter.MAX_LIMIT, null, arrival);
        final boolean all = body.flag(ALL);
        if (!all && !Filters.any(body, listing)) {
            throw new BadRequest(BadRequest.FILTER_REQUIRED, null, "a replay by filter needs at least one of "
                + String.join(", ", new TreeSet<>(listing.filters())) + ", or \"all\": true to replay every entry");
        }
        final boolean dryRun = body.flag(DRY_RUN);
        final BulkReplay result = listing == dlq
            ? replayer.replayDlq(filter, dryRun, body.flag(FORCE))
            : replayer.replayRejected(filter, dryRun, body.flag(FORCE), body.flag(IGNORE_TIMESTAMP));
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("matched", result.matched());
        answer.put("replayed", result.replayed());
        answer.put("skipped", result.skipped());
        answer.put("gone", result.gone());
        answer.put("dryRun", dryRun);
        answer.put("until", filter.until());
        json(exchange, 200, answer);
    }

    private static String param(final HttpServerExchange exchange, final String name) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
    }

    static void json(final HttpServerExchange exchange, final int status, final Object body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(Json.writeString(body));
    }
}
