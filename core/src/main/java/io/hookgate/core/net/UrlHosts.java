package io.hookgate.core.net;

import java.net.URI;

/** The host of a URL, also where {@link URI#getHost()} gives up (numeric spellings such as {@code 127.1}). */
public final class UrlHosts {

    private UrlHosts() {
    }

    /** The host of {@code uri} without brackets' content changed, or empty when it has none. */
    public static String host(final URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return "";
        }
        final int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        if (authority.startsWith("[")) {
            final int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        final int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
