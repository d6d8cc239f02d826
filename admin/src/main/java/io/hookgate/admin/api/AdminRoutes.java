package io.hookgate.admin.api;

import io.hookgate.admin.internals.errors.Unauthorized;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.json.Json;
import io.hookgate.core.logging.SecurityLog;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatch;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the admin API's routes are added: each behind the bearer token (the {@link Caller} it names
 * is handed to the route), each failure answered by {@link ErrorHandling}, and each recorded, so
 * that the route table can be compared with the published OpenAPI document.
 */
public final class AdminRoutes {

    /** One route's work, for a caller whose token was accepted. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpServerExchange exchange, Caller caller) throws Exception;
    }

    private final RoutingHandler routes;
    private final BearerAuth auth;
    private final SecurityLog securityLog;
    private final TimeOrderedIds ids;
    private final Set<String> table = new TreeSet<>();

    AdminRoutes(final RoutingHandler routes, final BearerAuth auth, final SecurityLog securityLog, final TimeOrderedIds ids) {
        this.routes = routes;
        this.auth = auth;
        this.securityLog = securityLog;
        this.ids = ids;
    }

    public AdminRoutes get(final String template, final Handler handler) {
        return add(Methods.GET, template, handler);
    }

    public AdminRoutes post(final String template, final Handler handler) {
        return add(Methods.POST, template, handler);
    }

    public AdminRoutes patch(final String template, final Handler handler) {
        return add(Methods.PATCH, template, handler);
    }

    public AdminRoutes delete(final String template, final Handler handler) {
        return add(Methods.DELETE, template, handler);
    }

    /** Adds {@code handler} at {@code method} and {@code template} ({@code /admin/x/{id}}). */
    public AdminRoutes add(final HttpString method, final String template, final Handler handler) {
        if (!table.add(method + " " + template)) {
            throw new IllegalArgumentException("route added twice: " + method + " " + template);
        }
        routes.add(method, template, new ErrorHandling(exchange -> {
            final String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            final Caller caller = auth.caller(authorization).orElseThrow(() -> refused(exchange));
            handler.handle(exchange, caller);
        }, ids));
        return this;
    }

    private Unauthorized refused(final HttpServerExchange exchange) {
        if (securityLog != null) {
            securityLog.refused("admin", exchange.getSourceAddress().getAddress().getHostAddress(),
                exchange.getRequestHeaders().getFirst(Headers.USER_AGENT), 401, "unauthorized",
                exchange.getRequestMethod() + " " + exchange.getRequestPath());
        }
        return new Unauthorized();
    }

    /** The routes added so far, each as {@code METHOD /template}, sorted. */
    public Set<String> table() {
        return Collections.unmodifiableSet(table);
    }

    /** The path parameter {@code name} of the route that matched. */
    public static String parameter(final HttpServerExchange exchange, final String name) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
    }

    /** Answers {@code body} as JSON with {@code status}. */
    public static void json(final HttpServerExchange exchange, final int status, final Object body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(Json.writeString(body));
    }
}
