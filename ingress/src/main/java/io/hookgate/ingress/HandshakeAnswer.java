package io.hookgate.ingress;

import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.HttpReply;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Answers a provider's handshake (a URL verification challenge, a CRC check) as its scheme says,
 * without storing it; any other request goes on to be stored.
 */
final class HandshakeAnswer implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeAnswer.class);

    private final HttpHandler next;
    private final EdgeAnswers answers;

    HandshakeAnswer(final HttpHandler next, final EdgeAnswers answers) {
        this.next = next;
        this.answers = answers;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception {
        final Arrival arrival = Arrival.of(exchange);
        final RawRequest request = arrival.request();
        IngressTracing.span(exchange).setAttribute(IngressTracing.INGRESS_ID, request.ingressId())
            .setAttribute(IngressTracing.CLIENT, request.clientAddress());
        final Optional<HttpReply> handshake = arrival.scheme().handshake(request);
        if (handshake.isPresent()) {
            LOG.info("Answered handshake source={} ingressId={}", request.source(), request.ingressId());
            answers.reply(exchange, handshake.get());
            return;
        }
        next.handleRequest(exchange);
    }
}
