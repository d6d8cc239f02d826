package io.hookgate.ingress;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.time.Ticker;
import io.hookgate.providers.SourceSchemes;
import io.hookgate.providers.spi.SourceScheme;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.PathTemplateMatch;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The first link of {@code /webhooks/{source}}: starts the request's trace, resolves the client
 * address (through trusted proxies), attaches the {@link Arrival}, and answers {@code 404
 * unknown_source} for a source that is not configured.
 */
final class SourceRoute implements HttpHandler {

    private final HttpHandler next;
    private final HookgateConfig config;
    private final SourceSchemes schemes;
    private final ClientAddresses clientAddresses;
    private final IngressTracing tracing;
    private final EdgeAnswers answers;
    private final Ticker ticker;

    SourceRoute(final HttpHandler next, final HookgateConfig config, final SourceSchemes schemes, final ClientAddresses clientAddresses,
                final IngressTracing tracing, final EdgeAnswers answers, final Ticker ticker) {
        this.next = next;
        this.config = config;
        this.schemes = schemes;
        this.clientAddresses = clientAddresses;
        this.tracing = tracing;
        this.answers = answers;
        this.ticker = ticker;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception {
        final long started = ticker.read();
        final String sourceId = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("source");
        // The root of this webhook's trace (or the provider's trace continued), ended with the exchange.
        tracing.start(exchange, sourceId);
        final InetAddress client = clientAddresses.resolve(exchange.getSourceAddress().getAddress(),
            values(exchange.getRequestHeaders().get("X-Forwarded-For")));
        final Optional<SourceConfig> source = config.source(sourceId);
        final Optional<SourceScheme> scheme = schemes.forSource(sourceId);
        final boolean known = source.isPresent() && scheme.isPresent();
        final Arrival arrival = new Arrival(started, sourceId, known ? source.get() : null, known ? scheme.get() : null, client);
        arrival.attachTo(exchange);
        if (!known) {
            // The path is the sender's: logged (cleaned) to tell a misconfigured provider from a scanner, never a metric tag.
            arrival.detail("path=" + exchange.getRequestPath());
            answers.refuse(exchange, 404, "unknown_source", "no source '" + sourceId + "' is configured");
            return;
        }
        next.handleRequest(exchange);
    }

    static List<String> values(final HeaderValues values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
