package io.hookgate.providers.stripe;

import io.hookgate.providers.crypto.Hmac;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sample Stripe events, shaped like the events Stripe sends (an {@code event} object wrapping its {@code data.object}). */
final class StripeSamples {

    static final List<String> TYPES = List.of("payment_intent.succeeded", "invoice.paid", "charge.refunded", "customer.created");

    private StripeSamples() {
    }

    /** A fresh event of {@code type}: a new {@code evt_} id at each call. */
    static byte[] body(final String type, final Instant now) {
        final String object = switch (type) {
            case "payment_intent.succeeded" -> "{\"id\":\"pi_3hookgate\",\"object\":\"payment_intent\",\"amount\":2000,\"currency\":\"usd\","
                + "\"status\":\"succeeded\"}";
            case "charge.refunded" -> "{\"id\":\"ch_3hookgate\",\"object\":\"charge\",\"amount\":2000,\"amount_refunded\":2000,"
                + "\"refunded\":true}";
            case "customer.created" -> "{\"id\":\"cus_hookgate\",\"object\":\"customer\",\"email\":\"jenny@example.com\"}";
            default -> "{\"id\":\"in_1hookgate\",\"object\":\"invoice\",\"amount_paid\":2000,\"status\":\"paid\"}";
        };
        return Hmac.utf8("{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)
            + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"type\":\"" + type + "\",\"created\":" + now.getEpochSecond()
            + ",\"livemode\":false,\"data\":{\"object\":" + object + "}}");
    }
}
