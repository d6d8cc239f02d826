package io.hookgate.app.testing;

import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Standard Webhooks requests signed now and posted to a running ingress, for integration tests. */
public final class SignedSends {

    private SignedSends() {
    }

    /** Posts {@code body} to {@code source} under {@code msgId}, signed with {@code secret}; the ingress's status. */
    public static int post(final int ingressPort, final String source, final String msgId, final String body, final String secret)
        throws Exception {
        final long now = Instant.now().getEpochSecond();
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ingressPort + "/webhooks/" + source))
            .header("content-type", "application/json").header("webhook-id", msgId).header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(secret), msgId, now, bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
