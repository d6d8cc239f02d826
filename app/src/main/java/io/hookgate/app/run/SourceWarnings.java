package io.hookgate.app.run;

import io.hookgate.core.config.HookgateConfig;
import io.hookgate.core.config.SourceConfig;
import io.hookgate.core.health.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Check {@code sources} of {@code /readyz}: always ready (the configuration is valid), with the
 * sources that have no secret in its details ({@code {"withoutSecret": [...]}}): every request
 * they receive is stored, then rejected as {@code no_secret}, which is rarely what was meant (a
 * variable left empty, a secret not rotated in). Each is also warned about once when the process
 * starts, and by {@code hookgate config check} ({@link #messages}).
 */
public final class SourceWarnings implements Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(SourceWarnings.class);

    private final List<String> withoutSecret;

    private SourceWarnings(final List<String> withoutSecret) {
        this.withoutSecret = withoutSecret;
    }

    /** The warnings of {@code config}, each logged now. */
    static SourceWarnings of(final HookgateConfig config) {
        messages(config).forEach(LOG::warn);
        return new SourceWarnings(withoutSecret(config));
    }

    /** The warning of each source of {@code config} that has no secret, in the order of their ids; none when every one has. */
    public static List<String> messages(final HookgateConfig config) {
        return withoutSecret(config).stream().map(source -> "source " + source + " has no secret: every request to /webhooks/"
            + source + " will be rejected as no_secret (set sources." + source + ".secrets)").toList();
    }

    private static List<String> withoutSecret(final HookgateConfig config) {
        return config.sources().values().stream().filter(source -> source.secrets().isEmpty()).map(SourceConfig::id).sorted().toList();
    }

    List<String> withoutSecret() {
        return withoutSecret;
    }

    @Override
    public String name() {
        return "sources";
    }

    @Override
    public String notReadyReason() {
        return null;
    }

    @Override
    public Map<String, Object> details() {
        return withoutSecret.isEmpty() ? Map.of() : Map.of("withoutSecret", withoutSecret);
    }
}
