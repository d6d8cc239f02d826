package io.hookgate.app.sign;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.request.HttpHeaders;
import io.hookgate.providers.spi.SignedRequest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** Posts a signed request to a running ingress and answers what it said; no answer or a failure status is a {@link CliFailure}. */
final class IngressPost {

    /** Headers the HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private IngressPost() {
    }

    /** The ingress's answer: its status and body. */
    record Answer(int status, String body) {
    }

    static Answer send(final String url, final SignedRequest signed) {
        final URI uri;
        try {
            uri = URI.create(signed.query().isEmpty() ? url : url + "?" + signed.query());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--url: " + url + " is not a URL");
        }
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        for (HttpHeaders.Header header : signed.headers().asList()) {
            if (!RESTRICTED.contains(header.name().toLowerCase(java.util.Locale.ROOT))) {
                request.header(header.name(), header.value());
            }
        }
        final HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "no ingress answered at " + url + ": connection refused (is the gateway running, "
                + "and ingress.port or --url its ingress port?)", e);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "no answer from the ingress at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.UNAVAILABLE, "interrupted while sending to " + url, e);
        }
        final Answer answer = new Answer(response.statusCode(), response.body().strip());
        if (answer.status() / 100 != 2) {
            throw new CliFailure(answer.status() == 404 ? ExitCodes.NOT_FOUND : ExitCodes.forStatus(answer.status()),
                "the ingress at " + url + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
