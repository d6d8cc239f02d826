package io.hookgate.providers.standardwebhooks;

import io.hookgate.core.config.SigningSecret;
import io.hookgate.providers.crypto.Hmac;

import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures: {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}
 * under the base64-decoded {@code whsec_} key. Used to verify Standard Webhooks senders and to
 * sign every outbound webhook (one signature per active secret).
 */
public final class StandardWebhooksSigner {

    private StandardWebhooksSigner() {
    }

    /** The raw signature of {@code body} sent as message {@code id} at {@code timestampSeconds} under {@code key}. */
    public static byte[] signature(final byte[] key, final String id, final long timestampSeconds, final byte[] body) {
        return Hmac.compute(Hmac.Algorithm.SHA256, key,
            Hmac.utf8(id), Hmac.utf8("."), Hmac.utf8(Long.toString(timestampSeconds)), Hmac.utf8("."), body);
    }

    /** The {@code webhook-signature} header value: {@code v1,<base64>} per secret, space-separated. */
    public static String header(final List<String> secrets, final String id, final long timestampSeconds, final byte[] body) {
        return secrets.stream()
            .map(secret -> "v1," + Base64.getEncoder().encodeToString(
                signature(SigningSecret.decode(secret), id, timestampSeconds, body)))
            .collect(Collectors.joining(" "));
    }
}
