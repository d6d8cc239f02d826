package io.hookgate.bench.dispatch;

import io.hookgate.bench.load.SignedWebhooks;
import io.hookgate.bench.proc.FreePorts;

import java.util.List;

/**
 * The configuration of a hookgate dispatcher that a benchmark runs: its broker and topic prefix, an
 * admin port of its own (free now), the one {@code standard-webhooks} source {@code bench} and the
 * given subscriptions of it, each signing with {@link SignedWebhooks#SECRET}.
 */
public final class DispatcherYaml {

    private DispatcherYaml() {
    }

    /**
     * The whole file.
     *
     * @param subscriptions lines made by {@link #subscription}
     * @param dispatch      the keys of {@code dispatch}, e.g. {@code retryDelays: [30s]}
     */
    public static String config(final String bootstrapServers, final String prefix, final int partitions, final List<String> subscriptions,
                                final String dispatch) {
        return "kafka: {bootstrapServers: \"" + bootstrapServers + "\", topicPrefix: \"" + prefix + "\", partitions: " + partitions
            + "}\nadmin: {host: 127.0.0.1, port: " + FreePorts.next() + "}\nsources:\n  bench: {provider: standard-webhooks, secrets: [\""
            + SignedWebhooks.SECRET + "\"]}\nsubscriptions:\n" + String.join("", subscriptions) + "dispatch: {" + dispatch + "}\n";
    }

    /** The line of subscription {@code id} of source {@code bench} to {@code url} (any address), with further {@code settings}. */
    public static String subscription(final String id, final String url, final String settings) {
        return "  " + id + ": {url: \"" + url + "\", allowInsecureUrl: true, sources: [bench], secret: \"" + SignedWebhooks.SECRET + "\", "
            + settings + "}\n";
    }
}
