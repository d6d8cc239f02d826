package io.hookgate.admin.api;

import io.hookgate.admin.api.model.AdminEntry;
import io.hookgate.admin.api.model.Page;
import io.hookgate.admin.api.model.PayloadView;
import io.hookgate.admin.api.model.Replay;
import io.hookgate.admin.internals.errors.BadRequest;
import io.hookgate.admin.internals.errors.NotFound;
import io.hookgate.admin.internals.replay.BulkReplay;
import io.hookgate.admin.internals.replay.Replayer;
import io.hookgate.admin.internals.view.EntryFilter;
import io.hookgate.admin.internals.view.EntryStore;
import io.hookgate.admin.internals.view.Quarantine;
import io.hookgate.admin.internals.view.Redeliveries;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.delivery.DeliveryAttempt;
import io.hookgate.core.delivery.DlqReason;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.rejection.RejectReason;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operators' API under {@code /admin}, behind a bearer token: list, show and replay the DLQ
 * ({@code /admin/dlq}) and rejected requests ({@code /admin/rejected}), the records the index could
 * not read ({@code /admin/quarantine}), the routes of its {@link AdminFeature}s (subscriptions), and
 * {@code GET /admin/openapi.json}, the OpenAPI 3.1 document of all of them. Lists answer
 * {@code {"entries": [...], "nextCursor": ...}} (the DLQ filters by subscription, source, reason,
 * event id and time); a replay of an entry already replayed answers 409 unless {@code ?force=true},
 * and a replay answers {@code {"id", "replayed": true, "forced"}}, {@code forced} saying whether the
 * entry had been replayed before; a replay by filter answers {@code {"matched", "replayed",
 * "skipped", "gone", "forced", "dryRun", "until"}}, {@code forced} saying whether any entry replayed
 * had been replayed before. An entry's show has its {@code payload} ({@link PayloadView}: a DLQ
 * entry's envelope, a rejected request's body read from Kafka with its credentials hidden). A
 * replayed DLQ entry's {@code replay} says how its redelivery went, from the delivery log:
 * {@code redelivery} is {@code delivered}, {@code failed} (dead-lettered again) or {@code pending}.
 *
 * <p>Tokens: {@code admin.token} is the operator's and sees everything; each {@code admin.tokens}
 * entry is a tenant's, which sees only its tenant's DLQ entries and the rejected requests of its
 * tenant's sources ({@link EntryVisibility}). Anything else answers {@code 404} to a tenant as if
 * it did not exist: other entries are not listed, shown or replayed (a replay by filter replays
 * only the tenant's own), and the quarantine is the operator's alone.
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
    /**
     * How far before the time of a replay its redelivery's attempts may have started (the clocks of the
     * admin part and the dispatcher differ a little); never before the entry's own last attempt.
     */
    static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

    private final BearerAuth auth;
    private final Listing dlq;
    private final Listing rejected;
    private final Quarantine quarantine;
    private final Replayer replayer;
    private final List<AdminFeature> features;
    private final Clock clock;
    private final TimeOrderedIds ids;
    private final SecurityLog securityLog;
    private final byte[] openApi;

    /**
     * @param settings    its {@code token} (required) is the operator's, its {@code tokens} the tenants'
     * @param visibility  which entries a tenant sees
     * @param redeliveries how the redelivery of a replayed DLQ entry went (the delivery log)
     * @param features    the parts of the API kept in packages of their own (subscriptions)
     * @param securityLog logs and counts each refused token as a security event; null for none
     * @throws IllegalArgumentException when no operator token is configured, or one token is given twice
     */
    public AdminApi(final AdminSettings settings, final EntryStore dlq, final EntryStore rejected, final Quarantine quarantine,
                    final Replayer replayer, final EntryVisibility visibility, final Redeliveries redeliveries,
                    final List<AdminFeature> features, final Clock clock, final SecurityLog securityLog) {
        this.auth = new BearerAuth(settings.token().orElseThrow(() -> new IllegalArgumentException("the admin API needs admin.token")),
            settings.tokens());
        this.securityLog = securityLog;
        this.dlq = new Listing("dlq", dlq, Set.of(Filters.SUBSCRIPTION, Filters.SOURCE, Filters.REASON, Filters.EVENT_ID, Filters.SINCE,
            Filters.UNTIL),
            codes(Arrays.stream(DlqReason.values()).map(DlqReason::code)), Set.of(FORCE), visibility::dlq,
            entry -> withRedelivery(entry, redeliveries), replayer::dlqPayload);
        this.rejected = new Listing("rejected", rejected, Set.of(Filters.SOURCE, Filters.REASON, Filters.SINCE, Filters.UNTIL),
            codes(Stream.concat(Arrays.stream(RejectReason.values()).map(RejectReason::code), Stream.of(UNKNOWN_REASON))),
            Set.of(FORCE, IGNORE_TIMESTAMP), visibility::rejected, UnaryOperator.identity(), replayer::rejectedPayload);
        this.quarantine = quarantine;
        this.replayer = replayer;
        this.features = List.copyOf(features);
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
        this.openApi = OpenApiDocument.load();
    }

    /**
     * {@code entry}, when it was replayed, with how its redelivery went: the attempts of its delivery
     * that started after its own last attempt and at most {@link #CLOCK_SLACK} before the last replay.
     */
    public static AdminEntry withRedelivery(final AdminEntry entry, final Redeliveries redeliveries) {
        if (entry.deliveryId() == null || entry.replay() == null || !entry.replay().replayed() || entry.replay().lastAt() == null) {
            return entry;
        }
        Instant since = entry.replay().lastAt().minus(CLOCK_SLACK);
        for (DeliveryAttempt attempt : entry.attempts() == null ? List.<DeliveryAttempt>of() : entry.attempts()) {
            if (attempt.at() != null && !attempt.at().isBefore(since)) {
                since = attempt.at().plusMillis(1);
            }
        }
        return entry.withReplay(entry.replay().withRedelivery(redeliveries.redelivery(entry.deliveryId(), since)));
    }

    private static Set<String> codes(final Stream<String> codes) {
        return codes.collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Adds the API's routes to {@code routes}, each behind the token, each failure answered by
     * {@link ErrorHandling}. {@code routes} must not copy path parameters into the query
     * ({@code new RoutingHandler(false)}): the query is checked name by name.
     *
     * @return the routes added, each as {@code METHOD /template}
     */
    public Set<String> addTo(final RoutingHandler routes) {
        final AdminRoutes admin = new AdminRoutes(routes, auth, securityLog, ids);
        for (Listing listing : new Listing[] {dlq, rejected}) {
            final String base = "/admin/" + listing.name();
            admin.get(base, (exchange, caller) -> list(exchange, caller, listing));
            admin.get(base + "/{id}", (exchange, caller) -> show(exchange, caller, listing));
            admin.post(base + "/replay", (exchange, caller) -> bulk(exchange, caller, listing));
            admin.post(base + "/{id}/replay", (exchange, caller) -> replayOne(exchange, caller, listing));
        }
        admin.get("/admin/quarantine", this::quarantined);
        admin.get(OpenApiDocument.PATH, this::openApi);
        features.forEach(feature -> feature.addTo(admin));
        return admin.table();
    }

    /** Every route of this API, each as {@code METHOD /template}: what {@link #addTo} adds. */
    public Set<String> routes() {
        return addTo(new RoutingHandler(false));
    }

    private void list(final HttpServerExchange exchange, final Caller caller, final Listing listing) {
        final Set<String> accepted = new HashSet<>(listing.filters());
        accepted.add(LIMIT);
        accepted.add(CURSOR);
        final QueryParameters query = QueryParameters.of(exchange, accepted);
        final EntryFilter filter = Filters.read(query, listing, query.integer(LIMIT, DEFAULT_LIMIT, 1, EntryFilter.MAX_LIMIT),
            query.text(CURSOR), null).within(listing.visibility().apply(caller));
        final Page<AdminEntry> page = listing.store().list(filter);
        json(exchange, 200, new Page<>(page.entries().stream().map(listing.shown()).toList(), page.nextCursor()));
    }

    /** The records the index could not read: {@code {"entries": [{topic, partition, offset, reason, at}], "total": n}}. */
    private void quarantined(final HttpServerExchange exchange, final Caller caller) {
        if (!caller.isOperator()) {
            // Records the index could not read have no tenant: the operator's alone.
            throw new NotFound("no such admin path");
        }
        final QueryParameters query = QueryParameters.of(exchange, Set.of(LIMIT));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", quarantine.list(query.integer(LIMIT, DEFAULT_LIMIT, 1, EntryFilter.MAX_LIMIT)));
        body.put("total", quarantine.size());
        json(exchange, 200, body);
    }

    private void openApi(final HttpServerExchange exchange, final Caller caller) {
        QueryParameters.of(exchange, Set.of());
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(openApi));
    }

    private void show(final HttpServerExchange exchange, final Caller caller, final Listing listing) {
        QueryParameters.of(exchange, Set.of());
        final String id = AdminRoutes.parameter(exchange, "id");
        json(exchange, 200, listing.shown().apply(visible(caller, listing, id)).withPayload(listing.payload().apply(id)));
    }

    /** Entry {@code id} when {@code caller} sees it; else 404, the same answer as for an entry that does not exist. */
    private AdminEntry visible(final Caller caller, final Listing listing, final String id) {
        return listing.store().get(id).filter(listing.visibility().apply(caller))
            .orElseThrow(() -> new NotFound("no " + listing.name() + " entry " + id));
    }

    private void replayOne(final HttpServerExchange exchange, final Caller caller, final Listing listing) throws IOException {
        final QueryParameters query = QueryParameters.of(exchange, listing.replayFlags());
        // The flags of one replay are in its query; a body would be ignored, so it is refused.
        JsonBody.read(exchange, Set.of());
        final String id = AdminRoutes.parameter(exchange, "id");
        if (!caller.isOperator()) {
            visible(caller, listing, id);
        }
        final boolean forced = listing == dlq ? replayer.replayDlq(id, query.flag(FORCE))
            : replayer.replayRejected(id, query.flag(FORCE), query.flag(IGNORE_TIMESTAMP));
        json(exchange, 200, new Replay(id, true, forced));
    }

    private void bulk(final HttpServerExchange exchange, final Caller caller, final Listing listing) throws IOException {
        // Fixed before anything is read: entries this replay dead-letters again come later, and are not matched.
        final Instant arrival = clock.instant();
        QueryParameters.of(exchange, Set.of());
        final Set<String> accepted = new HashSet<>(listing.filters());
        accepted.addAll(listing.replayFlags());
        accepted.add(DRY_RUN);
        accepted.add(ALL);
        final JsonBody body = JsonBody.read(exchange, accepted);
        final EntryFilter filter = Filters.read(body, listing, EntryFilter.MAX_LIMIT, null, arrival)
            .within(listing.visibility().apply(caller));
        final boolean all = body.flag(ALL);
        if (!all && !Filters.any(body, listing)) {
            throw new BadRequest(BadRequest.FILTER_REQUIRED, null, "a replay by filter needs at least one of "
                + String.join(", ", new TreeSet<>(listing.filters())) + ", or \"all\": true to replay every entry");
        }
        final boolean dryRun = body.flag(DRY_RUN);
        final BulkReplay result = listing == dlq
            ? replayer.replayDlq(filter, dryRun, body.flag(FORCE))
            : replayer.replayRejected(filter, dryRun, body.flag(FORCE), body.flag(IGNORE_TIMESTAMP));
        json(exchange, 200, new Replay.Count(result.matched(), result.replayed(), result.skipped(), result.gone(), result.forced() > 0,
            dryRun, filter.until()));
    }

    static void json(final HttpServerExchange exchange, final int status, final Object body) {
        AdminRoutes.json(exchange, status, body);
    }
}
