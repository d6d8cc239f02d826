package io.hookgate.app.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.api.model.AdminError;
import io.hookgate.admin.api.model.Page;
import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client of a running gateway's admin API, for the CLI. Answers every HTTP answer as it came
 * (an empty body as an empty object); throws {@link CliFailure} ({@link ExitCodes#UNAVAILABLE}) when
 * no answer comes, and ({@link ExitCodes#INTERNAL}) when an answer is not the admin API's JSON.
 */
public final class AdminClient {

    /**
     * An answer: the status and the JSON object of the body, from {@code base}.
     *
     * @param base   the admin API's base URL
     * @param status the HTTP status
     * @param body   the body, an object (empty when the answer had none)
     */
    public record Answer(String base, int status, JsonNode body) {

        /**
         * The body read as one of the admin API's records ({@code io.hookgate.admin.api.model}).
         *
         * @throws CliFailure ({@link ExitCodes#INTERNAL}) when the body is not that record's JSON
         */
        public <T> T as(final Class<T> type) {
            return read(Json.mapper().constructType(type), type.getSimpleName());
        }

        /**
         * The body read as one page of a listing ({@link Page}) whose entries are {@code entryType}.
         *
         * @throws CliFailure ({@link ExitCodes#INTERNAL}) when the body is not such a page's JSON
         */
        public <T> Page<T> page(final Class<T> entryType) {
            return read(Json.mapper().getTypeFactory().constructParametricType(Page.class, entryType),
                "page of " + entryType.getSimpleName() + " entries");
        }

        private <T> T read(final JavaType type, final String name) {
            try {
                return Json.mapper().treeToValue(body, type);
            } catch (JsonProcessingException e) {
                throw notA(name, e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                throw notA(name, e.getMessage());
            }
        }

        private CliFailure notA(final String name, final String why) {
            return new CliFailure(ExitCodes.INTERNAL, base + " answered " + status + " with a body that is not the admin API's "
                + name + ": " + why);
        }

        /** Whether the status is a success (2xx). */
        public boolean ok() {
            return status / 100 == 2;
        }

        /**
         * The failure an answer that is not a success stands for: the admin API's own words
         * ({@code code: message}, with the offending {@code field} in brackets and every one of its
         * {@code problems} on a line of its own, {@code   path: message}), with the exit code of its
         * status ({@link ExitCodes#forStatus}); or what is wrong with {@code --admin} when the
         * answer is not the admin API's.
         */
        public CliFailure failure() {
            final AdminError error;
            try {
                error = as(AdminError.class);
            } catch (CliFailure notTheApisError) {
                return notTheApisError;
            }
            final String code = error.error() == null ? "http_" + status : error.error();
            final String said = error.message() == null ? "" : error.message();
            if (status == 404 && said.contains("/webhooks/")) {
                return new CliFailure(ExitCodes.USAGE, base + " is a hookgate ingress port, not an admin port: give --admin the admin port "
                    + "(admin.port, 8081 by default), or --config FILE");
            }
            if (status == 404 && "admin_api_elsewhere".equals(code)) {
                return new CliFailure(ExitCodes.USAGE, base + " is the admin port of a process without the admin part: give --admin "
                    + "the admin port of hookgate admin (or hookgate dev)");
            }
            final StringBuilder message = new StringBuilder(code).append(": ").append(said);
            if (error.field() != null) {
                message.append(" [").append(error.field()).append(']');
            }
            error.problemsOrNone().forEach(problem -> message.append("\n  ").append(problem.path() == null ? "-" : problem.path())
                .append(": ").append(problem.message()));
            return new CliFailure(ExitCodes.forStatus(status), message.toString());
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** @throws CliFailure ({@link ExitCodes#USAGE}) when {@code base} is not an http(s) URL */
    AdminClient(final String base, final String token) {
        this.base = base.replaceAll("/+$", "");
        this.token = token;
        final URI uri;
        try {
            uri = new URI(this.base);
        } catch (URISyntaxException e) {
            throw new CliFailure(ExitCodes.USAGE, "--admin " + base + " is not a URL (" + e.getReason() + "); give one such as "
                + "http://127.0.0.1:8081", e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || uri.getRawQuery() != null
            || uri.getRawFragment() != null) {
            throw new CliFailure(ExitCodes.USAGE, "--admin " + base + " is not an http(s) URL such as http://127.0.0.1:8081");
        }
    }

    /** {@code GET path?query} (a query parameter whose value is null is left out). */
    public Answer get(final String path, final Map<String, String> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    /** {@code POST path?query} with {@code body} as JSON. */
    public Answer post(final String path, final Map<String, String> query, final Object body) {
        return send(HttpRequest.newBuilder(uri(path, query)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))));
    }

    /** {@code PATCH path} with {@code body} as JSON. */
    public Answer patch(final String path, final Object body) {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Json.write(body))));
    }

    /** {@code DELETE path}. */
    public Answer delete(final String path) {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).DELETE());
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
            return new Answer(base, response.statusCode(), body(response));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "cannot reach the admin API at " + base + ": " + why(e), e);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "--admin " + base + " cannot be used: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.UNAVAILABLE, "interrupted while waiting for the admin API", e);
        }
    }

    private static String why(final IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within 5 s (is the host right, and the port open?)";
        }
        if (e instanceof ConnectException) {
            return "connection refused (is the gateway running, and --admin its admin port?)";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException
            || e.getCause() instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (e.getMessage() == null) {
            return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getClass().getSimpleName();
        }
        return e.getMessage() + (e.getMessage().contains("header parser") || e.getMessage().contains("HTTP/1") ? " (is --admin an "
            + "http port of hookgate?)" : "");
    }

    private JsonNode body(final HttpResponse<byte[]> response) {
        if (response.body().length == 0) {
            return Json.mapper().createObjectNode();
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw notAdminApi(response, e);
        }
        if (body == null || !body.isObject()) {
            throw notAdminApi(response, null);
        }
        return body;
    }

    private CliFailure notAdminApi(final HttpResponse<byte[]> response, final IOException cause) {
        return new CliFailure(response.statusCode() / 100 == 5 ? ExitCodes.UNAVAILABLE : ExitCodes.INTERNAL, "the admin API at " + base
            + " answered " + response.statusCode() + " without a JSON body: is --admin the admin port of a hookgate process?", cause);
    }
}
