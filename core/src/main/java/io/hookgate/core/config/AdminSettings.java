package io.hookgate.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static io.hookgate.core.config.ConfigKey.optional;

/**
 * Section {@code admin}: the port serving health and metrics (and, in the admin part, the admin API), and
 * where operational events are also posted.
 *
 * @param notifyUrl    where each operational event ({@code events.operational}) is also posted, signed; empty: nowhere
 * @param notifySecret the Standard Webhooks secret ({@code whsec_...}) signing those posts; set when {@code notifyUrl} is
 */
public record AdminSettings(String host, int port, Optional<String> token, String stateDir, Optional<String> secretsKey,
                            List<TenantToken> tokens, Optional<URI> notifyUrl, Optional<String> notifySecret) {

    /** The length of {@code secretsKey} once decoded: an AES-256 key. */
    public static final int SECRETS_KEY_BYTES = 32;

    // Loopback by default: the admin port carries the operators' API, which must be exposed on purpose.
    public static final ConfigKey<String> HOST = optional("host", ValueType.STRING, "127.0.0.1",
        "Address the admin server listens on; loopback by default, 0.0.0.0 to serve probes and scrapes from the network.")
        .validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Integer> PORT = optional("port", ValueType.INT, 8081,
        "Port of /healthz, /readyz and /metrics of every part, and of the admin API in the admin part (hookgate admin, "
            + "hookgate dev); two processes on one host need different ones.").validatedBy(Validator.between(0, 65_535));
    public static final ConfigKey<String> TOKEN = optional("token", ValueType.STRING, null,
        "Bearer token of the admin API; without one the admin API is off (dev mode generates one).")
        .validatedBy(AdminSettings::checkToken).secret();

    public static final ConfigKey<String> STATE_DIR = optional("stateDir", ValueType.STRING, ".hookgate/admin",
        "Directory under which the admin part keeps its local index of the DLQ, rejected, attempts and verified topics (rebuilt from "
            + "Kafka when lost), in a folder named after admin.port (port-8081), so admin parts on one host never share one.")
        .validatedBy(Validator.nonEmpty());

    public static final ConfigKey<String> SECRETS_KEY = optional("secretsKey", ValueType.STRING, null,
        "Key sealing the signing secrets of subscriptions made through the admin API (AES-GCM): base64 of 32 bytes, "
            + "best given as ${HOOKGATE_SECRETS_KEY}; every dispatcher and admin needs the same one (dev mode keeps one "
            + "under .hookgate/). Without it, subscriptions cannot be created at run time.")
        .validatedBy((value, path, problems) -> {
            try {
                if (Base64.getDecoder().decode(value.trim()).length != SECRETS_KEY_BYTES) {
                    problems.add(path, "must be base64 of " + SECRETS_KEY_BYTES + " bytes (make one: openssl rand -base64 32)");
                }
            } catch (IllegalArgumentException e) {
                problems.add(path, "not base64 (make one: openssl rand -base64 32)");
            }
        }).secret();
    public static final ConfigKey<List<TenantToken>> TOKENS = optional("tokens", TenantToken.LIST, List.of(),
        "Tokens of tenants, each {token, tenant}: such a token sees and changes only its tenant's subscriptions, "
            + "deliveries, DLQ entries and the rejected requests of its sources.");

    public static final ConfigKey<String> NOTIFY_URL = optional("notifyUrl", ValueType.STRING, null,
        "Where each operational event (subscription.breaker_opened, subscription.breaker_closed, subscription.disabled) is also "
            + "POSTed, signed with notifySecret like any delivery (Standard Webhooks headers): an operator's own http or https "
            + "endpoint, so not held to the address rules of subscriptions. The topic events.operational has every event either way.")
        .validatedBy(AdminSettings::checkNotifyUrl);
    public static final ConfigKey<String> NOTIFY_SECRET = optional("notifySecret", ValueType.STRING, null,
        "Signing secret of the posts to notifyUrl, whsec_ followed by base64; required with notifyUrl.")
        .validatedBy(SigningSecret::check);

    public static final ConfigDef DEF = ConfigDef.of(HOST, PORT, TOKEN, STATE_DIR, SECRETS_KEY, TOKENS, NOTIFY_URL, NOTIFY_SECRET);

    public AdminSettings {
        tokens = List.copyOf(tokens);
    }

    /** Settings without a secrets key, tenant tokens or notify URL. */
    public AdminSettings(final String host, final int port, final Optional<String> token, final String stateDir) {
        this(host, port, token, stateDir, Optional.empty(), List.of());
    }

    /** Settings without a notify URL. */
    public AdminSettings(final String host, final int port, final Optional<String> token, final String stateDir,
                         final Optional<String> secretsKey, final List<TenantToken> tokens) {
        this(host, port, token, stateDir, secretsKey, tokens, Optional.empty(), Optional.empty());
    }

    static AdminSettings from(final ConfigValues values, final String path, final ConfigProblems problems) {
        if (values.get(NOTIFY_URL) != null && values.get(NOTIFY_SECRET) == null
            && !problems.reported(ConfigProblems.child(path, NOTIFY_SECRET.name()))) {
            problems.add(ConfigProblems.child(path, NOTIFY_SECRET.name()), "required with " + NOTIFY_URL.name());
        }
        return new AdminSettings(values.get(HOST), values.get(PORT), Optional.ofNullable(values.get(TOKEN)), values.get(STATE_DIR),
            Optional.ofNullable(values.get(SECRETS_KEY)).map(String::trim), values.get(TOKENS),
            Optional.ofNullable(values.get(NOTIFY_URL)).map(URI::create), Optional.ofNullable(values.get(NOTIFY_SECRET)));
    }

    private static void checkNotifyUrl(final String value, final String path, final ConfigProblems problems) {
        try {
            final URI uri = new URI(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(path, "'" + value + "' is not an absolute http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            problems.add(path, "'" + value + "' is not a URL: " + e.getReason());
        }
    }

    static void checkToken(final String value, final String path, final ConfigProblems problems) {
        if (value.length() < 16) {
            problems.add(path, "shorter than 16 characters");
        }
    }

    /** These settings with {@code generated} as the token when none is configured. */
    public AdminSettings withTokenIfAbsent(final String generated) {
        return token.isPresent() ? this
            : new AdminSettings(host, port, Optional.of(generated), stateDir, secretsKey, tokens, notifyUrl, notifySecret);
    }

    /** These settings with {@code generated} as the secrets key when none is configured. */
    public AdminSettings withSecretsKeyIfAbsent(final String generated) {
        return secretsKey.isPresent() ? this
            : new AdminSettings(host, port, token, stateDir, Optional.of(generated), tokens, notifyUrl, notifySecret);
    }

    /** These settings with the index kept under {@code directory}. */
    public AdminSettings withStateDir(final String directory) {
        return new AdminSettings(host, port, token, directory, secretsKey, tokens, notifyUrl, notifySecret);
    }

    /** Keys and tokens are secrets, and a notify URL may carry one in its query: never printed. */
    @Override
    public String toString() {
        return "AdminSettings[host=" + host + ", port=" + port + ", stateDir=" + stateDir + ", tenants=" + tokens.size()
            + ", notifyHost=" + notifyUrl.map(URI::getHost).orElse("none") + "]";
    }

    /**
     * The folder under {@code root} that belongs to the process serving {@link #port()}: {@code root/port-<port>},
     * so two processes on one host (whose ports must differ) never open the same local state; {@code root}
     * itself when the port is chosen at start (0), where each instance is given a root of its own (tests).
     */
    public Path folderOfThisProcess(final String root) {
        final Path folder = Path.of(root);
        return port == 0 ? folder : folder.resolve("port-" + port);
    }

}
