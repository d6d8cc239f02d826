package io.hookgate.core.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived from what they identify, so that reprocessing after a crash yields the same id:
 * the gateway id of an event (from its source and event id) and the {@code webhook-id} of a
 * delivery (from the event and the subscription).
 */
public final class StableIds {

    private StableIds() {
    }

    /** The gateway id of event {@code eventId} of {@code source}. */
    public static String eventId(final String source, final String eventId) {
        return "evt_" + digest(source + '\u0000' + eventId);
    }

    /** The {@code webhook-id} of delivering gateway event {@code eventGatewayId} to {@code subscription}. */
    public static String deliveryId(final String eventGatewayId, final String subscription) {
        return "msg_" + digest(eventGatewayId + '\u0000' + subscription);
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(final byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static String digest(final String text) {
        // 128 bits: collisions are out of reach, and the id stays short enough for headers and logs.
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    private static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
