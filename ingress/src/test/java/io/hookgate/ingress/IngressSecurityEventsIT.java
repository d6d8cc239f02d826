package io.hookgate.ingress;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.topics.TopicProvisioner;
import io.hookgate.core.topics.Topics;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Security events on a real broker: every request the ingress refuses is logged with its source,
 * client address, user agent and reason, at a bounded rate, and counted by reason; a source may
 * allow only some User-Agents.
 */
class IngressSecurityEventsIT {

    static final Topics TOPICS = new Topics("sec.");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static KafkaTestCluster kafka;
    static SimpleMeterRegistry registry;
    static IngressServer ingress;

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger securityLogger = (Logger) LoggerFactory.getLogger(SecurityLog.LOGGER_NAME);

    static HookgateConfig config(final String more) {
        return new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse("""
            kafka: {bootstrapServers: "%s", topicPrefix: "sec.", partitions: 1}
            ingress: {host: 127.0.0.1, port: 0}
            sources:
              open: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], maxBodyBytes: 64}
              fenced: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], allowedIps: ["203.0.113.0/24"]}
              picky:
                provider: standard-webhooks
                secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
                allowedUserAgents: ["Svix-Webhooks/*", "Acme Hooks (+https://acme.example/hooks)"]
              slow: {provider: standard-webhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], rateLimitPerSecond: 1}
            %s
            """.formatted(kafka.bootstrapServers(), more));
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        final HookgateConfig config = config("");
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TOPICS.all(config));
        }
        registry = new SimpleMeterRegistry();
        ingress = new IngressServer(config, Providers.builtIn().bind(config), registry, Clock.systemUTC());
        ingress.start();
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void capture() {
        logged.start();
        securityLogger.addAppender(logged);
    }

    @AfterEach
    void release() {
        securityLogger.detachAppender(logged);
    }

    static HttpResponse<String> send(final int port, final String method, final String path, final String body, final String userAgent)
        throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body)).header("User-Agent", userAgent).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(final String method, final String path, final String body, final String userAgent) throws Exception {
        return send(ingress.port(), method, path, body, userAgent);
    }

    /** The security event logged for the request that was answered {@code reason}. */
    ILoggingEvent event(final String reason) {
        await().atMost(Duration.ofSeconds(5)).until(() -> List.copyOf(logged.list).stream()
            .anyMatch(e -> reason.equals(e.getMDCPropertyMap().get("reason"))));
        return List.copyOf(logged.list).stream().filter(e -> reason.equals(e.getMDCPropertyMap().get("reason"))).findFirst().orElseThrow();
    }

    static double refused(final String source, final String reason) {
        final Counter counter = registry.find("hookgate.ingress.refused").tags("source", source, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void everyRefusalIsLoggedWithSourceClientUserAgentAndReasonAndCounted() throws Exception {
        assertThat(send("POST", "/webhooks/nowhere", "{}", "scanner/1").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/wp-login.php", "{}", "scanner/2").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/webhooks/open", "", "browser/3").statusCode()).isEqualTo(405);
        assertThat(send("POST", "/webhooks/fenced", "{}", "Svix-Webhooks/1.0").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/webhooks/open", "x".repeat(65), "big/1").statusCode()).isEqualTo(413);
        // One request a second: one of a quick run of them is refused, however slow this machine.
        boolean limited = false;
        for (int i = 0; i < 20 && !limited; i++) {
            limited = send("POST", "/webhooks/slow", "{}", "eager/1").statusCode() == 429;
        }
        assertThat(limited).as("a 429 among 20 requests to a source limited to 1/s").isTrue();

        final ILoggingEvent unknown = event("unknown_source");
        assertThat(unknown.getFormattedMessage())
            .isEqualTo("Refused 404 unknown_source source=unknown client=127.0.0.1 userAgent=\"scanner/1\" path=/webhooks/nowhere");
        assertThat(event("not_found").getFormattedMessage())
            .isEqualTo("Refused 404 not_found source=unknown client=127.0.0.1 userAgent=\"scanner/2\" path=/wp-login.php");
        assertThat(event("method_not_allowed").getFormattedMessage())
            .isEqualTo("Refused 405 method_not_allowed source=open client=127.0.0.1 userAgent=\"browser/3\" method=GET");
        final ILoggingEvent fenced = event("ip_not_allowed");
        assertThat(fenced.getLevel().toString()).isEqualTo("WARN");
        assertThat(fenced.getMDCPropertyMap()).containsEntry("source", "fenced").containsEntry("client", "127.0.0.1")
            .containsEntry("userAgent", "Svix-Webhooks/1.0").containsEntry("status", "403");
        assertThat(event("payload_too_large").getFormattedMessage())
            .isEqualTo("Refused 413 payload_too_large source=open client=127.0.0.1 userAgent=\"big/1\"");
        assertThat(event("rate_limited").getMDCPropertyMap()).containsEntry("source", "slow").containsEntry("userAgent", "eager/1");

        assertThat(refused("unknown", "unknown_source")).isEqualTo(1.0);
        assertThat(refused("unknown", "not_found")).isEqualTo(1.0);
        assertThat(refused("open", "method_not_allowed")).isEqualTo(1.0);
        assertThat(refused("fenced", "ip_not_allowed")).isEqualTo(1.0);
        assertThat(refused("open", "payload_too_large")).isEqualTo(1.0);
        assertThat(refused("slow", "rate_limited")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aSourceWithAUserAgentAllowListRefusesEveryOtherUserAgent() throws Exception {
        assertThat(send("POST", "/webhooks/picky", "{}", "Svix-Webhooks/1.2 (+https://www.svix.com)").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/webhooks/picky", "{}", "Acme Hooks (+https://acme.example/hooks)").statusCode()).isEqualTo(200);
        final double before = refused("picky", "user_agent_not_allowed");

        final HttpResponse<String> other = send("POST", "/webhooks/picky", "{}", "curl/8.5.0");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("\"error\":\"user_agent_not_allowed\"");
        // Almost, but not quite: patterns are exact and case-sensitive.
        assertThat(send("POST", "/webhooks/picky", "{}", "svix-webhooks/1.2").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/webhooks/picky", "{}", "Acme Hooks (+https://acme.example/hooks) v2").statusCode()).isEqualTo(403);
        // No User-Agent at all (the JDK's client always sends one).
        assertThat(rawPost("/webhooks/picky", "{}")).startsWith("HTTP/1.1 403");

        assertThat(refused("picky", "user_agent_not_allowed") - before).isEqualTo(4.0);
        final ILoggingEvent event = event("user_agent_not_allowed");
        assertThat(event.getLevel().toString()).isEqualTo("WARN");
        assertThat(event.getFormattedMessage())
            .isEqualTo("Refused 403 user_agent_not_allowed source=picky client=127.0.0.1 userAgent=\"curl/8.5.0\"");
        // Sources without a list take any User-Agent.
        assertThat(send("POST", "/webhooks/open", "{}", "curl/8.5.0").statusCode()).isEqualTo(200);
    }

    /** A request with no User-Agent header; the status line and headers of the answer. */
    static String rawPost(final String path, final String body) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.port())) {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aFloodOfRefusalsIsLoggedAtTheConfiguredRateAndCountedInFull() throws Exception {
        final HookgateConfig config = config("logging: {securityEventsPerMinute: 5}");
        final SimpleMeterRegistry own = new SimpleMeterRegistry();
        final IngressServer flooded = new IngressServer(config, Providers.builtIn().bind(config), own, Clock.systemUTC());
        flooded.start();
        try {
            for (int i = 0; i < 200; i++) {
                assertThat(send(flooded.port(), "POST", "/webhooks/nowhere-" + i, "{}", "flood/1").statusCode()).isEqualTo(404);
            }
        } finally {
            flooded.close();
        }
        assertThat(own.get("hookgate.ingress.refused").tags("reason", "unknown_source").counter().count()).isEqualTo(200.0);
        assertThat(own.get("hookgate.security.log.suppressed").counter().count()).isEqualTo(195.0);
        assertThat(List.copyOf(logged.list).stream().filter(e -> e.getFormattedMessage().contains("userAgent=\"flood/1\""))).hasSize(5);
    }
}
