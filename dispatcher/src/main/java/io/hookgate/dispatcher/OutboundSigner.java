package io.hookgate.dispatcher;

import io.hookgate.core.config.SubscriptionConfig;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;

import java.time.Instant;
import java.util.List;

/**
 * The Standard Webhooks headers of one attempt: the delivery's stable {@code webhook-id}, and a
 * {@code webhook-timestamp} and {@code webhook-signature} made afresh for this attempt, with one
 * {@code v1,} signature per secret of the subscription.
 */
final class OutboundSigner {

    private OutboundSigner() {
    }

    static HttpHeaders headers(final SubscriptionConfig subscription, final String deliveryId, final byte[] body, final Instant now) {
        return headers(subscription.secrets(), deliveryId, body, now);
    }

    /** The headers of a post signed by {@code secrets}, current first: a delivery's, or an operational event's to admin.notifyUrl. */
    static HttpHeaders headers(final List<String> secrets, final String deliveryId, final byte[] body, final Instant now) {
        final long timestamp = now.getEpochSecond();
        return HttpHeaders.empty()
            .with("webhook-id", deliveryId)
            .with("webhook-timestamp", Long.toString(timestamp))
            .with("webhook-signature", StandardWebhooksSigner.header(secrets, deliveryId, timestamp, body));
    }
}
