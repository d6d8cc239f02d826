package io.hookgate.admin;

import io.hookgate.admin.api.AdminApi;
import io.hookgate.admin.internals.console.ConsoleAssets;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.health.Readiness;
import io.hookgate.core.json.ErrorBody;
import io.hookgate.core.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin port of a hookgate process: {@code /healthz} (the process is up), {@code /readyz}
 * (200 only when every part is ready: Kafka reachable, Streams RUNNING, ...) and
 * {@code /metrics} in Prometheus format; in a process that runs the admin part, the operators'
 * {@link AdminApi} too, and the operator console over it ({@link ConsoleAssets}, at {@code /console}).
 * Elsewhere an {@code /admin/*} or {@code /console} request answers {@code 404 admin_api_elsewhere}:
 * they are served by the admin part ({@code hookgate admin}, or {@code hookgate dev}).
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final AdminSettings settings;
    private final PrometheusMeterRegistry registry;
    private final List<Readiness> parts;
    private final AdminApi api;
    private Undertow server;
    private int port;

    /**
     * @param api the operators' API, or null when this process does not run the admin part (health and
     *            metrics are served either way)
     */
    public AdminServer(final AdminSettings settings, final PrometheusMeterRegistry registry, final List<Readiness> parts, final AdminApi api) {
        this.settings = settings;
        this.registry = registry;
        this.parts = List.copyOf(parts);
        this.api = api;
    }

    /** @throws IllegalStateException naming the port when it is taken */
    public synchronized void start() {
        // Path parameters stay out of the query, which the admin API checks name by name.
        final RoutingHandler routes = new RoutingHandler(false)
            .get("/healthz", exchange -> json(exchange, 200, Json.writeString(Map.of("status", "up"))))
            .get("/readyz", this::ready)
            .get("/metrics", exchange -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                exchange.getResponseSender().send(registry.scrape());
            })
            .setFallbackHandler(exchange -> json(exchange, 404, api == null && (exchange.getRequestPath().startsWith("/admin")
                    || exchange.getRequestPath().startsWith(ConsoleAssets.PATH))
                ? ErrorBody.json("admin_api_elsewhere",
                    "this process does not run the admin part: the admin API and console are served by hookgate admin (or hookgate dev)")
                : ErrorBody.json("not_found", "no such admin path")))
            .setInvalidMethodHandler(exchange -> json(exchange, 405, ErrorBody.json("method_not_allowed", "method not allowed")));
        HttpHandler handler = routes;
        if (api != null) {
            api.addTo(routes);
            handler = Handlers.path(routes).addPrefixPath(ConsoleAssets.PATH, new ConsoleAssets());
        }
        final HttpHandler served = handler;
        server = Undertow.builder().addHttpListener(settings.port(), settings.host()).setHandler(exchange -> {
            // Probes can block on Kafka for a moment: keep them off the IO threads.
            if (exchange.isInIoThread()) {
                exchange.dispatch(served);
            } else {
                served.handleRequest(exchange);
            }
        }).build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server = null;
            throw new IllegalStateException("admin server cannot listen on " + settings.host() + ":" + settings.port()
                + " (is the port in use?): " + e.getMessage(), e);
        }
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        LOG.info("Admin server listening on {}:{}", settings.host(), port);
    }

    public int port() {
        return port;
    }

    /**
     * {@code {"status": "ready"|"not_ready", "checks": {name: "ready"|reason}}}, and {@code "details":
     * {name: {...}}} for the checks that have some (warnings that do not make the process unready).
     */
    private void ready(final HttpServerExchange exchange) {
        final Map<String, String> checks = new LinkedHashMap<>();
        final Map<String, Object> details = new LinkedHashMap<>();
        boolean ready = true;
        for (Readiness part : parts) {
            final String reason = part.notReadyReason();
            checks.put(part.name(), reason == null ? "ready" : reason);
            ready &= reason == null;
            final Map<String, Object> more = part.details();
            if (!more.isEmpty()) {
                details.put(part.name(), more);
            }
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("checks", checks);
        if (!details.isEmpty()) {
            body.put("details", details);
        }
        json(exchange, ready ? 200 : 503, Json.writeString(body));
    }

    private static void json(final HttpServerExchange exchange, final int status, final String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(body);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
