package io.hookgate.core.text;

import io.hookgate.core.config.EditDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a typo most likely meant: the nearest by edit distance (case ignored), when it is
 * at most two edits away, else the one known name it is the beginning of. Used wherever a name is refused: configuration keys and values, admin
 * API parameters, CLI commands and options.
 */
public final class DidYouMean {

    private static final int MAX_DISTANCE = 2;
    private static final int MIN_PREFIX = 3;

    private DidYouMean() {
    }

    /** The known name nearest to {@code unknown}, if any is close enough to be the one meant. */
    public static Optional<String> nearest(final String unknown, final Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            final int distance = EditDistance.between(candidate.toLowerCase(Locale.ROOT), unknown.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (bestDistance <= MAX_DISTANCE) {
            return Optional.ofNullable(best);
        }
        // A name cut short: the one known name it begins.
        final String prefix = unknown.toLowerCase(Locale.ROOT);
        final java.util.List<String> begun = prefix.length() < MIN_PREFIX ? java.util.List.of()
            : known.stream().filter(candidate -> candidate.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        return begun.size() == 1 ? Optional.of(begun.get(0)) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"}, else {@code " (known: a, b, c)"}: the hint to append after an unknown name. */
    public static String hint(final String unknown, final Collection<String> known) {
        return nearest(unknown, known).map(best -> " (did you mean '" + best + "'?)")
            .orElse(known.isEmpty() ? " (none is accepted here)" : " (known: " + String.join(", ", known) + ")");
    }
}
