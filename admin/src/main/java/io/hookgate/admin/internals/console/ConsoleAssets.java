package io.hookgate.admin.internals.console;

import io.hookgate.core.id.StableIds;
import io.hookgate.core.json.ErrorBody;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The operator console's files, served from the classpath ({@code console/} beside this class's
 * jar) under {@value #PATH}: {@code /console} and {@code /console/} answer the page
 * ({@code index.html}), {@code /console/NAME.js|css|svg} the file of that name. Only a plain name
 * is looked up (no {@code /}, no {@code ..}), and only GET and HEAD are answered; anything else
 * answers a JSON error ({@code not_found}, {@code method_not_allowed}).
 *
 * <p>Every answer carries a strict Content-Security-Policy (scripts, styles and requests from this
 * origin only, no inline script or style, no framing), {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer} and its content type. Files are revalidated on every use
 * ({@code Cache-Control: no-cache} with a strong {@code ETag}, answered {@code 304} to a matching
 * {@code If-None-Match}), so a new version of hookgate is never hidden behind an old cached script.
 * The console holds no credentials itself: it signs in with a bearer token kept in the tab's
 * {@code sessionStorage}.
 */
public final class ConsoleAssets implements HttpHandler {

    /** Where the console is served. */
    public static final String PATH = "/console";
    /** The policy every answer carries. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String ROOT = "console/";
    private static final String PAGE = "index.html";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml");

    private record Asset(byte[] bytes, String type, String etag) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> loaded = new ConcurrentHashMap<>();

    public ConsoleAssets() {
        this(ConsoleAssets.class.getClassLoader());
    }

    ConsoleAssets(final ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) {
        secure(exchange);
        final HttpString method = exchange.getRequestMethod();
        if (!Methods.GET.equals(method) && !Methods.HEAD.equals(method)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            error(exchange, 405, "method_not_allowed", "the console's files answer GET and HEAD only");
            return;
        }
        final String path = exchange.getRequestPath();
        final String name = path.equals(PATH) || path.equals(PATH + "/") ? PAGE : path.substring(PATH.length() + 1);
        final Optional<Asset> asset = NAME.matcher(name).matches() ? loaded.computeIfAbsent(name, this::load) : Optional.empty();
        if (asset.isEmpty()) {
            error(exchange, 404, "not_found", "no such console file");
            return;
        }
        final Asset found = asset.get();
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(Headers.ETAG, found.etag());
        final String match = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (match != null && match.contains(found.etag())) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, found.type());
        if (Methods.HEAD.equals(method)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, found.bytes().length);
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(found.bytes()));
    }

    /** The headers every answer of the console carries, its errors included. */
    static void secure(final HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(new HttpString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
        exchange.getResponseHeaders().put(new HttpString("X-Frame-Options"), "DENY");
        exchange.getResponseHeaders().put(new HttpString("Referrer-Policy"), "no-referrer");
    }

    private Optional<Asset> load(final String name) {
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            final byte[] bytes = in.readAllBytes();
            final String extension = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new Asset(bytes, TYPES.get(extension), '"' + StableIds.sha256Hex(bytes).substring(0, 32) + '"'));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + name, e);
        }
    }

    private static void error(final HttpServerExchange exchange, final int status, final String code, final String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ErrorBody.json(code, message), StandardCharsets.UTF_8);
    }
}
