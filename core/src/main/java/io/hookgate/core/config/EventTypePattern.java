package io.hookgate.core.config;

import java.util.regex.Pattern;

/**
 * A subscription's event-type filter: a literal type ({@code charge.succeeded}) or a glob where
 * {@code *} stands for any run of characters ({@code invoice.*}, {@code *.created}).
 */
public final class EventTypePattern {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_.:/*-]{1,200}");

    private final String glob;
    private final Pattern regex;

    private EventTypePattern(final String glob) {
        this.glob = glob;
        final StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        this.regex = Pattern.compile(regex.toString());
    }

    /**
     * Parses {@code glob}.
     *
     * @throws IllegalArgumentException when it uses characters other than letters, digits, {@code _.:/-} and {@code *}
     */
    public static EventTypePattern parse(final String glob) {
        if (!SYNTAX.matcher(glob).matches()) {
            throw new IllegalArgumentException("'" + glob + "' is not an event type pattern "
                + "(letters, digits, _ . : / - and * for any run of characters)");
        }
        return new EventTypePattern(glob);
    }

    public boolean matches(final String eventType) {
        return eventType != null && regex.matcher(eventType).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
