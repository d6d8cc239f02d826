package io.hookgate.core.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The configuration as {@code hookgate config print} shows it, written while {@link ConfigLoader}
 * reads it: each section, source, subscription and tenant by its {@link ConfigDef}, so that every
 * key appears with the value that applies (the file's, its variable's, or the default) and every
 * secret masked. One instance per load; not thread-safe.
 */
final class PrintedConfig {

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();

    /** @param sections every section, in the order printed; those of entries start as empty maps */
    PrintedConfig(final List<String> sections) {
        sections.forEach(root::putObject);
    }

    /** Writes {@code values} as section {@code name}; answers them. */
    ConfigValues section(final String name, final ConfigDef def, final ConfigValues values) {
        root.set(name, def.write(values));
        return values;
    }

    /** Writes {@code values} as entry {@code id} of section {@code section} (sources, subscriptions, tenants); answers them. */
    ConfigValues entry(final String section, final String id, final ConfigDef def, final ConfigValues values) {
        root.with(section).set(id, def.write(values));
        return values;
    }

    /** What was written, a copy. */
    ObjectNode tree() {
        return root.deepCopy();
    }
}
