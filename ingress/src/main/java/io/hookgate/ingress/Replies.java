package io.hookgate.ingress;

import io.hookgate.core.json.ErrorBody;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/** Writes the ingress's answers: JSON errors with a stable code, and success bodies. */
final class Replies {

    private Replies() {
    }

    static void error(final HttpServerExchange exchange, final int status, final String code, final String message) {
        send(exchange, status, "application/json", ErrorBody.json(code, message));
    }

    static void send(final HttpServerExchange exchange, final int status, final String contentType, final String body) {
        if (exchange.isResponseStarted()) {
            return;
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(HttpString.tryFromString("Cache-Control"), "no-store");
        exchange.getResponseSender().send(body);
    }
}
