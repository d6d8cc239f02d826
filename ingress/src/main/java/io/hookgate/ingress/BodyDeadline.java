package io.hookgate.ingress;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The whole-body deadline of one request ({@code ingress.bodyReadTimeout}). Undertow's read timeout
 * counts idle time between reads, so a sender that trickles a byte now and then would hold its
 * connection, and whatever it has sent, for ever. When the deadline passes and the body is still
 * not in: the expiry action runs while nothing was answered yet (the body reader answers 408), and
 * otherwise (answered early, Undertow still draining the unread body) the connection is closed.
 * A request whose body is in, waiting for Kafka, is left alone. Cancelled when the exchange ends.
 */
final class BodyDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);
    private static final AttachmentKey<BodyDeadline> KEY = AttachmentKey.create(BodyDeadline.class);

    private final HttpServerExchange exchange;
    private final Duration timeout;
    private BooleanSupplier onExpiry;

    private BodyDeadline(final HttpServerExchange exchange, final Duration timeout) {
        this.exchange = exchange;
        this.timeout = timeout;
    }

    /** Wraps {@code next}: every request gets its deadline as it starts, whatever it is routed to. */
    static HttpHandler around(final HttpHandler next, final Duration timeout) {
        return exchange -> {
            exchange.putAttachment(KEY, start(exchange, timeout));
            next.handleRequest(exchange);
        };
    }

    /** The deadline {@link #around} gave {@code exchange}. */
    static BodyDeadline of(final HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    private static BodyDeadline start(final HttpServerExchange exchange, final Duration timeout) {
        final BodyDeadline deadline = new BodyDeadline(exchange, timeout);
        final XnioExecutor.Key key = exchange.getIoThread().executeAfter(deadline::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        exchange.addExchangeCompleteListener((done, next) -> {
            key.remove();
            next.proceed();
        });
        return deadline;
    }

    /**
     * What to do at expiry while nothing was answered yet, on the exchange's IO thread: true when the
     * action answered; when it did not, the connection is closed.
     */
    void onExpiry(final BooleanSupplier action) {
        this.onExpiry = action;
    }

    Duration timeout() {
        return timeout;
    }

    private void expire() {
        if (exchange.isRequestComplete()) {
            return;
        }
        if (exchange.isResponseStarted() || onExpiry == null || !onExpiry.getAsBoolean()) {
            LOG.debug("Closing a connection whose request body did not end within {} ms", timeout.toMillis());
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
