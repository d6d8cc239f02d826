package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.api.AdminFeature;
import io.hookgate.admin.api.AdminRoutes;
import io.hookgate.admin.api.Caller;
import io.hookgate.admin.api.JsonBody;
import io.hookgate.admin.api.QueryParameters;
import io.hookgate.admin.api.model.NewSecret;
import io.hookgate.admin.api.model.Subscription;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.json.Json;
import io.hookgate.core.subscription.LiveSubscription;
import io.hookgate.core.subscription.SubscriptionRecord.State;
import io.hookgate.core.subscription.Subscriptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions managed at run time, under {@code /admin/subscriptions}:
 * <ul>
 *   <li>{@code POST /admin/subscriptions} makes one: {@code 201} with the subscription and its
 *       {@code secret} (given, or a fresh {@code whsec_...}), answered this once; {@code id} is
 *       optional ({@code sub_} and a time-ordered id when left out);</li>
 *   <li>{@code GET /admin/subscriptions[?tenant=&source=]} lists them, {@code {"entries": [...]}},
 *       the file's first, all of them (subscriptions are few: no pages);</li>
 *   <li>{@code GET /admin/subscriptions/{id}} shows one;</li>
 *   <li>{@code PATCH /admin/subscriptions/{id}} changes one made through the API (a JSON merge
 *       patch, checked as a whole like a create); a {@code secret} given replaces every secret at once;</li>
 *   <li>{@code DELETE /admin/subscriptions/{id}} deletes one made through the API, its id taken for good: {@code 204};</li>
 *   <li>{@code POST /admin/subscriptions/{id}/secret} rotates its signing secret ({@link SecretRotation}): {@code 200 {"secret"}};</li>
 *   <li>{@code POST /admin/subscriptions/{id}/disable} and {@code /enable}: {@code 200} with the
 *       subscription in its new state; the file's too.</li>
 * </ul>
 * A subscription answered is {@link SubscriptionView}: its secrets never are. Every answer to a
 * change is given once the change is in force in this process. Failures are those of
 * {@link SubscriptionCommands} and {@link SubscriptionReader}; every one is JSON with a stable code.
 */
public final class SubscriptionApi implements AdminFeature {

    static final String BASE = "/admin/subscriptions";
    private static final String TENANT = "tenant";
    private static final String SOURCE = "source";

    private final SubscriptionCommands commands;

    /**
     * @param subscriptions the subscriptions in force in this process, following the topic that {@code store} writes
     */
    public SubscriptionApi(final HookgateConfig config, final Subscriptions subscriptions, final SubscriptionStore store, final Clock clock) {
        this.commands = new SubscriptionCommands(config, subscriptions, store, clock);
    }

    @Override
    public void addTo(final AdminRoutes routes) {
        routes.post(BASE, this::create);
        routes.get(BASE, this::list);
        routes.get(BASE + "/{id}", this::show);
        routes.patch(BASE + "/{id}", this::change);
        routes.delete(BASE + "/{id}", this::delete);
        routes.post(BASE + "/{id}/secret", this::rotate);
        routes.post(BASE + "/{id}/disable", (exchange, caller) -> state(exchange, caller, State.DISABLED));
        routes.post(BASE + "/{id}/enable", (exchange, caller) -> state(exchange, caller, State.ENABLED));
    }

    private void create(final HttpServerExchange exchange, final Caller caller) throws IOException {
        QueryParameters.of(exchange, Set.of());
        final SubscriptionCommands.Created created = commands.create(caller, body(exchange));
        // The subscription's fields, then its secret: shown this once.
        final ObjectNode answer = Json.mapper().valueToTree(SubscriptionView.of(created.subscription()));
        answer.put("secret", created.secret());
        exchange.getResponseHeaders().put(Headers.LOCATION, BASE + "/" + created.subscription().id());
        AdminRoutes.json(exchange, 201, answer);
    }

    private void list(final HttpServerExchange exchange, final Caller caller) {
        final QueryParameters query = QueryParameters.of(exchange, Set.of(TENANT, SOURCE));
        AdminRoutes.json(exchange, 200, new Subscription.Listing(commands.list(caller, Optional.ofNullable(query.text(TENANT)),
            Optional.ofNullable(query.text(SOURCE))).stream().map(SubscriptionView::of).toList()));
    }

    private void show(final HttpServerExchange exchange, final Caller caller) {
        QueryParameters.of(exchange, Set.of());
        AdminRoutes.json(exchange, 200, SubscriptionView.of(commands.show(caller, id(exchange))));
    }

    private void change(final HttpServerExchange exchange, final Caller caller) throws IOException {
        QueryParameters.of(exchange, Set.of());
        final LiveSubscription changed = commands.change(caller, id(exchange), body(exchange));
        AdminRoutes.json(exchange, 200, SubscriptionView.of(changed));
    }

    private void delete(final HttpServerExchange exchange, final Caller caller) throws IOException {
        QueryParameters.of(exchange, Set.of());
        JsonBody.read(exchange, Set.of());
        commands.delete(caller, id(exchange));
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private void rotate(final HttpServerExchange exchange, final Caller caller) throws IOException {
        QueryParameters.of(exchange, Set.of());
        final String secret = commands.rotate(caller, id(exchange), body(exchange));
        AdminRoutes.json(exchange, 200, new NewSecret(secret));
    }

    private void state(final HttpServerExchange exchange, final Caller caller, final State state) throws IOException {
        QueryParameters.of(exchange, Set.of());
        // Nothing to say beside the path: a body would be ignored, so anything but {} is refused.
        JsonBody.read(exchange, Set.of());
        AdminRoutes.json(exchange, 200, SubscriptionView.of(commands.setState(caller, id(exchange), state)));
    }

    private static ObjectNode body(final HttpServerExchange exchange) throws IOException {
        return SubscriptionReader.object(JsonBody.readBytes(exchange));
    }

    private static String id(final HttpServerExchange exchange) {
        return AdminRoutes.parameter(exchange, "id");
    }
}
