package io.hookgate.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A client of a running gateway's admin API, for the CLI. */
final class AdminClient {

    /** An answer: the status and the JSON body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String error() {
            return body.path("error").asText("http_" + status) + ": " + body.path("message").asText("");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    AdminClient(final String base, final String token) {
        this.base = base.replaceAll("/+$", "");
        this.token = token;
    }

    Answer get(final String path, final Map<String, String> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    Answer post(final String path, final Map<String, String> query, final Object body) {
        return send(HttpRequest.newBuilder(uri(path, query)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))));
    }

    private URI uri(final String path, final Map<String, String> query) {
        final String encoded = query.entrySet().stream().filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return URI.create(base + path + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    private Answer send(final HttpRequest.Builder request) {
        try {
            final HttpResponse<byte[]> response = http.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            final JsonNode body = response.body().length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the admin API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
