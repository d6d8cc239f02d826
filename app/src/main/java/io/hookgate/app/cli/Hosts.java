package io.hookgate.app.cli;

/** The address a client on this host uses to reach a server listening on a configured host. */
public final class Hosts {

    private Hosts() {
    }

    /** {@code 0.0.0.0} and {@code ::} (every address) become loopback; an IPv6 literal gets its brackets, for a URL. */
    public static String reachable(final String listenHost) {
        return switch (listenHost) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> listenHost.contains(":") && !listenHost.startsWith("[") ? "[" + listenHost + "]" : listenHost;
        };
    }
}
