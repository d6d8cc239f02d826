package io.hookgate.ingress;

import io.hookgate.core.config.SourceConfig;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A source's allow-lists: a client address outside its {@code allowedIps} answers {@code 403
 * ip_not_allowed}, a User-Agent matching none of its {@code allowedUserAgents} {@code 403
 * user_agent_not_allowed}. An empty list allows everyone.
 */
final class AllowList implements HttpHandler {

    private final HttpHandler next;
    private final EdgeAnswers answers;
    private final Map<String, UserAgents> userAgents;

    AllowList(final HttpHandler next, final EdgeAnswers answers, final Collection<SourceConfig> sources) {
        this.next = next;
        this.answers = answers;
        this.userAgents = sources.stream().collect(Collectors.toMap(SourceConfig::id, source -> UserAgents.of(source.allowedUserAgents())));
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception {
        final Arrival arrival = Arrival.of(exchange);
        final SourceConfig source = arrival.source().orElseThrow();
        if (!source.allowedIps().isEmpty() && source.allowedIps().stream().noneMatch(block -> block.contains(arrival.client()))) {
            answers.refuse(exchange, 403, "ip_not_allowed", "client address not allowed for this source");
            return;
        }
        if (!userAgents.get(source.id()).allows(SourceRoute.values(exchange.getRequestHeaders().get(Headers.USER_AGENT)))) {
            answers.refuse(exchange, 403, "user_agent_not_allowed", "User-Agent not allowed for this source");
            return;
        }
        next.handleRequest(exchange);
    }
}
