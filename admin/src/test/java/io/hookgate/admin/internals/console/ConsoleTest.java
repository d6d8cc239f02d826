package io.hookgate.admin.internals.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.AdminServer;
import io.hookgate.admin.TestAdmin;
import io.hookgate.admin.TestConfigs;
import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.subscription.Subscriptions;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on the admin port: its files with their types, the security headers on every answer,
 * revalidation by ETag, nothing served but plain names under {@code /console}, no console without
 * the admin API; and its counters, of which a tenant sees only its own.
 */
class ConsoleTest {

    static final String OPERATOR = "operator-token-000000000001";
    static final String ACME = "acme-tenant-token-0000000001";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    TestAdmin admin;

    @BeforeEach
    void start(@TempDir final Path dir) {
        final HookgateConfig config = TestConfigs.parse("""
            admin:
              token: %s
              tokens: [{token: %s, tenant: acme}]
            sources:
              acme-shop: {provider: standard-webhooks, tenant: acme}
              beta-shop: {provider: standard-webhooks, tenant: beta}
            """.formatted(OPERATOR, ACME));
        admin = new TestAdmin(dir, config, Subscriptions.of(config), List.of(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    HttpResponse<String> get(final String path, final String... headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin.base() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void secured(final HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Security-Policy")).contains(ConsoleAssets.CONTENT_SECURITY_POLICY);
        assertThat(ConsoleAssets.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void thePageAndItsFilesAreServedWithTheirTypesAndAStrictPolicy() throws Exception {
        for (String path : new String[] {"/console", "/console/"}) {
            final HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\">").doesNotContain("<script>", "style=");
            secured(page);
        }
        final HttpResponse<String> script = get("/console/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        secured(script);
        assertThat(get("/console/console.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
        assertThat(get("/console/icon.svg").headers().firstValue("Content-Type")).contains("image/svg+xml");
    }

    @Test
    void filesAreRevalidatedByTheirETag() throws Exception {
        final HttpResponse<String> first = get("/console/app.js");
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-cache");
        final String etag = first.headers().firstValue("ETag").orElseThrow();
        final HttpResponse<String> again = get("/console/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/console/app.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void nothingButThePlainNamesOfItsFilesIsServed() throws Exception {
        for (String path : new String[] {"/console/nope.js", "/console/../io/hookgate/admin/api/openapi.json", "/console/%2e%2e/logback.xml",
            "/console/sub/app.js", "/console/App.JS", "/console/app.js.map", "/console/io/hookgate/admin/AdminServer.class"}) {
            final HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).contains("application/json");
            assertThat(answer.body()).as(path).doesNotContain("openapi").contains("\"error\"");
        }
        final HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(admin.base() + "/console/app.js"))
            .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("method_not_allowed");
        // A look-alike path is not the console's.
        assertThat(get("/consoles").statusCode()).isEqualTo(404);
        assertThat(get("/consoles").headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void withoutTheAdminApiThereIsNoConsole(@TempDir final Path dir) throws Exception {
        final AdminServer off = new AdminServer(new AdminSettings("127.0.0.1", 0,
            Optional.empty(), dir.toString(), Optional.empty(), List.of()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), null);
        off.start();
        try {
            final HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + off.port() + "/console"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).contains("admin_api_elsewhere");
        } finally {
            off.close();
        }
    }

    @Test
    void theCountersNeedATokenAndATenantSeesOnlyItsOwn() throws Exception {
        admin.registry.counter("hookgate.ingress.requests", "source", "acme-shop", "tenant", "acme", "status", "200").increment(3);
        admin.registry.counter("hookgate.ingress.requests", "source", "beta-shop", "tenant", "beta", "status", "200").increment(5);
        admin.registry.counter("hookgate.ingress.requests", "source", "beta-shop", "tenant", "beta", "status", "404").increment();
        admin.registry.counter("hookgate.verification.failures", "source", "acme-shop", "tenant", "acme", "reason", "bad_signature").increment();
        admin.registry.gauge("hookgate.consumer.lag.records", Tags.of("part", "processor", "group", "g",
            "topic", "t"), 7);

        assertThat(TestAdmin.error(admin.call(null, "GET", ConsoleCounters.PATH, null), 401)).isEqualTo("unauthorized");
        assertThat(TestAdmin.error(admin.call(OPERATOR, "GET", ConsoleCounters.PATH + "?since=x", null), 400)).isEqualTo("invalid_parameter");

        final JsonNode all = TestAdmin.json(admin.call(OPERATOR, "GET", ConsoleCounters.PATH, null), 200).path("series");
        assertThat(all.path("requests").path("total").asDouble()).isEqualTo(9);
        assertThat(all.path("requests").path("by").path("200").asDouble()).isEqualTo(8);
        assertThat(all.path("requests").path("by").path("404").asDouble()).isEqualTo(1);
        assertThat(all.path("rejected").path("by").path("bad_signature").asDouble()).isEqualTo(1);
        assertThat(all.path("verified").path("total").asDouble()).isZero();
        assertThat(all.path("lagRecords").path("by").path("processor").asDouble()).isEqualTo(7);

        final JsonNode acme = TestAdmin.json(admin.call(ACME, "GET", ConsoleCounters.PATH, null), 200).path("series");
        assertThat(acme.path("requests").path("total").asDouble()).isEqualTo(3);
        assertThat(acme.path("requests").path("by").has("404")).isFalse();
        assertThat(acme.path("rejected").path("total").asDouble()).isEqualTo(1);
        assertThat(acme.has("lagRecords")).as("lag is every tenant's").isFalse();
    }
}
