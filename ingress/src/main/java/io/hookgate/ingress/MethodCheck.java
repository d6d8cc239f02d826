package io.hookgate.ingress;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/** Webhooks are POSTed: any other method answers {@code 405 method_not_allowed} with {@code Allow: POST}. */
final class MethodCheck implements HttpHandler {

    private final HttpHandler next;
    private final EdgeAnswers answers;

    MethodCheck(final HttpHandler next, final EdgeAnswers answers) {
        this.next = next;
        this.answers = answers;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception {
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            Arrival.of(exchange).detail("method=" + exchange.getRequestMethod());
            answers.refuse(exchange, 405, "method_not_allowed", "use POST");
            return;
        }
        next.handleRequest(exchange);
    }
}
