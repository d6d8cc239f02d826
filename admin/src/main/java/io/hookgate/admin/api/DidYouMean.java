package io.hookgate.admin.api;

import io.hookgate.core.config.EditDistance;

import java.util.Collection;
import java.util.Locale;

/** The hint after an unknown name: the known name a typo most likely meant, else every known name. */
final class DidYouMean {

    private static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    static String hint(final String unknown, final Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            final int distance = EditDistance.between(candidate.toLowerCase(Locale.ROOT), unknown.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= MAX_DISTANCE) {
            return " (did you mean '" + best + "'?)";
        }
        return known.isEmpty() ? " (none is accepted here)" : " (known: " + String.join(", ", known) + ")";
    }
}
