package io.hookgate.admin.api;

import java.util.Collection;

/** The hint after an unknown name: the known name a typo most likely meant, else every known name. */
final class DidYouMean {

    private DidYouMean() {
    }

    static String hint(final String unknown, final Collection<String> known) {
        return io.hookgate.core.text.DidYouMean.hint(unknown, known);
    }
}
