package io.hookgate.providers.standardwebhooks;

import io.hookgate.core.config.SigningSecret;
import io.hookgate.providers.crypto.Encoding;
import io.hookgate.providers.crypto.Hmac;

import java.util.ArrayList;
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
            .map(secret -> "v1," + Encoding.BASE64.encode(signature(SigningSecret.decode(secret), id, timestampSeconds, body)))
            .collect(Collectors.joining(" "));
    }

    /**
     * Whether any {@code v1} entry of {@code signatureHeader} is the signature of {@code body} under
     * any of {@code keys}, compared in constant time.
     */
    public static boolean matches(final List<byte[]> keys, final String signatureHeader, final String id,
                                  final long timestampSeconds, final byte[] body) {
        return Hmac.anyMatches(Hmac.Algorithm.SHA256, keys, v1Signatures(signatureHeader),
            Hmac.utf8(id), Hmac.utf8("."), Hmac.utf8(Long.toString(timestampSeconds)), Hmac.utf8("."), body);
    }

    /** The decodable {@code v1} entries of a space-delimited signature list; other versions are skipped. */
    public static List<byte[]> v1Signatures(final String header) {
        final List<byte[]> signatures = new ArrayList<>();
        for (String entry : header.trim().split(" +")) {
            final int comma = entry.indexOf(',');
            if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                continue;
            }
            // An entry that is not canonical base64 cannot match; the others may.
            Encoding.BASE64.decode(entry.substring(comma + 1)).ifPresent(signatures::add);
        }
        return signatures;
    }
}
