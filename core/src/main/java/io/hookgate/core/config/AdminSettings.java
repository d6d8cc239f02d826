package io.hookgate.core.config;

import java.util.Optional;

import static io.hookgate.core.config.ConfigKey.optional;

/** Section {@code admin}: the port serving health, metrics and (with a token) the admin API. */
public record AdminSettings(String host, int port, Optional<String> token, String stateDir) {

    // Loopback by default: the admin port carries the operators' API, which must be exposed on purpose.
    public static final ConfigKey<String> HOST = optional("host", ValueType.STRING, "127.0.0.1",
        "Address the admin server listens on; loopback by default, 0.0.0.0 to serve probes and scrapes from the network.")
        .validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Integer> PORT = optional("port", ValueType.INT, 8081,
        "Port of /healthz, /readyz, /metrics and the admin API.").validatedBy(Validator.between(0, 65_535));
    public static final ConfigKey<String> TOKEN = optional("token", ValueType.STRING, null,
        "Bearer token of the admin API; without one the admin API is off (dev mode generates one).")
        .validatedBy((value, path, problems) -> {
            if (value.length() < 16) {
                problems.add(path, "shorter than 16 characters");
            }
        });

    public static final ConfigKey<String> STATE_DIR = optional("stateDir", ValueType.STRING, ".hookgate/admin",
        "Directory of the admin API's local index of the DLQ and rejected events (rebuilt from Kafka when lost).")
        .validatedBy(Validator.nonEmpty());

    public static final ConfigDef DEF = ConfigDef.of(HOST, PORT, TOKEN, STATE_DIR);

    static AdminSettings from(final ConfigValues values) {
        return new AdminSettings(values.get(HOST), values.get(PORT), Optional.ofNullable(values.get(TOKEN)), values.get(STATE_DIR));
    }

    /** These settings with {@code generated} as the token when none is configured. */
    public AdminSettings withTokenIfAbsent(final String generated) {
        return token.isPresent() ? this : new AdminSettings(host, port, Optional.of(generated), stateDir);
    }

    /** These settings with the index kept under {@code directory}. */
    public AdminSettings withStateDir(final String directory) {
        return new AdminSettings(host, port, token, directory);
    }
}
