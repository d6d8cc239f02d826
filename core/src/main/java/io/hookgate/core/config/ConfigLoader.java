package io.hookgate.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a YAML configuration file into a {@link HookgateConfig}: substitutes {@code ${ENV}} and
 * {@code ${ENV:-default}} variables, reads each section against its definition, then checks what
 * spans sections (subscriptions naming sources, tenants, ports, event types known for their
 * sources). Every problem is collected and thrown at once as a {@link ConfigException}, each with
 * its path, and none that only follows from another ({@link ConfigProblems#reported}); {@link #resolve}
 * also answers every key as it applies, secrets masked ({@link ResolvedConfig}). Schema files of
 * declared event types are read relative to the configuration file's directory ({@link #load}), or
 * to the working directory for a text without a file ({@link #parse(String)}).
 */
public final class ConfigLoader {

    private static final List<String> SECTIONS =
        List.of("kafka", "ingress", "sources", "subscriptions", "dispatch", "admin", "processor", "dev", "tracing", "logging", "tenants");

    private final ProviderCatalog providers;
    private final Function<String, String> environment;
    private final ObjectMapper yaml;

    /**
     * @param providers   the schemes a source may name, with their extra keys
     * @param environment variable lookup for {@code ${NAME}} ({@code System::getenv} in production)
     */
    public ConfigLoader(final ProviderCatalog providers, final Function<String, String> environment) {
        this.providers = providers;
        this.environment = environment;
        this.yaml = new ObjectMapper(new YAMLFactory());
        this.yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * The configuration in {@code file}; relative schema paths start at its directory.
     *
     * @throws ConfigException listing every problem, each with its path
     */
    public HookgateConfig load(final Path file) {
        return resolve(file).config();
    }

    /** The configuration in {@code file} like {@link #load}, with every key as it applies ({@code hookgate config print}). */
    public ResolvedConfig resolve(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("", "cannot read configuration file " + file + ": " + e.getMessage());
        }
        final Path directory = file.toAbsolutePath().getParent();
        return resolve(text, directory == null ? Path.of("").toAbsolutePath() : directory);
    }

    /** The configuration in {@code text}; relative schema paths start at the working directory. */
    public HookgateConfig parse(final String text) {
        return parse(text, Path.of("").toAbsolutePath());
    }

    /** The configuration in {@code text}; relative schema paths start at {@code baseDirectory}. */
    public HookgateConfig parse(final String text, final Path baseDirectory) {
        return resolve(text, baseDirectory).config();
    }

    /** The configuration in {@code text} like {@link #parse(String, Path)}, with every key as it applies. */
    public ResolvedConfig resolve(final String text, final Path baseDirectory) {
        final JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", "not valid YAML: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        final ConfigProblems problems = new ConfigProblems();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException("", "the configuration is empty");
        }
        if (!root.isObject()) {
            throw new ConfigException("", "the configuration must be a map of sections");
        }
        new EnvSubstitution(environment).apply(root, "", problems);
        root.fieldNames().forEachRemaining(name -> {
            if (!SECTIONS.contains(name)) {
                problems.add(name, "unknown section (known sections: " + String.join(", ", SECTIONS) + ")");
            }
        });

        final PrintedConfig printed = new PrintedConfig(SECTIONS);
        final KafkaSettings kafka = KafkaSettings.from(printed.section("kafka", KafkaSettings.DEF, KafkaSettings.resolve(
            KafkaSettings.DEF.read(root.get("kafka"), "kafka", problems), environment.apply(KafkaSettings.BOOTSTRAP_SERVERS_ENV), "kafka",
            problems)));
        final IngressSettings ingress = IngressSettings.from(section(root, "ingress", IngressSettings.DEF, printed, problems));
        final Map<String, SourceConfig> sources = readSources(root.get("sources"), new SourceCatalogues(baseDirectory), printed, problems);
        final Map<String, SubscriptionConfig> subscriptions = readSubscriptions(root.get("subscriptions"), printed, problems);
        final DispatchSettings dispatch = DispatchSettings.from(printed.section("dispatch", DispatchSettings.DEF,
            DispatchSettings.resolve(DispatchSettings.DEF.read(root.get("dispatch"), "dispatch", problems))), "dispatch", problems);
        final AdminSettings admin = AdminSettings.from(section(root, "admin", AdminSettings.DEF, printed, problems), "admin", problems);
        final ProcessorSettings processor = ProcessorSettings.from(section(root, "processor", ProcessorSettings.DEF, printed, problems));
        final DevSettings dev = DevSettings.from(section(root, "dev", DevSettings.DEF, printed, problems));
        final TracingSettings tracing = TracingSettings.from(section(root, "tracing", TracingSettings.DEF, printed, problems),
            "tracing", problems);
        final LoggingSettings logging = LoggingSettings.from(section(root, "logging", LoggingSettings.DEF, printed, problems));
        final Map<String, TenantSettings> tenants = readTenants(root.get("tenants"), printed, problems);

        // Without a readable section of sources, every source a subscription names would be a knock-on problem.
        declaredIds(root.get("sources")).ifPresent(declared -> subscriptions.values().forEach(subscription ->
            SubscriptionChecks.check(subscription, ConfigProblems.child("subscriptions", subscription.id()), declared, sources, dispatch, problems)));
        CrossChecks.check(kafka, ingress, sources, admin, problems);
        problems.throwIfAny();
        return new ResolvedConfig(new HookgateConfig(kafka, ingress, sources, subscriptions, dispatch, admin, processor, dev, tracing,
            logging, tenants), printed.tree());
    }

    /** Section {@code name} of {@code root} read by {@code def}, and written to {@code printed}. */
    private static ConfigValues section(final JsonNode root, final String name, final ConfigDef def, final PrintedConfig printed,
                                        final ConfigProblems problems) {
        return printed.section(name, def, def.read(root.get(name), name, problems));
    }

    private static Map<String, TenantSettings> readTenants(final JsonNode node, final PrintedConfig printed, final ConfigProblems problems) {
        return readMap(node, "tenants", "tenant ids to their limits", problems, (id, value, path) ->
            TenantSettings.from(id, printed.entry("tenants", id, TenantSettings.DEF, TenantSettings.DEF.read(value, path, problems))));
    }

    /** How one entry of a map section is read: its id, its value and its path. */
    private interface EntryReader<T> {
        T read(String id, JsonNode value, String path);
    }

    /**
     * The entries of the optional map section {@code section} (absent: none), each read by {@code reader},
     * in file order; a section that is not a map is a problem.
     */
    private static <T> Map<String, T> readMap(final JsonNode node, final String section, final String what, final ConfigProblems problems,
                                              final EntryReader<T> reader) {
        final Map<String, T> entries = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return entries;
        }
        if (!node.isObject()) {
            problems.add(section, "expected a map of " + what);
            return entries;
        }
        node.fields().forEachRemaining(entry -> entries.put(entry.getKey(),
            reader.read(entry.getKey(), entry.getValue(), ConfigProblems.child(section, entry.getKey()))));
        return Collections.unmodifiableMap(entries);
    }

    private Map<String, SourceConfig> readSources(final JsonNode node, final SourceCatalogues catalogues, final PrintedConfig printed,
                                                  final ConfigProblems problems) {
        final Map<String, SourceConfig> sources = new LinkedHashMap<>();
        if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
            problems.add("sources", "required: at least one source");
            return sources;
        }
        if (!node.isObject()) {
            problems.add("sources", "expected a map of source ids to sources");
            return sources;
        }
        node.fields().forEachRemaining(entry -> {
            final String id = entry.getKey();
            final String path = ConfigProblems.child("sources", id);
            final Optional<SourceConfig> source = readSource(id, entry.getValue(), path, catalogues, printed, problems);
            // After its keys, which a problem at the source's own path would keep from being read.
            if (!SourceConfig.ID.matcher(id).matches()) {
                problems.add(path, "source id must be 1 to 64 letters, digits, '_' or '-'");
            }
            source.filter(read -> !problems.reported(path)).ifPresent(read -> sources.put(id, read));
        });
        return Collections.unmodifiableMap(sources);
    }

    private Optional<SourceConfig> readSource(final String id, final JsonNode node, final String path, final SourceCatalogues catalogues,
                                              final PrintedConfig printed, final ConfigProblems problems) {
        final String providerPath = ConfigProblems.child(path, SourceConfig.PROVIDER.name());
        final JsonNode providerNode = node != null && node.isObject() ? node.get(SourceConfig.PROVIDER.name()) : null;
        final Optional<? extends ProviderSpec> provider = providerNode == null || !providerNode.isValueNode() || providerNode.isNull()
            || problems.reported(providerPath) ? Optional.empty() : providers.find(providerNode.asText());
        if (provider.isEmpty()) {
            // The keys every source has report their problems (a missing provider among them); those of a
            // provider cannot be judged without it, so none is called unknown.
            SourceConfig.COMMON_DEF.readKnownKeys(node, path, problems);
            if (!problems.reported(providerPath)) {
                problems.add(providerPath, "unknown provider '" + providerNode.asText() + "'"
                    + io.hookgate.core.text.DidYouMean.nearest(providerNode.asText(), providers.names())
                        .map(best -> " (did you mean '" + best + "'?)").orElse("")
                    + " (known providers: " + String.join(", ", providers.names()) + ")");
            }
            return Optional.empty();
        }
        final ConfigDef def = SourceConfig.COMMON_DEF.plus(provider.get().options());
        final ConfigValues values = printed.entry("sources", id, def, def.read(node, path, problems));
        if (problems.reported(path)) {
            return Optional.empty();
        }
        final SourceConfig source = SourceConfig.from(id, values, catalogues.build(provider.get().eventTypes(),
            values.get(SourceConfig.EVENT_TYPES), ConfigProblems.child(path, SourceConfig.EVENT_TYPES.name()), problems));
        provider.get().validate(source, path, problems);
        return Optional.of(source);
    }

    private Map<String, SubscriptionConfig> readSubscriptions(final JsonNode node, final PrintedConfig printed, final ConfigProblems problems) {
        return readMap(node, "subscriptions", "subscription ids to subscriptions", problems, (id, value, path) -> {
            final ConfigValues values = printed.entry("subscriptions", id, SubscriptionConfig.DEF, SubscriptionConfig.DEF.read(value, path, problems));
            final SubscriptionConfig subscription = SubscriptionConfig.from(id, values, path, problems);
            if (!SubscriptionConfig.ID.matcher(id).matches()) {
                problems.add(path, "subscription id must be 1 to 64 letters, digits, '_' or '-'");
            }
            return subscription;
        });
    }

    /** The ids of every source in the file, those with problems of their own too; empty when there is no map of sources. */
    private static Optional<Set<String>> declaredIds(final JsonNode sources) {
        if (sources == null || !sources.isObject() || sources.isEmpty()) {
            return Optional.empty();
        }
        final Set<String> ids = new HashSet<>();
        sources.fieldNames().forEachRemaining(ids::add);
        return Optional.of(ids);
    }

}
