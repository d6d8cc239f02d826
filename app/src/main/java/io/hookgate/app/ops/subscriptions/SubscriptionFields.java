package io.hookgate.app.ops.subscriptions;

import io.hookgate.app.cli.CliFailure;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code create} and {@code update} that set a subscription's fields, and the JSON
 * body they make: only the fields given, named as the admin API names them. A duration is checked
 * here (so that a typo fails before anything is sent) and sent as written; everything else is
 * validated by the admin API, as a whole.
 */
final class SubscriptionFields {

    @Option(names = "--url", paramLabel = "URL", description = "Where deliveries go: https, and not a private or loopback address "
        + "unless --allow-insecure-url.")
    String url;

    @Option(names = "--source", paramLabel = "SOURCE", split = ",",
        description = "A source whose events it receives; repeat it (or separate by commas) for several.")
    List<String> sources;

    @Option(names = "--event-type", paramLabel = "PATTERN", split = ",",
        description = "An event type it receives (* for any characters: invoice.*); repeat it for several. None: every type.")
    List<String> eventTypes;

    @Option(names = "--secret", paramLabel = "SECRET",
        description = "Its signing secret, whsec_ and base64 (hookgate secret new makes one). Default on create: a fresh one.")
    String secret;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long one attempt may take, e.g. 10s.")
    String timeout;

    @Option(names = "--rate-limit", paramLabel = "N", description = "At most N deliveries a second (rateLimitPerSecond).")
    Integer rateLimitPerSecond;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "At most N deliveries waiting for an answer at once.")
    Integer maxInFlight;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "The tenant it belongs to; it may name only that tenant's sources.")
    String tenant;

    @Option(names = "--allow-insecure-url", arity = "0..1", paramLabel = "true|false", fallbackValue = "true",
        description = "Allow plain http and private or loopback addresses (internal receivers only; the operator's token alone may); "
            + "=false forbids them again.")
    Boolean allowInsecureUrl;

    @Option(names = "--description", paramLabel = "TEXT", description = "What it is for, for people.")
    String description;

    @Option(names = "--retry-delay", paramLabel = "DURATION", split = ",",
        description = "Its own retry ladder, each delay one of dispatch.retryDelays (repeat, or a,b,c): e.g. --retry-delay 5s "
            + "to give up after one retry.")
    List<String> retryDelays;

    @Option(names = "--disable-after", paramLabel = "DURATION",
        description = "Disable it after its breaker has been open this long (disableAfter; 0s: never).")
    String disableAfter;

    /**
     * The body of these fields: only those given, in the admin API's names.
     *
     * @throws CliFailure when {@code --timeout} is not a duration
     */
    Map<String, Object> body() {
        final Map<String, Object> body = new LinkedHashMap<>();
        put(body, "url", url);
        put(body, "sources", sources);
        put(body, "eventTypes", eventTypes);
        put(body, "secret", secret);
        put(body, "timeout", SubscriptionCommand.duration("--timeout", timeout));
        put(body, "rateLimitPerSecond", rateLimitPerSecond);
        put(body, "maxInFlight", maxInFlight);
        put(body, "tenant", tenant);
        put(body, "allowInsecureUrl", allowInsecureUrl);
        put(body, "description", description);
        put(body, "retryDelays", retryDelays == null ? null
            : retryDelays.stream().map(delay -> SubscriptionCommand.duration("--retry-delay", delay)).toList());
        put(body, "disableAfter", SubscriptionCommand.duration("--disable-after", disableAfter));
        return body;
    }

    private static void put(final Map<String, Object> body, final String name, final Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
