package io.hookgate.app.tail;

import io.hookgate.app.cli.CliFailure;
import io.hookgate.app.cli.ExitCodes;
import io.hookgate.core.net.AddressPolicy;
import io.hookgate.core.net.IpLiteral;
import io.hookgate.core.net.UrlHosts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The subscription {@code hookgate listen} makes for as long as it runs: an id of its own
 * ({@code listen-} and 8 hex digits), the URL to forward to, the sources and event types, and
 * {@code allowInsecureUrl} when the URL's host is a loopback or private address (a local app, which
 * a subscription may not name otherwise). The gateway makes its signing secret.
 *
 * @param id               the subscription's id
 * @param url              where deliveries go
 * @param sources          the sources whose events it receives, at least one
 * @param eventTypes       the event type patterns it receives (empty: every type)
 * @param allowInsecureUrl whether {@code url}'s host is not a public address
 */
record ListenSubscription(String id, String url, List<String> sources, List<String> eventTypes, boolean allowInsecureUrl) {

    /** The collection of subscriptions on the admin port. */
    static final String PATH = "/admin/subscriptions";

    /** What every id of a listen subscription starts with. */
    static final String ID_PREFIX = "listen-";

    ListenSubscription {
        sources = List.copyOf(sources);
        eventTypes = List.copyOf(eventTypes);
    }

    /**
     * The subscription forwarding to {@code forwardTo}, its id made from {@code random}.
     *
     * @throws CliFailure (usage) when {@code forwardTo} is not an http(s) URL, or there is no source
     */
    static ListenSubscription of(final String forwardTo, final List<String> sources, final List<String> eventTypes,
                                 final Random random) {
        final URI url = url(forwardTo);
        if (sources.isEmpty()) {
            throw CliFailure.usage("listen needs at least one --source (or --config FILE, whose sources are then all forwarded)");
        }
        final byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return new ListenSubscription(ID_PREFIX + HexFormat.of().formatHex(bytes), forwardTo, sources, eventTypes, local(url));
    }

    /** The body of {@code POST /admin/subscriptions} that makes it. */
    Map<String, Object> body() {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("url", url);
        body.put("sources", sources);
        if (!eventTypes.isEmpty()) {
            body.put("eventTypes", eventTypes);
        }
        body.put("allowInsecureUrl", allowInsecureUrl);
        body.put("description", "hookgate listen --forward-to " + url + " (deleted when that command stops)");
        return body;
    }

    private static URI url(final String text) {
        final URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new CliFailure(ExitCodes.USAGE, "--forward-to " + text + " is not a URL (" + e.getReason() + "); give one such as "
                + "http://localhost:3000/hook", e);
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("http", "https").contains(scheme) || UrlHosts.host(uri).isEmpty() || uri.getRawFragment() != null) {
            throw CliFailure.usage("--forward-to " + text + " is not an http(s) URL such as http://localhost:3000/hook");
        }
        return uri;
    }

    /** Whether {@code url}'s host is no public address: a loopback, private, link-local, ... literal, or a name that resolves to one. */
    static boolean local(final URI url) {
        final String host = UrlHosts.host(url).toLowerCase(Locale.ROOT);
        if ("localhost".equals(host) || host.endsWith(".localhost")) {
            return true;
        }
        final Optional<InetAddress> literal = IpLiteral.parse(host);
        if (literal.isPresent()) {
            return AddressPolicy.refusal(literal.get()).isPresent();
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).anyMatch(address -> AddressPolicy.refusal(address).isPresent());
        } catch (UnknownHostException unknown) {
            // A name this host cannot resolve: a public URL as far as can be told; the gateway judges it when it is made.
            return false;
        }
    }
}
