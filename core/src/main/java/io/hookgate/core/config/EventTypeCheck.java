package io.hookgate.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a subscription's {@code eventTypes} against the catalogues of its sources: a pattern
 * that matches none of the types known for them is {@code unknown_event_type}, with the nearest
 * known types (did you mean) or the known ones. Only where every source of the subscription has a
 * catalogue: of a source with none, any type may come. The one check for subscriptions from the
 * file and, later, from the admin API.
 */
public final class EventTypeCheck {

    /** Known types listed whole up to this many; beyond, the nearest few. */
    private static final int MAX_LISTED = 12;
    private static final int MAX_SUGGESTED = 3;

    private EventTypeCheck() {
    }

    /**
     * Reports each pattern of {@code subscription} (found at {@code path}) that matches no type known
     * for its sources among {@code sources}; says nothing when a source is missing or has no catalogue.
     */
    public static void check(final SubscriptionConfig subscription, final String path, final Map<String, SourceConfig> sources,
                             final ConfigProblems problems) {
        final SortedSet<String> known = new TreeSet<>();
        for (String id : subscription.sources()) {
            final SourceConfig source = sources.get(id);
            if (source == null || source.catalogue().isEmpty()) {
                return;
            }
            known.addAll(source.catalogue().types());
        }
        if (known.isEmpty()) {
            return;
        }
        final List<EventTypePattern> patterns = subscription.eventTypes();
        for (int i = 0; i < patterns.size(); i++) {
            final EventTypePattern pattern = patterns.get(i);
            if (known.stream().noneMatch(pattern::matches)) {
                problems.add(ConfigProblems.index(ConfigProblems.child(path, SubscriptionConfig.EVENT_TYPES.name()), i),
                    "unknown_event_type '" + pattern + "' matches no event type of source" + (subscription.sources().size() == 1 ? " " : "s ")
                        + String.join(", ", subscription.sources()) + hint(pattern.toString(), known));
            }
        }
    }

    /** {@code ; did you mean a?}, else the known types (or the nearest of many). */
    static String hint(final String pattern, final SortedSet<String> known) {
        final List<String> candidates = new ArrayList<>(known);
        if (pattern.contains("*")) {
            // A glob is best compared with globs: invoce.* is nearest to invoice.*, not to invoice.paid.
            candidates.addAll(globs(known));
        }
        final Comparator<String> nearest = Comparator.<String>comparingInt(candidate -> EditDistance.between(pattern, candidate))
            .thenComparing(Comparator.naturalOrder());
        final List<String> ranked = candidates.stream().distinct().sorted(nearest).toList();
        final int best = EditDistance.between(pattern, ranked.get(0));
        if (best <= Math.max(2, pattern.length() / 4)) {
            return "; did you mean " + ranked.stream().filter(candidate -> EditDistance.between(pattern, candidate) == best)
                .limit(MAX_SUGGESTED).collect(Collectors.joining(" or ")) + "?";
        }
        if (known.size() <= MAX_LISTED) {
            return "; known types: " + String.join(", ", known);
        }
        return "; the nearest of its " + known.size() + " known types: " + known.stream().sorted(nearest).limit(MAX_SUGGESTED)
            .collect(Collectors.joining(", "));
    }

    /** The globs that a subscription could mean of each known type: {@code invoice.*}, {@code *.paid}. */
    private static SortedSet<String> globs(final SortedSet<String> known) {
        final SortedSet<String> globs = new TreeSet<>();
        for (String type : known) {
            for (int i = 0; i < type.length(); i++) {
                if (type.charAt(i) == '.' || type.charAt(i) == '/') {
                    globs.add(type.substring(0, i + 1) + "*");
                    globs.add("*" + type.substring(i));
                }
            }
        }
        return globs;
    }
}
