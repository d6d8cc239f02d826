package io.hookgate.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A configuration that loaded without problems, with every key of every section as it applies:
 * variables substituted, defaults filled in (a key without one is {@code null}), values a part
 * derives at load filled in as derived ({@code kafka.minInSyncReplicas 0}, the default
 * {@code dispatch.maxRetryAfter}, {@code HOOKGATE_KAFKA_BOOTSTRAP_SERVERS}), and every value of a
 * {@linkplain ConfigKey#secret() secret key} masked. Written from the keys' definitions, so it
 * cannot leave a key out; what {@code hookgate config print} prints. Immutable.
 */
public final class ResolvedConfig {

    private final HookgateConfig config;
    private final ObjectNode printed;

    ResolvedConfig(final HookgateConfig config, final ObjectNode printed) {
        this.config = Objects.requireNonNull(config, "config");
        this.printed = printed.deepCopy();
    }

    public HookgateConfig config() {
        return config;
    }

    /** Every section and key with its value, secrets masked, as a tree (a copy). */
    public ObjectNode printed() {
        return printed.deepCopy();
    }

    /** {@link #printed()} as YAML text, in the order of the sections and keys' definitions. */
    public String yaml() {
        final ObjectMapper writer = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());
        try {
            return writer.writeValueAsString(printed);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the configuration as YAML", e);
        }
    }
}
