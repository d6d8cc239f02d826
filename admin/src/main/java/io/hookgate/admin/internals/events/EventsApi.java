package io.hookgate.admin.internals.events;

import io.hookgate.admin.api.AdminApi;
import io.hookgate.admin.api.AdminFeature;
import io.hookgate.admin.api.AdminRoutes;
import io.hookgate.admin.api.Caller;
import io.hookgate.admin.api.EntryVisibility;
import io.hookgate.admin.api.QueryParameters;
import io.hookgate.admin.api.model.EventDetail;
import io.hookgate.admin.internals.errors.NotFound;
import io.hookgate.admin.internals.view.DeliveryFilter;
import io.hookgate.admin.internals.view.DeliveryStore;
import io.hookgate.admin.internals.view.EntryFilter;
import io.hookgate.admin.internals.view.EntryStore;
import io.undertow.server.HttpServerExchange;

import java.util.Set;
import java.util.function.BiPredicate;

/**
 * {@code GET /admin/events/{source}/{eventId}}, behind the admin token like every route: one
 * verified event, {@code {"source", "eventId", "envelope", "request", "deliveries", "dlq"}}, where
 * {@code envelope} is the verified envelope as {@code verified.{source}} holds it (its payload the
 * provider's JSON, byte for byte), {@code request} the raw request that carried it
 * ({@link EventRequest}: credentials redacted, as in a rejected entry), {@code deliveries} its
 * deliveries as {@code /admin/deliveries} lists them and {@code dlq} its DLQ entries as
 * {@code /admin/dlq} lists them (first {@value EntryFilter#MAX_LIMIT} of each).
 *
 * <p>An event the admin index never saw (not verified, not yet indexed, or older than the verified
 * topic's retention) answers {@code 404 event_not_found}; so does an event of a source of another
 * tenant, to a tenant, and a tenant sees only its own deliveries and DLQ entries of it. An envelope
 * Kafka no longer holds answers {@code 410 original_gone}; no parameter is accepted.
 */
public final class EventsApi implements AdminFeature {

    static final String PATH = "/admin/events/{source}/{eventId}";
    /** The stable code of an event the admin index does not know (or the caller may not see). */
    public static final String NOT_FOUND = "event_not_found";

    private final EventReader reader;
    private final DeliveryStore deliveries;
    private final EntryStore dlq;
    private final EntryVisibility visibility;

    /** @param deliveries the delivery log: the event's deliveries, and how the redelivery of a replayed DLQ entry went */
    public EventsApi(final EventReader reader, final DeliveryStore deliveries, final EntryStore dlq, final EntryVisibility visibility) {
        this.reader = reader;
        this.deliveries = deliveries;
        this.dlq = dlq;
        this.visibility = visibility;
    }

    @Override
    public void addTo(final AdminRoutes routes) {
        routes.get(PATH, this::show);
    }

    private void show(final HttpServerExchange exchange, final Caller caller) {
        QueryParameters.of(exchange, Set.of());
        final String source = AdminRoutes.parameter(exchange, "source");
        final String eventId = AdminRoutes.parameter(exchange, "eventId");
        final NotFound notFound = new NotFound(NOT_FOUND, "the admin index knows no event " + eventId + " of source " + source);
        if (!visibility.sources(caller).test(source)) {
            // Checked before anything is read: another tenant's event is not even looked for.
            throw notFound;
        }
        final FoundEvent found = reader.read(source, eventId).orElseThrow(() -> notFound);
        final BiPredicate<String, String> seen = visibility.deliveries(caller);
        AdminRoutes.json(exchange, 200, new EventDetail(source, eventId, found.event().envelope(), found.request(),
            deliveries.list(new DeliveryFilter(null, source, eventId, null, null, null, EntryFilter.MAX_LIMIT, null,
                delivery -> seen.test(delivery.subscription(), delivery.source()))).entries(),
            dlq.list(new EntryFilter(null, source, null, eventId, null, null, EntryFilter.MAX_LIMIT, null).within(visibility.dlq(caller)))
                .entries().stream().map(entry -> AdminApi.withRedelivery(entry, deliveries)).toList()));
    }
}
