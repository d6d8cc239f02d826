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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a YAML configuration file into a {@link HookgateConfig}: substitutes {@code ${ENV}}
 * variables, reads each section against its definition, then checks what spans sections
 * (subscriptions naming sources, tenants, ports, event types known for their sources). Every problem
 * is collected and thrown at once as a {@link ConfigException}, each with its path. Schema files of
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

    public HookgateConfig load(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("", "cannot read configuration file " + file + ": " + e.getMessage());
        }
        final Path directory = file.toAbsolutePath().getParent();
        return parse(text, directory == null ? Path.of("").toAbsolutePath() : directory);
    }

    /** The configuration in {@code text}; relative schema paths start at the working directory. */
    public HookgateConfig parse(final String text) {
        return parse(text, Path.of("").toAbsolutePath());
    }

    /** The configuration in {@code text}; relative schema paths start at {@code baseDirectory}. */
    public HookgateConfig parse(final String text, final Path baseDirectory) {
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

        final KafkaSettings kafka = KafkaSettings.from(KafkaSettings.DEF.read(root.get("kafka"), "kafka", problems),
            environment.apply(KafkaSettings.BOOTSTRAP_SERVERS_ENV));
        final IngressSettings ingress = IngressSettings.from(IngressSettings.DEF.read(root.get("ingress"), "ingress", problems));
        final Map<String, SourceConfig> sources = readSources(root.get("sources"), new SourceCatalogues(baseDirectory), problems);
        final Map<String, SubscriptionConfig> subscriptions = readSubscriptions(root.get("subscriptions"), problems);
        final DispatchSettings dispatch = DispatchSettings.from(DispatchSettings.DEF.read(root.get("dispatch"), "dispatch", problems),
            "dispatch", problems);
        final AdminSettings admin = AdminSettings.from(AdminSettings.DEF.read(root.get("admin"), "admin", problems), "admin", problems);
        final ProcessorSettings processor = ProcessorSettings.from(ProcessorSettings.DEF.read(root.get("processor"), "processor", problems));
        final DevSettings dev = DevSettings.from(DevSettings.DEF.read(root.get("dev"), "dev", problems));
        final TracingSettings tracing = TracingSettings.from(TracingSettings.DEF.read(root.get("tracing"), "tracing", problems),
            "tracing", problems);
        final LoggingSettings logging = LoggingSettings.from(LoggingSettings.DEF.read(root.get("logging"), "logging", problems));
        final Map<String, TenantSettings> tenants = readTenants(root.get("tenants"), problems);

        final java.util.Set<String> declared = declaredIds(root.get("sources"));
        subscriptions.values().forEach(subscription -> SubscriptionChecks.check(subscription,
            ConfigProblems.child("subscriptions", subscription.id()), declared, sources, dispatch, problems));
        if (kafka.minInSyncReplicas() > kafka.replicationFactor()) {
            problems.add("kafka.minInSyncReplicas", kafka.minInSyncReplicas() + " is more than kafka.replicationFactor ("
                + kafka.replicationFactor() + "): no write could ever be acknowledged");
        }
        sources.values().stream().filter(source -> source.maxBodyBytes() > ingress.maxBufferedBytes()).forEach(source ->
            problems.add(ConfigProblems.child(ConfigProblems.child("sources", source.id()), SourceConfig.MAX_BODY_BYTES.name()),
                source.maxBodyBytes() + " does not fit in ingress." + IngressSettings.MAX_BUFFERED_MIB.name() + " ("
                    + ingress.maxBufferedBytes() + " bytes): no body that large could be received"));
        if (ingress.port() != 0 && ingress.port() == admin.port()) {
            problems.add("admin.port", "same port as ingress.port (" + ingress.port() + ")");
        }
        problems.throwIfAny();
        return new HookgateConfig(kafka, ingress, sources, subscriptions, dispatch, admin, processor, dev, tracing, logging, tenants);
    }

    private static Map<String, TenantSettings> readTenants(final JsonNode node, final ConfigProblems problems) {
        final Map<String, TenantSettings> tenants = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return tenants;
        }
        if (!node.isObject()) {
            problems.add("tenants", "expected a map of tenant ids to their limits");
            return tenants;
        }
        node.fields().forEachRemaining(entry -> {
            final String path = ConfigProblems.child("tenants", entry.getKey());
            tenants.put(entry.getKey(), TenantSettings.from(entry.getKey(), TenantSettings.DEF.read(entry.getValue(), path, problems)));
        });
        return Collections.unmodifiableMap(tenants);
    }

    private Map<String, SourceConfig> readSources(final JsonNode node, final SourceCatalogues catalogues, final ConfigProblems problems) {
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
            if (!SourceConfig.ID.matcher(id).matches()) {
                problems.add(path, "source id must be 1 to 64 letters, digits, '_' or '-'");
            }
            readSource(id, entry.getValue(), path, catalogues, problems).ifPresent(source -> sources.put(id, source));
        });
        return Collections.unmodifiableMap(sources);
    }

    private Optional<SourceConfig> readSource(final String id, final JsonNode node, final String path, final SourceCatalogues catalogues,
                                              final ConfigProblems problems) {
        final JsonNode providerNode = node == null ? null : node.get(SourceConfig.PROVIDER.name());
        if (providerNode == null || !providerNode.isTextual()) {
            // Reading the common keys reports the missing provider and any other problem.
            SourceConfig.COMMON_DEF.read(node, path, problems);
            return Optional.empty();
        }
        final Optional<? extends ProviderSpec> provider = providers.find(providerNode.textValue());
        if (provider.isEmpty()) {
            problems.add(ConfigProblems.child(path, SourceConfig.PROVIDER.name()), "unknown provider '" + providerNode.textValue() + "'"
                + io.hookgate.core.text.DidYouMean.nearest(providerNode.textValue(), providers.names())
                    .map(best -> " (did you mean '" + best + "'?)").orElse("")
                + " (known providers: " + String.join(", ", providers.names()) + ")");
            return Optional.empty();
        }
        final int before = problems.size();
        final ConfigValues values = SourceConfig.COMMON_DEF.plus(provider.get().options()).read(node, path, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        final SourceConfig source = SourceConfig.from(id, values, catalogues.build(provider.get().eventTypes(),
            values.get(SourceConfig.EVENT_TYPES), ConfigProblems.child(path, SourceConfig.EVENT_TYPES.name()), problems));
        provider.get().validate(source, path, problems);
        return Optional.of(source);
    }

    private Map<String, SubscriptionConfig> readSubscriptions(final JsonNode node, final ConfigProblems problems) {
        final Map<String, SubscriptionConfig> subscriptions = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return subscriptions;
        }
        if (!node.isObject()) {
            problems.add("subscriptions", "expected a map of subscription ids to subscriptions");
            return subscriptions;
        }
        node.fields().forEachRemaining(entry -> {
            final String id = entry.getKey();
            final String path = ConfigProblems.child("subscriptions", id);
            if (!SubscriptionConfig.ID.matcher(id).matches()) {
                problems.add(path, "subscription id must be 1 to 64 letters, digits, '_' or '-'");
            }
            final ConfigValues values = SubscriptionConfig.DEF.read(entry.getValue(), path, problems);
            subscriptions.put(id, SubscriptionConfig.from(id, values, path, problems));
        });
        return Collections.unmodifiableMap(subscriptions);
    }

    private static java.util.Set<String> declaredIds(final JsonNode sources) {
        final java.util.Set<String> ids = new java.util.HashSet<>();
        if (sources != null && sources.isObject()) {
            sources.fieldNames().forEachRemaining(ids::add);
        }
        return ids;
    }

}
