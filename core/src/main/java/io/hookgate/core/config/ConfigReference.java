package io.hookgate.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The configuration reference, written from the one definition of each key. */
public final class ConfigReference {

    private ConfigReference() {
    }

    /** Every section and key, with type, default and documentation, as Markdown. */
    public static String markdown(final ProviderCatalog providers) {
        final StringBuilder out = new StringBuilder("# Configuration reference\n\n"
            + "Generated from the definitions in `core/src/main/java/io/hookgate/core/config/` and each provider's keys;\n"
            + "`ConfigReferenceTest` keeps it equal to the code (regenerate: `./mvnw -pl app -am test -Dtest=ConfigReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dconfig.update=true`).\n"
            + "`${NAME}` in any value reads the environment variable `NAME` (unset: a problem), `${NAME:-default}` the default when "
            + "`NAME` is unset or empty; durations are written `500ms`, `5s`, `5m`, `2h`, `7d`.\n"
            + "`hookgate config check` reads a file as the parts would, `hookgate config print` prints every key as it applies, "
            + "secrets masked.\n");
        section(out, "kafka", KafkaSettings.DEF);
        section(out, "ingress", IngressSettings.DEF);
        section(out, "sources.<id>", SourceConfig.COMMON_DEF);
        for (String name : providers.names()) {
            final ConfigDef options = providers.find(name).orElseThrow().options();
            if (!options.keys().isEmpty()) {
                section(out, "sources.<id> with provider: " + name, options);
            }
        }
        section(out, "subscriptions.<id>", SubscriptionConfig.DEF);
        section(out, "subscriptions.<id>.breaker", BreakerSettings.DEF);
        section(out, "dispatch", DispatchSettings.DEF);
        section(out, "admin", AdminSettings.DEF);
        section(out, "admin.tokens[]", TenantToken.DEF);
        section(out, "tenants.<id>", TenantSettings.DEF);
        section(out, "processor", ProcessorSettings.DEF);
        section(out, "dev", DevSettings.DEF);
        section(out, "tracing", TracingSettings.DEF);
        section(out, "logging", LoggingSettings.DEF);
        return out.toString();
    }

    private static void section(final StringBuilder out, final String title, final ConfigDef def) {
        out.append("\n## ").append(title).append("\n\n| key | type | default | what it is |\n| --- | --- | --- | --- |\n");
        for (ConfigKey<?> key : def.keys()) {
            out.append("| `").append(key.name()).append("` | ").append(key.type().describe()).append(" | ")
                .append(key.isRequired() ? "required" : format(key.defaultValue())).append(" | ")
                .append(key.doc().replace("|", "\\|")).append(key.isSecret() ? " Secret: masked by `hookgate config print`." : "")
                .append(" |\n");
        }
    }

    private static String format(final Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Duration duration) {
            return "`" + Durations.format(duration) + "`";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "`[]`" : "`[" + list.stream().map(ConfigReference::plain).collect(Collectors.joining(", ")) + "]`";
        }
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return "`{}`";
        }
        return "`" + value + "`";
    }

    private static String plain(final Object value) {
        return value instanceof Duration duration ? Durations.format(duration) : String.valueOf(value);
    }
}
