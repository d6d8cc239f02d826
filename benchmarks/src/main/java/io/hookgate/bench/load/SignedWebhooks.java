package io.hookgate.bench.load;

import io.hookgate.core.config.SigningSecret;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhooks every benchmark sends: Standard Webhooks requests with a JSON body of a fixed
 * size, signed with {@link #SECRET} as a provider would sign them. A body carries its sequence
 * number and, for end-to-end latency, its send time ({@code "sentAtMicros"}); each request has
 * its own {@code webhook-id}, so none is a duplicate.
 */
public final class SignedWebhooks {

    /** The signing secret of every benchmark's source. */
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final byte[] key = SigningSecret.decode(SECRET);
    private final int bodyBytes;

    /** Webhooks whose bodies are {@code bodyBytes} long (or as short as their fields allow). */
    public SignedWebhooks(final int bodyBytes) {
        this.bodyBytes = bodyBytes;
    }

    /** The body of webhook {@code seq}, sent at {@code sentAtMicros} (epoch microseconds). */
    public byte[] body(final long seq, final long sentAtMicros) {
        final String head = "{\"type\":\"bench.event\",\"seq\":" + seq + ",\"sentAtMicros\":" + sentAtMicros + ",\"note\":\"";
        final String tail = "\"}";
        final int pad = Math.max(0, bodyBytes - head.length() - tail.length());
        return (head + "x".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** The Standard Webhooks headers of {@code body} sent as message {@code id} at {@code timestampSeconds}. */
    public Map<String, String> headers(final String id, final long timestampSeconds, final byte[] body) {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestampSeconds));
        headers.put("webhook-signature",
            "v1," + Base64.getEncoder().encodeToString(StandardWebhooksSigner.signature(key, id, timestampSeconds, body)));
        return headers;
    }
}
