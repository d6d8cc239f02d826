package io.hookgate.admin.api;

import io.hookgate.admin.internals.errors.ErrorAnswers;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.json.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Around every admin route: gives the request an id (answered as {@code X-Request-Id}) and turns
 * whatever the route throws into its answer through {@link ErrorAnswers}, the one mapping. An
 * unexpected failure is logged with its stack trace and the request id, which the answer names.
 */
final class ErrorHandling implements HttpHandler {

    static final HttpString REQUEST_ID = new HttpString("X-Request-Id");
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private final HttpHandler next;
    private final TimeOrderedIds ids;

    ErrorHandling(final HttpHandler next, final TimeOrderedIds ids) {
        this.next = next;
        this.ids = ids;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) {
        final String requestId = "req_" + ids.next();
        exchange.getResponseHeaders().put(REQUEST_ID, requestId);
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            answer(exchange, requestId, e);
        }
    }

    private static void answer(final HttpServerExchange exchange, final String requestId, final Exception thrown) {
        final ErrorAnswers.Answer answer = ErrorAnswers.of(thrown, requestId);
        if (answer.internal()) {
            LOG.error("Admin request {} {} failed (request {})", exchange.getRequestMethod(), exchange.getRequestPath(), requestId, thrown);
        } else if (answer.status() >= 500) {
            LOG.warn("Admin request {} {} answered {} {} (request {}): {}", exchange.getRequestMethod(), exchange.getRequestPath(),
                answer.status(), answer.error(), requestId, thrown.getMessage());
        }
        if (exchange.isResponseStarted()) {
            // Part of an answer is out: nothing valid can follow, so end the exchange as it is.
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(answer.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        if (answer.retryAfterSeconds() > 0) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Integer.toString(answer.retryAfterSeconds()));
        }
        if (answer.status() == 401) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        }
        exchange.getResponseSender().send(Json.writeString(answer.body()));
    }
}
