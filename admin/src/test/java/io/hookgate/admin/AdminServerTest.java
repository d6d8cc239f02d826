package io.hookgate.admin;

import io.hookgate.core.config.AdminSettings;
import io.hookgate.core.json.Json;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin port of a process without the admin part: health and metrics, and /admin/* pointing elsewhere. */
class AdminServerTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    AdminServer server;

    @BeforeEach
    void start() {
        // A token configured does not make a process without the admin part serve the API.
        server = new AdminServer(new AdminSettings("127.0.0.1", 0, Optional.of("operator-token-000000000001"), "unused"),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), null);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(final String path, final String token) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReadinessAndMetricsAreServed() throws Exception {
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void adminPathsSayTheApiLivesInTheAdminPart() throws Exception {
        for (String path : List.of("/admin/dlq", "/admin/dlq/dlq_1", "/admin/subscriptions", "/admin/openapi.json")) {
            final HttpResponse<String> answer = get(path, "operator-token-000000000001");
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("content-type")).contains("application/json");
            assertThat(Json.mapper().readTree(answer.body()).path("error").asText()).as(path).isEqualTo("admin_api_elsewhere");
            assertThat(Json.mapper().readTree(answer.body()).path("message").asText()).contains("hookgate admin");
        }
        assertThat(Json.mapper().readTree(get("/nope", null).body()).path("error").asText()).isEqualTo("not_found");
    }
}
