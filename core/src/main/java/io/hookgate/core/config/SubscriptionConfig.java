package io.hookgate.core.config;

import io.hookgate.core.net.AddressPolicy;
import io.hookgate.core.net.IpLiteral;
import io.hookgate.core.net.UrlHosts;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.hookgate.core.config.ConfigKey.optional;
import static io.hookgate.core.config.ConfigKey.required;

/**
 * One entry of section {@code subscriptions}: an HTTP endpoint receiving signed outbound webhooks
 * for the events of some sources.
 *
 * @param breaker     when the dispatcher stops attempting a failing endpoint and parks its tasks
 * @param disableAfter how long the breaker may stay open without a successful probe before the
 *                    dispatcher disables the subscription; zero: never
 * @param retryDelays this subscription's retry ladder, each delay one of {@code dispatch.retryDelays}
 *                    (checked by {@link SubscriptionChecks}); empty: the dispatch section's
 */
public record SubscriptionConfig(
    String id,
    URI url,
    List<String> sources,
    List<EventTypePattern> eventTypes,
    List<String> secrets,
    Duration timeout,
    int rateLimitPerSecond,
    boolean allowInsecureUrl,
    Optional<String> tenant,
    int maxInFlight,
    BreakerSettings breaker,
    Duration disableAfter,
    Optional<List<Duration>> retryDelays) {

    /** What a subscription id may look like: it becomes a record key and part of a webhook id. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public static final ConfigKey<String> URL = required("url", ValueType.STRING,
        "Endpoint receiving the webhooks: https, and a public address unless allowInsecureUrl.");
    public static final ConfigKey<List<String>> SOURCES = required("sources", ValueType.STRING_LIST,
        "Ids of the sources whose events this subscription receives.")
        .validatedBy(Validator.notEmptyList());
    public static final ConfigKey<List<EventTypePattern>> EVENT_TYPES = optional("eventTypes",
        ValueType.EVENT_TYPE_LIST, List.of(),
        "Event types to receive, * matching any run of characters; empty means all.");
    public static final ConfigKey<String> SECRET = optional("secret", ValueType.STRING, null,
        "Signing secret: whsec_ followed by the base64 of at least 16 random bytes (Standard Webhooks); "
            + "make one with hookgate secret new.")
        .validatedBy(SigningSecret::check).secret();
    public static final ConfigKey<List<String>> SECRETS = optional("secrets", ValueType.STRING_LIST, List.of(),
        "More signing secrets while rotating, each like secret: each attempt carries one signature per secret.")
        .validatedBy(Validator.each(SigningSecret::check)).secret();
    public static final ConfigKey<Duration> TIMEOUT = optional("timeout", ValueType.DURATION, Duration.ofSeconds(10),
        "Longest wait for the endpoint's answer to one attempt.")
        .validatedBy(Validator.positive());
    public static final ConfigKey<Integer> RATE_LIMIT_PER_SECOND = optional("rateLimitPerSecond", ValueType.INT, 0,
        "Deliveries per second at most; 0 means no limit.")
        .validatedBy(Validator.atLeast(0));
    public static final ConfigKey<Boolean> ALLOW_INSECURE_URL = optional("allowInsecureUrl", ValueType.BOOLEAN, false,
        "Allow plain http and private or loopback addresses, for internal receivers.");
    public static final ConfigKey<String> TENANT = optional("tenant", ValueType.STRING, null,
        "Tenant of this subscription: it may only name sources of the same tenant.")
        .validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Integer> MAX_IN_FLIGHT = optional("maxInFlight", ValueType.INT, 256,
        "Attempts to this endpoint in flight at once, at most: the cap of a limit that follows the endpoint "
            + "(it starts at 20, grows by one while a busy endpoint answers 2xx in time, and shrinks by a tenth at each "
            + "timeout, 429, 5xx or answer slower than half the timeout).")
        .validatedBy(Validator.between(1, 10_000));
    public static final ConfigKey<BreakerSettings> BREAKER = optional("breaker", BreakerSettings.TYPE, BreakerSettings.DEFAULT,
        "When the endpoint keeps failing, its tasks wait parked (in order, no attempt spent) instead of walking the retry ladder; "
            + "one probe at a time tests it, and a 2xx closes the breaker (keys in subscriptions.<id>.breaker).");
    public static final ConfigKey<Duration> DISABLE_AFTER = optional("disableAfter", ValueType.DURATION, Duration.ofDays(5),
        "How long the breaker may stay open without a successful probe before the dispatcher disables the subscription "
            + "(its tasks keep waiting; enabling it delivers them); 0s: never. A 410 Gone answer disables it at once.");
    public static final ConfigKey<List<Duration>> RETRY_DELAYS = optional("retryDelays", ValueType.DURATION_LIST, null,
        "This subscription's wait before each retry, each one of dispatch.retryDelays (the retry topics are fixed); "
            + "[] means no retry. Not set: dispatch.retryDelays.")
        .validatedBy(Validator.each(Validator.positive()));

    public static final ConfigDef DEF = ConfigDef.of(URL, SOURCES, EVENT_TYPES, SECRET, SECRETS, TIMEOUT,
        RATE_LIMIT_PER_SECOND, ALLOW_INSECURE_URL, TENANT, MAX_IN_FLIGHT, BREAKER, DISABLE_AFTER, RETRY_DELAYS);

    public SubscriptionConfig {
        retryDelays = retryDelays.map(List::copyOf);
    }

    /** A subscription with the default breaker, disable delay and the dispatch section's retry ladder. */
    public SubscriptionConfig(final String id, final URI url, final List<String> sources, final List<EventTypePattern> eventTypes,
                              final List<String> secrets, final Duration timeout, final int rateLimitPerSecond,
                              final boolean allowInsecureUrl, final Optional<String> tenant, final int maxInFlight) {
        this(id, url, sources, eventTypes, secrets, timeout, rateLimitPerSecond, allowInsecureUrl, tenant, maxInFlight,
            BreakerSettings.DEFAULT, DISABLE_AFTER.defaultValue(), Optional.empty());
    }

    /** The subscription {@code id} of {@code values} read at {@code path}; problems (a missing secret, a refused URL) reported. */
    public static SubscriptionConfig from(final String id, final ConfigValues values, final String path, final ConfigProblems problems) {
        final List<String> secrets = new ArrayList<>();
        if (values.get(SECRET) != null) {
            secrets.add(values.get(SECRET));
        }
        secrets.addAll(values.get(SECRETS));
        final String secretPath = ConfigProblems.child(path, SECRET.name());
        if (!values.isGiven(SECRET) && !values.isGiven(SECRETS) && !problems.reported(secretPath)
            && !problems.reported(ConfigProblems.child(path, SECRETS.name()))) {
            problems.add(secretPath, "required (or secrets); make one with: hookgate secret new");
        }
        final boolean insecure = values.get(ALLOW_INSECURE_URL);
        // Which URLs are allowed depends on allowInsecureUrl: with it refused, the URL is not judged by the default.
        final URI url = values.get(URL) == null || problems.reported(ConfigProblems.child(path, ALLOW_INSECURE_URL.name())) ? null
            : checkUrl(values.get(URL), insecure, ConfigProblems.child(path, URL.name()), problems);
        return new SubscriptionConfig(id, url, values.get(SOURCES) == null ? List.of() : values.get(SOURCES),
            values.get(EVENT_TYPES), List.copyOf(secrets), values.get(TIMEOUT), values.get(RATE_LIMIT_PER_SECOND),
            insecure, Optional.ofNullable(values.get(TENANT)), values.get(MAX_IN_FLIGHT), values.get(BREAKER), values.get(DISABLE_AFTER),
            Optional.ofNullable(values.get(RETRY_DELAYS)));
    }

    /** Whether events of this type are delivered to this subscription. */
    public boolean wantsType(final String eventType) {
        return eventTypes.isEmpty() || eventTypes.stream().anyMatch(pattern -> pattern.matches(eventType));
    }

    private static URI checkUrl(final String text, final boolean insecure, final String path, final ConfigProblems problems) {
        final URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(path, "'" + text + "' is not a URL: " + e.getReason());
            return null;
        }
        final String host = UrlHosts.host(uri);
        if (host.isEmpty() || uri.getScheme() == null) {
            problems.add(path, "'" + text + "' is not an absolute URL with a host");
            return null;
        }
        if (uri.getUserInfo() != null) {
            problems.add(path, "credentials in the URL are not allowed; use the signing secret");
        }
        if (insecure) {
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                problems.add(path, "scheme must be http or https");
            }
            return uri;
        }
        if (!"https".equals(uri.getScheme())) {
            problems.add(path, "must be https (set allowInsecureUrl: true for an internal receiver)");
        }
        IpLiteral.parse(host).flatMap(AddressPolicy::refusal).ifPresent(reason ->
            problems.add(path, "refused: " + reason + " (set allowInsecureUrl: true for an internal receiver)"));
        if ("localhost".equalsIgnoreCase(host) || host.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")) {
            problems.add(path, "refused: localhost is a loopback name (set allowInsecureUrl: true for an internal receiver)");
        }
        return uri;
    }

    /** Secrets never printed: a subscription in a log line or an error message shows how many, not what. */
    @Override
    public String toString() {
        return "SubscriptionConfig[id=" + id + ", url host=" + (url == null ? "-" : url.getHost()) + ", sources=" + sources
            + ", eventTypes=" + eventTypes + ", secrets=" + secrets.size() + " hidden, tenant=" + tenant.orElse("-") + "]";
    }
}
