package io.hookgate.core.config;

import static io.hookgate.core.config.ConfigKey.optional;

/** Section {@code dev}: what only {@code hookgate dev} uses (embedded broker and demo receiver). */
public record DevSettings(String dataDir, int controllerPort, int receiverPort) {

    public static final ConfigKey<String> DATA_DIR = optional("dataDir", ValueType.STRING, ".hookgate",
        "Directory of the embedded broker's data and the processor's state in dev mode.").validatedBy(Validator.nonEmpty());
    public static final ConfigKey<Integer> CONTROLLER_PORT = optional("controllerPort", ValueType.INT, 9093,
        "Port of the embedded broker's KRaft controller (loopback only).").validatedBy(Validator.between(1, 65_535));
    public static final ConfigKey<Integer> RECEIVER_PORT = optional("receiverPort", ValueType.INT, 8090,
        "Port of the demo receiver that dev mode starts beside itself; 0 starts none.").validatedBy(Validator.between(0, 65_535));

    public static final ConfigDef DEF = ConfigDef.of(DATA_DIR, CONTROLLER_PORT, RECEIVER_PORT);

    static DevSettings from(final ConfigValues values) {
        return new DevSettings(values.get(DATA_DIR), values.get(CONTROLLER_PORT), values.get(RECEIVER_PORT));
    }
}
