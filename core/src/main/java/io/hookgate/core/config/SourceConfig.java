package io.hookgate.core.config;

import io.hookgate.core.catalog.EventCatalog;
import io.hookgate.core.net.CidrBlock;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.hookgate.core.config.ConfigKey.optional;
import static io.hookgate.core.config.ConfigKey.required;

/**
 * One entry of section {@code sources}: a sender of webhooks, reached at
 * {@code POST /webhooks/{id}}. The keys common to every provider are defined here; a provider
 * defines its own extra keys ({@link ProviderSpec#options()}), read into {@link #options()}.
 *
 * @param catalogue the event types known for this source: its provider's published list and its
 *                  declared {@code eventTypes}, with their compiled schemas
 */
public record SourceConfig(
    String id,
    String provider,
    List<String> secrets,
    Optional<String> tenant,
    int toleranceSeconds,
    int maxBodyBytes,
    List<CidrBlock> allowedIps,
    Duration dedupRetention,
    Optional<String> publicUrl,
    int rateLimitPerSecond,
    List<String> allowedUserAgents,
    ConfigValues options,
    EventCatalog catalogue) {

    /** What a source id may look like: it becomes part of a path, a topic name and a record key. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public static final ConfigKey<String> PROVIDER = required("provider", ValueType.STRING,
        "Verification scheme: stripe, github, standard-webhooks, hmac, ...");
    public static final ConfigKey<List<String>> SECRETS = optional("secrets", ValueType.STRING_LIST, List.of(),
        "Secrets to verify with; several while rotating, every one is tried. A source with none rejects everything.")
        .validatedBy(Validator.each(Validator.nonEmpty().and(Validator.noSurroundingWhitespace()))).secret();
    public static final ConfigKey<String> TENANT = optional("tenant", ValueType.STRING, null,
        "Tenant owning the source; a subscription sees only its own tenant's sources.")
        .validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Integer> TOLERANCE_SECONDS = optional("toleranceSeconds", ValueType.INT, 300,
        "Replay window of schemes that sign a timestamp, counted from the time the ingress received the request.")
        .validatedBy(Validator.between(1, 7 * 86_400));
    public static final ConfigKey<Integer> MAX_BODY_BYTES = optional("maxBodyBytes", ValueType.INT, 1_048_576,
        "Largest request body accepted; larger ones are answered 413.")
        .validatedBy(Validator.between(1, 64 * 1_048_576));
    public static final ConfigKey<List<CidrBlock>> ALLOWED_IPS = optional("allowedIps", ValueType.CIDR_LIST, List.of(),
        "Client addresses allowed to call this source (CIDR blocks); empty allows every address.");
    public static final ConfigKey<Duration> DEDUP_RETENTION = optional("dedupRetention", ValueType.DURATION, Duration.ofDays(7),
        "How long an event id is remembered to drop duplicates.")
        .validatedBy(Validator.positive());
    public static final ConfigKey<String> PUBLIC_URL = optional("publicUrl", ValueType.STRING, null,
        "The exact URL the provider calls, for schemes that sign the URL (twilio, square).")
        .validatedBy(SourceConfig::checkUrl);
    public static final ConfigKey<Integer> RATE_LIMIT_PER_SECOND = optional("rateLimitPerSecond", ValueType.INT, 0,
        "Requests per second accepted for this source; 0 means no limit.")
        .validatedBy(Validator.atLeast(0));

    public static final ConfigKey<List<DeclaredEventType>> EVENT_TYPES = optional("eventTypes", DeclaredEventType.LIST, List.of(),
        "Event types this source sends: names, or {name, schema} with the path of a JSON Schema file (relative to the "
            + "configuration file). They are added to the list of types hookgate ships for the provider, where "
            + "it ships one (a declared schema applies to a listed type too). Subscriptions' eventTypes must match "
            + "one of the known types (unknown_event_type); a payload breaking its type's schema is rejected (schema_violation); "
            + "a publisher source that declares types rejects any other (unknown_event_type).")
        .validatedBy(DeclaredEventType::checkUnique);

    public static final ConfigKey<List<String>> ALLOWED_USER_AGENTS = optional("allowedUserAgents", ValueType.STRING_LIST, List.of(),
        "User-Agent values allowed to call this source, exact or with * for any run of characters (e.g. \"GitHub-Hookshot/*\"), "
            + "case-sensitive; a request without one, or with another, is answered 403 user_agent_not_allowed. Empty allows every "
            + "User-Agent. A User-Agent is no credential (anyone can send any): use it beside a secret and allowedIps, not instead.")
        .validatedBy(Validator.each(Validator.nonEmpty().and(Validator.noSurroundingWhitespace()).and(SourceConfig::checkUserAgent)));

    /** The keys every source has, whatever its provider. */
    public static final ConfigDef COMMON_DEF = ConfigDef.of(PROVIDER, SECRETS, TENANT, TOLERANCE_SECONDS, MAX_BODY_BYTES,
        ALLOWED_IPS, DEDUP_RETENTION, PUBLIC_URL, RATE_LIMIT_PER_SECOND, ALLOWED_USER_AGENTS, EVENT_TYPES);

    /** The longest allowed User-Agent pattern: senders' User-Agents are short. */
    static final int MAX_USER_AGENT_PATTERN = 256;

    static SourceConfig from(final String id, final ConfigValues values, final EventCatalog catalogue) {
        return new SourceConfig(id, values.get(PROVIDER), values.get(SECRETS), Optional.ofNullable(values.get(TENANT)),
            values.get(TOLERANCE_SECONDS), values.get(MAX_BODY_BYTES), values.get(ALLOWED_IPS),
            values.get(DEDUP_RETENTION), Optional.ofNullable(values.get(PUBLIC_URL)), values.get(RATE_LIMIT_PER_SECOND),
            values.get(ALLOWED_USER_AGENTS), values, catalogue);
    }

    /** A User-Agent pattern is printable ASCII (what a header carries), of bounded length, and not only wildcards. */
    private static void checkUserAgent(final String value, final String path, final ConfigProblems problems) {
        if (value.isBlank()) {
            return;
        }
        if (value.length() > MAX_USER_AGENT_PATTERN) {
            problems.add(path, "longer than " + MAX_USER_AGENT_PATTERN + " characters");
        } else if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            problems.add(path, "'" + value.replaceAll("[^\\x20-\\x7e]", "?") + "' has a character a User-Agent header cannot carry "
                + "(only printable ASCII)");
        } else if (value.chars().allMatch(c -> c == '*')) {
            problems.add(path, "'" + value + "' matches every User-Agent; leave allowedUserAgents empty to allow all");
        }
    }

    /** An absolute http(s) URL: what a source's publicUrl and the tracing exporter's endpoint must be. */
    static void checkUrl(final String value, final String path, final ConfigProblems problems) {
        try {
            final URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(path, "'" + value + "' is not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            problems.add(path, "'" + value + "' is not a URL: " + e.getReason());
        }
    }

    /** Secrets never printed: a configuration in a log line or an error message shows how many, not what. */
    @Override
    public String toString() {
        return "SourceConfig[id=" + id + ", provider=" + provider + ", secrets=" + secrets.size() + " hidden, tenant=" + tenant.orElse("-")
            + ", publicUrl=" + publicUrl.map(url -> "set").orElse("-") + "]";
    }
}
