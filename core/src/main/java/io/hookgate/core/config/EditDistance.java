package io.hookgate.core.config;

/** Levenshtein distance, to suggest what a typo meant (a key, a field, an event type). */
public final class EditDistance {

    private EditDistance() {
    }

    /** The fewest single-character insertions, deletions and substitutions turning {@code a} into {@code b}. */
    public static int between(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            final int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
