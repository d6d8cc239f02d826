package io.hookgate.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A webhook receiver for tests (the JDK's own HTTP server): records every request and answers
 * what {@code behaviour} says, so tests can make an endpoint fail, throttle or hang.
 */
public final class RecordingReceiver implements AutoCloseable {

    /** One request as received. Header names are lower-case. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, Instant at) {
        public String header(final String name) {
            final List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What to answer: a status, extra headers, how long to wait before answering, and a body (null: none). */
    public record Answer(int status, Map<String, String> headers, long delayMillis, byte[] body) {

        public Answer(final int status, final Map<String, String> headers, final long delayMillis) {
            this(status, headers, delayMillis, null);
        }

        public static Answer status(final int status) {
            return new Answer(status, Map.of(), 0);
        }

        /** {@code status} with {@code json} as an {@code application/json} body. */
        public static Answer json(final int status, final String json) {
            return new Answer(status, Map.of("Content-Type", "application/json"), 0, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    // A queue, not a copy-on-write list: a load test records tens of thousands of requests.
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> behaviour = request -> Answer.status(204);

    public RecordingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            final Thread thread = new Thread(runnable, "recording-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(final String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public void answer(final Function<Received, Answer> next) {
        this.behaviour = next;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> receivedAt(final String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        final Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        final Received request = new Received(exchange.getRequestURI().getPath(), headers, body, Instant.now());
        received.add(request);
        final Answer answer = behaviour.apply(request);
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (answer.body() == null || answer.body().length == 0) {
            exchange.sendResponseHeaders(answer.status(), -1);
        } else {
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
