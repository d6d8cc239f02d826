package io.hookgate.ingress;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.logging.SecurityLog;
import io.hookgate.core.testing.ManualTicker;
import io.hookgate.providers.Providers;
import io.hookgate.providers.spi.SourceScheme;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathTemplateHandler;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves one link of the ingress's chain alone on a loopback port, as the chain would reach it: the
 * {@link Arrival} of a configured source attached before it (unless the link is the route itself),
 * and after it a last link that answers {@code 299} with {@code X-Next: reached}, so a test sees
 * whether the link let the request on.
 */
final class LinkHarness implements AutoCloseable {

    static final int REACHED = 299;

    final HookgateConfig config;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final EdgeAnswers answers;
    final ManualTicker ticker = new ManualTicker();
    private final HttpClient client = HttpClient.newHttpClient();
    private Undertow server;
    private int port;

    LinkHarness(final String yaml) {
        this.config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(yaml);
        this.answers = new EdgeAnswers(new IngressMetrics(registry, source -> ""), new SecurityLog(registry, "ingress", 100), ticker);
    }

    /** The last link: tells the test it was reached, with what the chain attached. */
    static HttpHandler reached() {
        return exchange -> {
            exchange.setStatusCode(REACHED);
            exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("X-Next"), "reached");
            final Arrival arrival = Arrival.of(exchange);
            exchange.getResponseSender().send(arrival != null && arrival.request() != null
                ? new String(arrival.request().body(), java.nio.charset.StandardCharsets.UTF_8) : "");
        };
    }

    /** Serves {@code link} (given the last link) after an Arrival for {@code source} from 127.0.0.1, under the route template. */
    LinkHarness serve(final String source, final SourceScheme scheme, final Function<HttpHandler, HttpHandler> link) {
        final HttpHandler under = link.apply(reached());
        return start(exchange -> {
            new Arrival(ticker.read(), source, config.source(source).orElseThrow(), scheme, InetAddress.getLoopbackAddress()).attachTo(exchange);
            under.handleRequest(exchange);
        });
    }

    /** Serves {@code link} as the first link (it attaches the Arrival itself). */
    LinkHarness serveFirst(final Function<HttpHandler, HttpHandler> link) {
        return start(link.apply(reached()));
    }

    private LinkHarness start(final HttpHandler handler) {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
            .setHandler(BodyDeadline.around(new PathTemplateHandler().add("/webhooks/{source}", handler), Duration.ofSeconds(5))).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return this;
    }

    HttpResponse<String> send(final HttpRequest.Builder request, final String path) throws IOException, InterruptedException {
        return client.send(request.uri(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(final String path, final String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body)), path);
    }

    /** Requests refused, as the security metric counts them, for {@code reason}. */
    double refused(final String reason) {
        return registry.find("hookgate.ingress.refused").tag("reason", reason).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
