package io.hookgate.app.compose;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker-compose.yml} for real, where a Docker engine is reachable (skipped, saying so, where
 * it is not): the image is built from the packaged jar, every service becomes healthy, and a signed
 * Stripe event posted to either ingress reaches the demo receiver, which verifies its signature.
 */
class ComposeStackIT {

    private static final List<String> HOOKGATE_SERVICES = List.of("ingress-1", "ingress-2", "processor-1", "processor-2",
        "dispatcher-1", "dispatcher-2", "admin");

    @Test
    void theStackComesUpHealthyAndDeliversASignedEventEndToEnd() throws Exception {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
            "No Docker engine reachable (DOCKER_HOST, /var/run/docker.sock): docker-compose.yml is checked by ComposeFileTest only");
        final Queue<String> receiverLog = new ConcurrentLinkedQueue<>();
        final ComposeContainer stack = new ComposeContainer(new File("../docker-compose.yml"))
            .withBuild(true)
            .withEnv(ComposeFileTest.HOST)
            .withRemoveVolumes(true)
            .withExposedService("ingress-1", 8080, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("ingress-2", 8080, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
            .withLogConsumer("receiver", frame -> receiverLog.add(frame.getUtf8String()));
        HOOKGATE_SERVICES.stream().filter(service -> !service.startsWith("ingress"))
            .forEach(service -> stack.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5))));
        stack.start();
        try {
            for (String ingress : List.of("ingress-1", "ingress-2")) {
                final String eventId = "evt_compose_" + ingress;
                final String body = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}";
                final URI uri = URI.create("http://" + stack.getServiceHost(ingress, 8080) + ":" + stack.getServicePort(ingress, 8080)
                    + "/webhooks/stripe");
                assertThat(postSigned(uri, body)).as(ingress).isEqualTo(200);
                await().atMost(Duration.ofMinutes(2)).until(() -> String.join("", receiverLog).contains("verified /billing"));
                await().atMost(Duration.ofMinutes(2)).until(() -> String.join("", receiverLog).contains(eventId));
            }
            assertThat(String.join("", receiverLog)).doesNotContain("REFUSED");
        } finally {
            stack.stop();
        }
    }

    /** Posts {@code body} signed as Stripe signs (t=..., v1=HMAC-SHA256 of "t.body"); the status. */
    private static int postSigned(final URI uri, final String body) throws Exception {
        final long now = Instant.now().getEpochSecond();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ComposeFileTest.HOST.get("STRIPE_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String signature = HexFormat.of().formatHex(mac.doFinal((now + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
            .header("content-type", "application/json").header("stripe-signature", "t=" + now + ",v1=" + signature)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
