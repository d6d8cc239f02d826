package io.hookgate.providers.standardwebhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Sample Standard Webhooks events: {@code type}, {@code timestamp} and {@code data}, as the specification's examples are shaped. */
final class StandardWebhooksSamples {

    static final List<String> TYPES = List.of("hookgate.test", "user.created", "invoice.paid", "order.shipped");

    private StandardWebhooksSamples() {
    }

    static byte[] body(final String type, final Instant now) {
        final String data = switch (type) {
            case "user.created" -> "{\"id\":\"user_Wqb1k73rXprtTm7Qdlr38G\",\"email\":\"jenny@example.com\"}";
            case "invoice.paid" -> "{\"id\":\"inv_1hookgate\",\"amount\":2000,\"currency\":\"usd\"}";
            case "order.shipped" -> "{\"id\":\"ord_1hookgate\",\"carrier\":\"UPS\",\"tracking\":\"1Z999AA10123456784\"}";
            default -> "{\"message\":\"hello from hookgate\",\"sentAt\":\"" + now + "\"}";
        };
        return ("{\"type\":\"" + type + "\",\"timestamp\":\"" + now + "\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
    }
}
