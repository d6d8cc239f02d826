package io.hookgate.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookgate.app.Hookgate;
import io.hookgate.app.ops.AdminCommand;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stub of a gateway's admin API around each test (as a {@code @RegisterExtension} field), for
 * tests of the commands that talk to it: it answers each {@code METHOD /path} as the test said
 * ({@code 404 not_found} when it said nothing), and records every request it got.
 */
public final class StubAdmin implements BeforeEachCallback, AfterEachCallback {

    private record Answer(int status, String body) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        server.stop(0);
    }

    /** The stub's base URL, for {@code --admin}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code request} ({@code METHOD /path}, without the query) with {@code status} and the JSON {@code body} ("" for none). */
    public void answer(final String request, final int status, final String body) {
        answers.put(request, new Answer(status, body));
    }

    /** Every request so far, {@code METHOD /path?query} with the query decoded. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The body of every request so far, in the order of {@link #requests()}. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The {@code Authorization} header of every request so far ("" where there was none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Runs {@code hookgate args --admin URL} against this stub, with a token in the environment and dev mode's files in {@code devDir}. */
    public int run(final Path devDir, final String... args) {
        final String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--admin", url()))
            .toArray(String[]::new);
        return commandLine(Map.of(AdminCommand.TOKEN_ENV, "cli-test-token-000000"), devDir).execute(all);
    }

    /** The {@code hookgate} command line, its admin commands reading {@code environment} and dev mode's files in {@code devDir}. */
    public static CommandLine commandLine(final Map<String, String> environment, final Path devDir) {
        final CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return Hookgate.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(final Class<K> type) throws Exception {
                final K made = defaults.create(type);
                if (made instanceof AdminCommand command) {
                    command.lookIn(environment::get, devDir);
                }
                return made;
            }
        });
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        final Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
            new Answer(404, "{\"error\":\"not_found\",\"message\":\"no such admin path\"}"));
        final byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
