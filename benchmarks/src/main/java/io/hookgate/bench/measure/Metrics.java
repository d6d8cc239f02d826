package io.hookgate.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Counters read from a hookgate part's {@code /metrics} (Prometheus text): what it did during a
 * benchmark, such as deliveries deferred or retried, besides what the sink saw.
 */
public final class Metrics {

    private final String text;

    private Metrics(final String text) {
        this.text = text;
    }

    /** Scrapes {@code http://127.0.0.1:<adminPort>/metrics}; empty when the part does not answer. */
    public static Metrics scrape(final int adminPort) {
        try {
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return new Metrics(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return new Metrics("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Metrics("");
        }
    }

    /** The sum of every series of counter {@code name} whose labels contain {@code labelFilter} (empty: all). */
    public long sum(final String name, final String labelFilter) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                final int space = line.lastIndexOf(' ');
                if (labelFilter.isEmpty() || line.substring(0, space).contains(labelFilter)) {
                    total += Double.parseDouble(line.substring(space + 1));
                }
            }
        }
        return Math.round(total);
    }
}
