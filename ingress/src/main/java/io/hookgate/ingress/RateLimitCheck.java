package io.hookgate.ingress;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.time.Duration;
import java.util.Optional;

/**
 * The rate limits of the client address, the source and its tenant ({@link RateLimits}): over one,
 * {@code 429 rate_limited} with {@code Retry-After} in whole seconds, at least 1.
 */
final class RateLimitCheck implements HttpHandler {

    private final HttpHandler next;
    private final EdgeAnswers answers;
    private final RateLimits rateLimits;

    RateLimitCheck(final HttpHandler next, final EdgeAnswers answers, final RateLimits rateLimits) {
        this.next = next;
        this.answers = answers;
        this.rateLimits = rateLimits;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception {
        final Arrival arrival = Arrival.of(exchange);
        final Optional<Duration> wait = rateLimits.check(arrival.source().orElseThrow().id(), arrival.client());
        if (wait.isPresent()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
            answers.refuse(exchange, 429, "rate_limited", "too many requests; retry later");
            return;
        }
        next.handleRequest(exchange);
    }
}
