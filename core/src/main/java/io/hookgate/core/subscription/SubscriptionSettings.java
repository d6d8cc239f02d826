package io.hookgate.core.subscription;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.ConfigProblems;
import io.hookgate.core.config.ConfigValues;
import io.hookgate.core.config.SubscriptionConfig;

import java.util.List;
import java.util.Optional;

/**
 * Reads a subscription from its keys as the configuration file spells them, whether they come from
 * the file, an admin API request or the {@code subscriptions} topic: one definition
 * ({@link SubscriptionConfig#DEF}), so every place accepts and refuses the same.
 */
public final class SubscriptionSettings {

    private SubscriptionSettings() {
    }

    /**
     * The subscription {@code id} of {@code settings} (without secrets or tenant) signed by
     * {@code secrets} (current first) in {@code tenant}; every problem is reported under {@code path}.
     *
     * @return the subscription, or empty when there was a problem
     */
    public static Optional<SubscriptionConfig> read(final String id, final ObjectNode settings, final List<String> secrets,
                                                    final Optional<String> tenant, final String path, final ConfigProblems problems) {
        final ObjectNode node = settings.deepCopy();
        final ArrayNode secretList = node.putArray(SubscriptionConfig.SECRETS.name());
        secrets.forEach(secretList::add);
        tenant.ifPresent(value -> node.put(SubscriptionConfig.TENANT.name(), value));
        final int before = problems.size();
        final ConfigValues values = SubscriptionConfig.DEF.read(node, path, problems);
        final SubscriptionConfig subscription = SubscriptionConfig.from(id, values, path, problems);
        return problems.size() > before ? Optional.empty() : Optional.of(subscription);
    }

    /** An empty settings object. */
    public static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }
}
