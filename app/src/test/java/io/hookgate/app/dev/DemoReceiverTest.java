package io.hookgate.app.dev;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.providers.Providers;
import io.hookgate.providers.standardwebhooks.StandardWebhooksSigner;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoReceiverTest {

    private static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    @Test
    void acceptsOnlyWebhooksSignedWithTheSubscriptionsSecret() throws Exception {
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            sources:
              demo: {provider: standard-webhooks}
            subscriptions:
              demo-receiver: {url: "http://127.0.0.1:1/demo-receiver", allowInsecureUrl: true, sources: [demo], secret: "%s"}
            """.formatted(SECRET));
        try (DemoReceiver receiver = new DemoReceiver(config, 0)) {
            receiver.start();
            assertThat(post(receiver, SECRET)).isEqualTo(204);
            assertThat(post(receiver, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo(401);
            assertThat(receiver.verifiedCount()).isEqualTo(1);
        }
    }

    private static int post(final DemoReceiver receiver, final String secret) throws Exception {
        final long now = Instant.now().getEpochSecond();
        final byte[] body = "{\"source\":\"demo\",\"eventId\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/demo-receiver"))
            .header("webhook-id", "msg_1").header("webhook-timestamp", Long.toString(now))
            .header("webhook-signature", StandardWebhooksSigner.header(List.of(secret), "msg_1", now, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
