package io.hookgate.ingress;

import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.id.TimeOrderedIds;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.core.request.RawRequest;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body without blocking, within the source's {@code maxBodyBytes} ({@code 413
 * payload_too_large}, announced or counted), the memory budget of all bodies being received ({@code
 * 503 ingress_busy}) and the whole-body deadline ({@code 408 body_timeout}); then hands the request,
 * as it will be stored, to the next link.
 */
final class BodyLimit implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BodyLimit.class);

    private final HttpHandler next;
    private final EdgeAnswers answers;
    private final BodyBudget bodyBudget;
    private final TimeOrderedIds ids;
    private final Clock clock;

    BodyLimit(final HttpHandler next, final EdgeAnswers answers, final BodyBudget bodyBudget, final Clock clock) {
        this.next = next;
        this.answers = answers;
        this.bodyBudget = bodyBudget;
        this.ids = new TimeOrderedIds(clock);
        this.clock = clock;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) {
        final Arrival arrival = Arrival.of(exchange);
        final int maxBody = arrival.source().orElseThrow().maxBodyBytes();
        if (exchange.getRequestContentLength() > maxBody) {
            tooLarge(exchange, maxBody);
            return;
        }
        if (bodyBudget.isFull()) {
            answers.busy(exchange);
            return;
        }
        final Instant receivedAt = clock.instant();
        BodyReader.read(exchange, maxBody, bodyBudget, BodyDeadline.of(exchange), new BodyReader.Outcome() {
            @Override
            public void received(final HttpServerExchange ex, final byte[] body) {
                arrival.request(request(ex, arrival.source().orElseThrow(), arrival, receivedAt, body));
                handOn(ex);
            }

            @Override
            public void refused(final HttpServerExchange ex, final BodyReader.Refusal refusal, final IOException cause) {
                onRefused(ex, refusal, cause, maxBody);
            }
        });
    }

    /** Called back by the body reader: a failure of a later link is answered here, since no Undertow frame is left to. */
    private void handOn(final HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            LOG.error("Ingress failed on a received request source={} ingressId={}", Arrival.of(exchange).metricSource(),
                Arrival.of(exchange).request().ingressId(), e);
            answers.refuse(exchange, 500, "internal_error", "the request could not be handled");
        }
    }

    private RawRequest request(final HttpServerExchange exchange, final SourceConfig source, final Arrival arrival, final Instant receivedAt,
                               final byte[] body) {
        return new RawRequest(ids.next(), source.id(), receivedAt, arrival.client().getHostAddress(),
            exchange.getRequestMethod().toString(), exchange.getQueryString(), headers(exchange), body);
    }

    private void tooLarge(final HttpServerExchange exchange, final int maxBody) {
        answers.refuse(exchange, 413, "payload_too_large", "body larger than " + maxBody + " bytes");
    }

    private void onRefused(final HttpServerExchange exchange, final BodyReader.Refusal refusal, final IOException cause, final int maxBody) {
        switch (refusal) {
            case TOO_LARGE -> tooLarge(exchange, maxBody);
            // Undertow drains the rest of the body (no memory held) until the body deadline.
            case BUSY -> answers.busy(exchange);
            case TIMED_OUT -> {
                // The sender is too slow to be worth reading further: answer, then close the connection.
                exchange.setPersistent(false);
                answers.refuse(exchange, 408, "body_timeout", "the request body did not arrive within "
                    + BodyDeadline.of(exchange).timeout().toMillis() + " ms");
            }
            case UNREADABLE -> {
                // The client went away or sent a broken body; most likely nobody reads the answer, and nothing was stored.
                LOG.debug("Body read failed source={}: {}", Arrival.of(exchange).metricSource(), String.valueOf(cause));
                exchange.setPersistent(false);
                answers.refuse(exchange, 400, "bad_request", "the request body could not be read");
            }
        }
    }

    private static HttpHeaders headers(final HttpServerExchange exchange) {
        final List<HttpHeaders.Header> headers = new ArrayList<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            for (String value : values) {
                headers.add(new HttpHeaders.Header(values.getHeaderName().toString(), value));
            }
        }
        return HttpHeaders.of(headers);
    }
}
