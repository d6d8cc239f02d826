package io.hookgate.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.core.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls of a running gateway's admin API for integration tests, as an operator's token makes them. */
public final class AdminCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminCalls() {
    }

    /** {@code method url} with {@code body} (null: none), with {@code token} (null: none). */
    public static HttpResponse<String> call(final String method, final String url, final String token, final String body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of {@code response}, which must be a 200. */
    public static JsonNode json(final HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    /** The error code of {@code response}. */
    public static String error(final HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body()).get("error").asText();
    }

    /** The {@code entries} of {@code GET admin+path}. */
    public static List<JsonNode> entries(final String admin, final String path, final String token) throws Exception {
        final JsonNode body = json(call("GET", admin + path, token, null));
        final List<JsonNode> entries = new ArrayList<>();
        body.get("entries").forEach(entries::add);
        return entries;
    }
}
