package io.hookgate.ingress;

import java.util.List;

/**
 * A source's {@code allowedUserAgents}: each pattern is the exact User-Agent, with {@code *}
 * standing for any run of characters; case-sensitive. No patterns allow every request; with
 * patterns, a request without a User-Agent (or with several) is refused. Matching takes at most
 * time proportional to the pattern's length times the header's, whatever either holds (no regular
 * expressions, so a sender's header cannot make it backtrack).
 */
final class UserAgents {

    private final List<String> patterns;

    private UserAgents(final List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    static UserAgents of(final List<String> patterns) {
        return new UserAgents(patterns);
    }

    /** @param values every User-Agent header of the request (none, one, or several) */
    boolean allows(final List<String> values) {
        if (patterns.isEmpty()) {
            return true;
        }
        if (values.size() != 1) {
            return false;
        }
        final String value = values.get(0);
        for (String pattern : patterns) {
            if (matches(pattern, value)) {
                return true;
            }
        }
        return false;
    }

    /** Wildcard matching that, on a mismatch, only ever moves back to just after the last {@code *}. */
    static boolean matches(final String pattern, final String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int afterStar = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                afterStar = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++afterStar;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
