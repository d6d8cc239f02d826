package io.hookgate.core.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.hookgate.core.text.DidYouMean;

/**
 * The checks of one subscription against the sources it names: each is configured, belongs to the
 * subscription's tenant, and each of its {@code eventTypes} matches a type the sources are known
 * to send ({@link EventTypeCheck}). The same for a subscription in the file and one made through
 * the admin API.
 */
public final class SubscriptionChecks {

    private SubscriptionChecks() {
    }

    /**
     * Reports what is wrong with {@code subscription} (found at {@code path}).
     *
     * @param declared ids of every source in the configuration, those with problems of their own too
     * @param sources  the sources that were read without problems
     */
    public static void check(final SubscriptionConfig subscription, final String path, final Set<String> declared,
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
}
