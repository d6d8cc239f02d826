package io.hookgate.ingress;

import io.hookgate.core.request.RawRequest;
import io.hookgate.providers.spi.HttpReply;
import io.hookgate.providers.spi.SourceScheme;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The last link: stores the request in {@code ingress.raw} and answers {@code 200} (or the scheme's
 * acknowledgement) only once Kafka acknowledged it, {@code 503 kafka_unavailable} with {@code
 * Retry-After} when it did not in time or is not keeping up ({@link KafkaBackpressure}). Sends on
 * the IO thread: the producer never blocks ({@code max.block.ms=0}), and its delivery timeout is
 * {@code ingress.kafkaTimeout}, so the callback always answers within it.
 */
final class StoreRequest implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRequest.class);

    private final RawRequestStore store;
    private final KafkaBackpressure backpressure;
    private final EdgeAnswers answers;

    StoreRequest(final RawRequestStore store, final KafkaBackpressure backpressure, final EdgeAnswers answers) {
        this.store = store;
        this.backpressure = backpressure;
        this.answers = answers;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) {
        final Arrival arrival = Arrival.of(exchange);
        final RawRequest request = arrival.request();
        if (!backpressure.tryAcquire(request.body().length)) {
            // Kafka is not keeping up: refuse now rather than queue; the provider retries later.
            answers.unavailable(exchange);
            return;
        }
        // Keep the exchange open after the handler returns: the producer callback answers.
        exchange.dispatch();
        store.write(request, dedupKeyHint(arrival.scheme(), request), IngressTracing.context(exchange)).whenComplete((ignored, error) -> {
            backpressure.release(request.body().length, error == null);
            if (error != null) {
                LOG.warn("Kafka refused source={} ingressId={}: {}", request.source(), request.ingressId(), error.toString());
                exchange.getIoThread().execute(() -> answers.unavailable(exchange));
                return;
            }
            // Ingress ids are UUIDs: no escaping needed.
            final HttpReply reply = arrival.scheme().acknowledgement()
                .orElseGet(() -> HttpReply.json("{\"status\":\"accepted\",\"ingressId\":\"" + request.ingressId() + "\"}"));
            exchange.getIoThread().execute(() -> answers.reply(exchange, reply));
        });
    }

    /** A hint is an optimisation: a scheme that fails to give one costs a repartition, never the request. */
    private static Optional<String> dedupKeyHint(final SourceScheme scheme, final RawRequest request) {
        try {
            return scheme.dedupKeyHint(request);
        } catch (RuntimeException e) {
            LOG.debug("No dedup key hint source={} ingressId={}: {}", request.source(), request.ingressId(), e.toString());
            return Optional.empty();
        }
    }
}
