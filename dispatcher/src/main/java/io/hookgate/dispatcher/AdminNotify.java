package io.hookgate.dispatcher;

import io.hookgate.core.delivery.OperationalEvent;
import io.hookgate.core.json.Json;
import io.hookgate.dispatcher.internals.http.DeliveryClient;
import io.hookgate.dispatcher.internals.http.HttpOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts each operational event to {@code admin.notifyUrl}, signed like any delivery (Standard
 * Webhooks headers under {@code admin.notifySecret}, the event's id as {@code webhook-id}, a fresh
 * signature for every try). Best effort on top of the topic, which has every event: a post that
 * fails is tried again after {@link #RETRIES}, then given up with an error logged. The URL is the
 * operator's own, so it is posted to without the address guard of subscriptions.
 */
final class AdminNotify {

    private static final Logger LOG = LoggerFactory.getLogger(AdminNotify.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The waits before each further try of a post that failed. */
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

    private final URI url;
    private final String secret;
    private final DeliveryClient client;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    AdminNotify(final URI url, final String secret, final DeliveryClient client, final ScheduledExecutorService timer, final Clock clock) {
        this.url = url;
        this.secret = secret;
        this.client = client;
        this.timer = timer;
        this.clock = clock;
    }

    /** Posts {@code event}, trying again on failure; returns at once. */
    void post(final OperationalEvent event) {
        attempt(event, Json.write(event), 0);
    }

    private void attempt(final OperationalEvent event, final byte[] body, final int retried) {
        client.post(url, TIMEOUT, true, OutboundSigner.headers(List.of(secret), event.id(), body, clock.instant()), body)
            .thenAccept(outcome -> {
                if (outcome.status() >= 200 && outcome.status() < 300) {
                    return;
                }
                if (retried >= RETRIES.size()) {
                    LOG.error("Gave up posting operational event id={} type={} subscription={} to admin.notifyUrl after {} tries: {}",
                        event.id(), event.type().code(), event.subscription(), retried + 1, describe(outcome));
                    return;
                }
                LOG.warn("Posting operational event id={} to admin.notifyUrl failed ({}); trying again in {}s", event.id(), describe(outcome),
                    RETRIES.get(retried).toSeconds());
                try {
                    timer.schedule(() -> attempt(event, body, retried + 1), RETRIES.get(retried).toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    LOG.warn("Dispatcher stopping: operational event id={} not posted to admin.notifyUrl (it is in the topic)", event.id());
                }
            });
    }

    private static String describe(final HttpOutcome outcome) {
        return outcome.status() > 0 ? "answered " + outcome.status() : outcome.error();
    }
}
