package io.hookgate.admin.internals.deliveries;

import io.hookgate.admin.api.AdminFeature;
import io.hookgate.admin.api.AdminRoutes;
import io.hookgate.admin.api.Caller;
import io.hookgate.admin.api.EntryVisibility;
import io.hookgate.admin.api.QueryParameters;
import io.hookgate.admin.api.TimeRange;
import io.hookgate.admin.api.model.Delivery;
import io.hookgate.admin.api.model.Page;
import io.hookgate.admin.internals.errors.NotFound;
import io.hookgate.admin.internals.view.DeliveryFilter;
import io.hookgate.admin.internals.view.DeliveryStore;
import io.hookgate.admin.internals.view.EntryFilter;
import io.hookgate.core.subscription.Subscriptions;
import io.hookgate.core.text.DidYouMean;
import io.undertow.server.HttpServerExchange;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The delivery log and endpoint health, behind the admin token like every route:
 * <ul>
 *   <li>{@code GET /admin/deliveries?subscription=&source=&eventId=&outcome=&since=&until=&limit=&cursor=}:
 *       {@code {"entries": [...], "nextCursor"}}, each a {@link Delivery} with its attempts, newest
 *       (last attempt) first; {@code since} and {@code until} bound the time of the last attempt;
 *       {@code eventId} (with {@code source}) finds an event's deliveries across subscriptions;
 *       {@code outcome} is {@code delivered}, {@code retrying} or {@code dead};</li>
 *   <li>{@code GET /admin/deliveries/{deliveryId}}: one delivery (its {@code webhook-id}) with its attempts;</li>
 *   <li>{@code GET /admin/subscriptions/{id}/health}: {@link EndpointHealth} over 5 minutes and 24 hours.</li>
 * </ul>
 * A tenant sees the deliveries and health of its tenant's subscriptions only; anything else answers
 * {@code 404}, as a subscription or delivery that does not exist does. Input fails closed: an unknown
 * parameter, an unknown outcome (with the one it most likely meant), a broken cursor or a limit
 * outside 1..{@value EntryFilter#MAX_LIMIT} answers {@code 400} naming it.
 */
public final class DeliveriesApi implements AdminFeature {

    static final String BASE = "/admin/deliveries";
    static final int DEFAULT_LIMIT = 100;
    private static final String SUBSCRIPTION = "subscription";
    private static final String SOURCE = "source";
    private static final String EVENT_ID = "eventId";
    private static final String OUTCOME = "outcome";
    private static final String LIMIT = "limit";
    private static final String CURSOR = "cursor";
    private static final Set<String> FILTERS = Set.of(SUBSCRIPTION, SOURCE, EVENT_ID, OUTCOME, TimeRange.SINCE, TimeRange.UNTIL, LIMIT,
        CURSOR);

    private final DeliveryStore store;
    private final Subscriptions subscriptions;
    private final EntryVisibility visibility;
    private final BreakerStates breakers;
    private final Clock clock;

    /**
     * @param subscriptions the subscriptions in force: health answers for these alone
     * @param breakers      what knows the state of each subscription's breaker
     */
    public DeliveriesApi(final DeliveryStore store, final Subscriptions subscriptions, final EntryVisibility visibility,
                         final BreakerStates breakers, final Clock clock) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.visibility = visibility;
        this.breakers = breakers;
        this.clock = clock;
    }

    @Override
    public void addTo(final AdminRoutes routes) {
        routes.get(BASE, this::list);
        routes.get(BASE + "/{deliveryId}", this::show);
        routes.get("/admin/subscriptions/{id}/health", this::health);
    }

    private void list(final HttpServerExchange exchange, final Caller caller) {
        final QueryParameters query = QueryParameters.of(exchange, FILTERS);
        final String outcome = query.text(OUTCOME);
        if (outcome != null && !Delivery.OUTCOMES.contains(outcome)) {
            throw query.invalid(OUTCOME, "unknown outcome '" + outcome + "'" + DidYouMean.hint(outcome, new TreeSet<>(Delivery.OUTCOMES)));
        }
        final TimeRange range = TimeRange.read(query, null);
        final BiPredicate<String, String> seen = visibility.deliveries(caller);
        final Page<Delivery> page = store.list(new DeliveryFilter(query.text(SUBSCRIPTION), query.text(SOURCE), query.text(EVENT_ID), outcome,
            range.since(), range.until(), query.integer(LIMIT, DEFAULT_LIMIT, 1, EntryFilter.MAX_LIMIT), query.text(CURSOR),
            delivery -> seen.test(delivery.subscription(), delivery.source())));
        AdminRoutes.json(exchange, 200, page);
    }

    private void show(final HttpServerExchange exchange, final Caller caller) {
        QueryParameters.of(exchange, Set.of());
        final String id = AdminRoutes.parameter(exchange, "deliveryId");
        final BiPredicate<String, String> seen = visibility.deliveries(caller);
        AdminRoutes.json(exchange, 200, store.get(id).filter(delivery -> seen.test(delivery.subscription(), delivery.source()))
            .orElseThrow(() -> new NotFound("no delivery " + id)));
    }

    private void health(final HttpServerExchange exchange, final Caller caller) {
        QueryParameters.of(exchange, Set.of());
        final String id = AdminRoutes.parameter(exchange, "id");
        if (subscriptions.find(id).isEmpty() || !visibility.subscriptions(caller).test(id)) {
            throw new NotFound("no subscription " + id);
        }
        AdminRoutes.json(exchange, 200, EndpointHealth.of(store, breakers, id, clock.instant()));
    }
}
