package io.hookgate.ingress;

import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.time.Ticker;
import io.hookgate.providers.spi.HttpReply;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.time.Duration;

/**
 * How every handler of the ingress's chain answers: a JSON error with a stable code or the scheme's
 * reply, counted by source and status with the time since the request arrived; a refusal of the
 * client's request (4xx) is also a security event ({@link SecurityLog}) and marks the trace.
 */
final class EdgeAnswers {

    private final IngressMetrics metrics;
    private final SecurityLog securityLog;
    private final Ticker ticker;

    EdgeAnswers(final IngressMetrics metrics, final SecurityLog securityLog, final Ticker ticker) {
        this.metrics = metrics;
        this.securityLog = securityLog;
        this.ticker = ticker;
    }

    /** Answers {@code reply} (a success, or a handshake's answer). */
    void reply(final HttpServerExchange exchange, final HttpReply reply) {
        final Arrival arrival = Arrival.of(exchange);
        Replies.send(exchange, reply.status(), reply.contentType(), reply.body());
        metrics.answered(arrival.metricSource(), reply.status(), since(arrival));
    }

    /** Answers a JSON error; a 4xx is logged (at a bounded rate) and counted as a security event. */
    void refuse(final HttpServerExchange exchange, final int status, final String code, final String message) {
        final Arrival arrival = Arrival.of(exchange);
        IngressTracing.refused(exchange, code);
        if (status < 500) {
            // A refusal of the client's request (a 503 is ours: Kafka, memory; it shows in the metrics), counted before it is answered.
            securityLog.refused(arrival.metricSource(), arrival.client().getHostAddress(),
                exchange.getRequestHeaders().getFirst(Headers.USER_AGENT), status, code, arrival.detail());
        }
        Replies.error(exchange, status, code, message);
        metrics.answered(arrival.metricSource(), status, since(arrival));
    }

    /** The budget of buffered body bytes is spent: refuse now, the provider retries later. */
    void busy(final HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "2");
        refuse(exchange, 503, "ingress_busy", "the ingress is receiving too much at once; retry later");
    }

    /** Kafka did not store the request (or is not keeping up): the provider retries later. */
    void unavailable(final HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
        refuse(exchange, 503, "kafka_unavailable", "the request could not be stored; retry later");
    }

    private Duration since(final Arrival arrival) {
        return Duration.ofNanos(ticker.read() - arrival.startedNanos());
    }
}
