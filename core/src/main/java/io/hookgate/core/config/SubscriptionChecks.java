package io.hookgate.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.hookgate.core.text.DidYouMean;

/**
 * The checks of one subscription against the rest of the configuration: each source it names is
 * configured and belongs to the subscription's tenant, each of its {@code eventTypes} matches a
 * type the sources are known to send ({@link EventTypeCheck}), and each of its {@code retryDelays}
 * is a retry tier of {@code dispatch.retryDelays} (the tier topics are fixed by the configuration).
 * The same for a subscription in the file and one made through the admin API.
 */
public final class SubscriptionChecks {

    private SubscriptionChecks() {
    }

    /**
     * Reports what is wrong with {@code subscription} (found at {@code path}), its retry delays
     * included.
     *
     * @param declared ids of every source in the configuration, those with problems of their own too
     * @param sources  the sources that were read without problems
     * @param dispatch the dispatch section, whose retry delays are the tiers a subscription may use
     */
    public static void check(final SubscriptionConfig subscription, final String path, final Set<String> declared,
                             final Map<String, SourceConfig> sources, final DispatchSettings dispatch, final ConfigProblems problems) {
        checkSources(subscription, path, declared, sources, problems);
        checkRetryDelays(subscription, path, dispatch, problems);
    }

    /** Reports what is wrong with {@code subscription} (found at {@code path}) against its sources. */
    private static void checkSources(final SubscriptionConfig subscription, final String path, final Set<String> declared,
                                     final Map<String, SourceConfig> sources, final ConfigProblems problems) {
        final List<String> named = subscription.sources();
        for (int i = 0; i < named.size(); i++) {
            final String sourcePath = ConfigProblems.index(ConfigProblems.child(path, SubscriptionConfig.SOURCES.name()), i);
            final SourceConfig source = sources.get(named.get(i));
            if (!declared.contains(named.get(i))) {
                problems.add(sourcePath, "no source '" + named.get(i) + "' is configured"
                    + DidYouMean.hint(named.get(i), new TreeSet<>(declared)));
            } else if (source != null && !source.tenant().equals(subscription.tenant())
                && !problems.reported(ConfigProblems.child(path, SubscriptionConfig.TENANT.name()))) {
                problems.add(sourcePath, "source '" + source.id() + "' belongs to tenant " + source.tenant().orElse("(none)")
                    + ", the subscription to tenant " + subscription.tenant().orElse("(none)"));
            }
        }
        EventTypeCheck.check(subscription, path, sources, problems);
    }

    private static void checkRetryDelays(final SubscriptionConfig subscription, final String path, final DispatchSettings dispatch,
                                         final ConfigProblems problems) {
        final List<Duration> delays = subscription.retryDelays().orElse(List.of());
        final Set<Duration> tiers = Set.copyOf(dispatch.retryDelays());
        final String allowed = tiers.isEmpty() ? "dispatch.retryDelays is empty, so there is no retry tier"
            : "the retry tiers are those of dispatch.retryDelays: " + new TreeSet<>(tiers).stream().map(Durations::format)
                .collect(Collectors.joining(", "));
        for (int i = 0; i < delays.size(); i++) {
            if (!tiers.contains(delays.get(i))) {
                problems.add(ConfigProblems.index(ConfigProblems.child(path, SubscriptionConfig.RETRY_DELAYS.name()), i),
                    Durations.format(delays.get(i)) + " is not a retry tier; " + allowed);
            }
        }
    }
}
