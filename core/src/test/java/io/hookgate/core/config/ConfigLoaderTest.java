package io.hookgate.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

public class ConfigLoaderTest {

    /** A catalog with one plain provider and one that adds a required key. */
    public static final ProviderCatalog PROVIDERS = new ProviderCatalog() {
        final ConfigKey<String> header = ConfigKey.required("header", ValueType.STRING, "signature header");
        final ProviderSpec plain = () -> "standard-webhooks";
        final ProviderSpec withHeader = new ProviderSpec() {
            @Override
            public String name() {
                return "hmac";
            }

            @Override
            public ConfigDef options() {
                return ConfigDef.of(header);
            }

            @Override
            public void validate(final SourceConfig source, final String path, final ConfigProblems problems) {
                if (source.options().get(header).isBlank()) {
                    problems.add(path + ".header", "empty");
                }
            }
        };

        @Override
        public Optional<ProviderSpec> find(final String name) {
            return Optional.ofNullable(Map.of("standard-webhooks", plain, "hmac", withHeader).get(name));
        }

        @Override
        public SortedSet<String> names() {
            return new TreeSet<>(List.of("hmac", "standard-webhooks"));
        }
    };

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final Map<String, String> env = Map.of("DEMO_SECRET", SECRET, "HOOK_SECRET", SECRET);
    private final ConfigLoader loader = new ConfigLoader(PROVIDERS, env::get);

    @Test
    void readsSpecShapedFileWithDefaultsAndEnvironment() {
        final HookgateConfig config = loader.parse("""
            kafka:
              bootstrapServers: 127.0.0.1:9092
              topicPrefix: hookgate.
            ingress:
              port: 8080
            sources:
              demo:
                provider: standard-webhooks
                secrets: ["${DEMO_SECRET}"]
                tenant: acme
                toleranceSeconds: 300
                maxBodyBytes: 1048576
                allowedIps: ["3.18.12.63/32", "2001:db8::/32"]
                dedupRetention: 7d
            subscriptions:
              billing:
                url: https://billing.example.com/hooks
                sources: [demo]
                eventTypes: ["invoice.*", "charge.succeeded"]
                secret: "${HOOK_SECRET}"
                timeout: 10s
                rateLimitPerSecond: 50
                tenant: acme
            dispatch:
              retryDelays: [5s, 5m, 30m, 2h, 5h, 10h, 10h]
            admin:
              port: 8081
            """);

        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.ingress().kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
        final SourceConfig demo = config.sources().get("demo");
        assertThat(demo.secrets()).containsExactly(SECRET);
        assertThat(demo.tenant()).contains("acme");
        assertThat(demo.dedupRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(demo.allowedIps()).hasSize(2);
        final SubscriptionConfig billing = config.subscriptions().get("billing");
        assertThat(billing.wantsType("invoice.paid")).isTrue();
        assertThat(billing.wantsType("charge.succeeded")).isTrue();
        assertThat(billing.wantsType("charge.failed")).isFalse();
        assertThat(billing.secrets()).containsExactly(SECRET);
        assertThat(config.dispatch().retryDelays()).hasSize(7).last().isEqualTo(Duration.ofHours(10));
        assertThat(config.dispatch().maxRetryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(config.admin().token()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsPathAtOnce() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            kafka:
              bootstrapServer: localhost:9092
            sources:
              stripe:
                provider: standard-webhooks
                secrets: ["", "${MISSING_SECRET}"]
                dedupRetention: 7 days
              gh:
                provider: githubb
              custom:
                provider: hmac
            subscriptions:
              billing:
                url: http://billing.example.com/hooks
                sources: [stripe, nowhere]
                eventTypes: ["invoice.[a-z]"]
                secret: "not base64!"
              internal:
                url: https://127.1/hooks
                sources: [stripe]
                secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]
            dispatch:
              retryDelays: [5s, 0s]
            """));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
            "kafka.bootstrapServer: unknown key (did you mean 'bootstrapServers'?)",
            "sources.stripe.secrets[0]: empty",
            "sources.stripe.secrets[1]: environment variable MISSING_SECRET is not set",
            "sources.stripe.dedupRetention: '7 days' is not a duration (expected a number and one of ms, s, m, h, d, e.g. 5s)",
            "sources.gh.provider: unknown provider 'githubb' (known providers: hmac, standard-webhooks)",
            "sources.custom.header: required",
            "subscriptions.billing.url: must be https (set allowInsecureUrl: true for an internal receiver)",
            "subscriptions.billing.eventTypes[0]: 'invoice.[a-z]' is not an event type pattern "
                + "(letters, digits, _ . : / - and * for any run of characters)",
            "subscriptions.billing.secret: must start with whsec_ (a Standard Webhooks secret); make one with: hookgate secret new",
            "subscriptions.billing.sources[1]: no source 'nowhere' is configured (known: custom, gh, stripe)",
            "subscriptions.internal.url: refused: 127.0.0.1 is a loopback address (set allowInsecureUrl: true for an internal receiver)",
            "dispatch.retryDelays[1]: must be longer than 0");
        assertThat(error.getMessage()).startsWith("12 configuration problems:").contains("\n  sources.stripe.secrets[0]: empty");
    }

    @Test
    void valuesThatWouldFailAtRunTimeFailAtLoad() {
        final ConfigException problems = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            kafka: {replicationFactor: 2, minInSyncReplicas: 3}
            sources:
              demo: {provider: standard-webhooks, secrets: ["%s\\n", " padded"], dedupRetention: 999999999999d}
            """.formatted(SECRET)));
        assertThat(problems.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
            "kafka.minInSyncReplicas", "sources.demo.secrets[0]", "sources.demo.secrets[1]", "sources.demo.dedupRetention");
        assertThat(problems.getMessage()).contains("no write could ever be acknowledged").contains("trailing whitespace")
            .contains("longer than the longest duration accepted").doesNotContain(SECRET);
    }

    @Test
    void anEmptyValueIsAProblemNotTheDefaultAndAMistypedProviderGetsItsName() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            ingress:
              port:
            sources:
              demo: {provider: standard-webhook}
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).contains(
            "ingress.port: empty: give a value, or leave the key out for its default (8080)",
            "sources.demo.provider: unknown provider 'standard-webhook' (did you mean 'standard-webhooks'?) (known providers: hmac, "
                + "standard-webhooks)");
    }

    @Test
    void minInSyncReplicasFollowsTheReplicationFactorUnlessSet() {
        final String sources = "sources: {demo: {provider: standard-webhooks}}\n";
        assertThat(loader.parse("kafka: {replicationFactor: 3}\n" + sources).kafka().minInSyncReplicas()).isEqualTo(2);
        assertThat(loader.parse("kafka: {replicationFactor: 1}\n" + sources).kafka().minInSyncReplicas()).isEqualTo(1);
        assertThat(loader.parse("kafka: {replicationFactor: 5, minInSyncReplicas: 3}\n" + sources).kafka().minInSyncReplicas()).isEqualTo(3);
    }

    @Test
    void secretsNeverAppearInProblems() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources:
              demo:
                provider: standard-webhooks
                secrets: ["${DEMO_SECRET}"]
                unknownThing: 1
            """));
        assertThat(error.getMessage()).doesNotContain(SECRET).contains("sources.demo.unknownThing: unknown key");
    }

    @Test
    void rejectsUnknownSectionsAndMissingSources() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            ingres:
              port: 8080
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
            "ingres: unknown section (known sections: kafka, ingress, sources, subscriptions, dispatch, admin, processor, dev, "
                + "tracing, logging, tenants)",
            "sources: required: at least one source");
    }

    @Test
    void rejectsDuplicateKeysAndInvalidYaml() {
        assertThatThrownBy(() -> loader.parse("sources:\n  a:\n    provider: hmac\n  a:\n    provider: hmac\n"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> loader.parse("sources: [unclosed\n"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.parse(""))
            .isInstanceOf(ConfigException.class).hasMessageContaining("empty");
    }

    @Test
    void environmentOverridesBootstrapServers() {
        final ConfigLoader withOverride = new ConfigLoader(PROVIDERS,
            Map.of(KafkaSettings.BOOTSTRAP_SERVERS_ENV, "kafka-1:9092,kafka-2:9092")::get);
        final HookgateConfig config = withOverride.parse("""
            kafka:
              bootstrapServers: 127.0.0.1:9092
            sources:
              demo: {provider: standard-webhooks}
            """);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
    }

    @Test
    void tenantsMustMatch() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources:
              a: {provider: standard-webhooks, tenant: acme}
            subscriptions:
              s:
                url: https://example.com/
                sources: [a]
                tenant: globex
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
            "subscriptions.s.sources[0]: source 'a' belongs to tenant acme, the subscription to tenant globex");
    }

    @Test
    void maxRetryAfterMustFitTheLadderAndPortsMustDiffer() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources:
              a: {provider: standard-webhooks}
            ingress: {port: 9000}
            admin: {port: 9000}
            dispatch:
              retryDelays: [5s, 1m]
              maxRetryAfter: 2m
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
            "dispatch.maxRetryAfter: 2m is longer than the longest retry delay 1m",
            "admin.port: same port as ingress.port (9000)");
    }

    @Test
    void aSourcesLargestBodyMustFitTheIngressBufferBudget() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            ingress: {maxBufferedMebibytes: 1, bodyReadTimeout: 3s}
            sources:
              fits: {provider: standard-webhooks, maxBodyBytes: 1048576}
              big: {provider: standard-webhooks, maxBodyBytes: 1048577}
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
            "sources.big.maxBodyBytes: 1048577 does not fit in ingress.maxBufferedMebibytes (1048576 bytes): "
                + "no body that large could be received");
        final HookgateConfig config = loader.parse("""
            ingress: {maxBufferedMebibytes: 1, bodyReadTimeout: 3s}
            sources:
              fits: {provider: standard-webhooks, maxBodyBytes: 1048576}
            """);
        assertThat(config.ingress().maxBufferedBytes()).isEqualTo(1_048_576L);
        assertThat(config.ingress().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(loader.parse("sources: {a: {provider: standard-webhooks}}").ingress())
            .satisfies(defaults -> assertThat(defaults.maxBufferedBytes()).isEqualTo(256L * 1024 * 1024))
            .satisfies(defaults -> assertThat(defaults.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void typeErrorsNameTheExpectedType() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            ingress: {port: eighty}
            sources:
              a: {provider: standard-webhooks, secrets: "not-a-list", allowedIps: ["10.0.0.0/33"]}
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
            "ingress.port: expected a whole number, got 'eighty'",
            "sources.a.secrets: expected a list",
            "sources.a.allowedIps[0]: '10.0.0.0/33' has a prefix length outside 0..32");
    }

    @Test
    void aSubscriptionsBreakerDisableDelayAndRetryDelaysAreReadWithDefaults() {
        final HookgateConfig config = loader.parse("""
            sources:
              a: {provider: standard-webhooks}
            subscriptions:
              plain: {url: "https://example.com/", sources: [a], secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}
              tuned:
                url: https://example.com/
                sources: [a]
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                breaker: {failures: 3, probeEvery: 1s}
                disableAfter: 0s
                retryDelays: [5m, 5s]
              never-retried: {url: "https://example.com/", sources: [a], secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, retryDelays: []}
            dispatch: {retryDelays: [5s, 5m, 30m], parkFor: 1m}
            """);
        final SubscriptionConfig plain = config.subscriptions().get("plain");
        assertThat(plain.breaker()).isEqualTo(new BreakerSettings(20, Duration.ofMinutes(1), Duration.ofSeconds(30)));
        assertThat(plain.disableAfter()).isEqualTo(Duration.ofDays(5));
        assertThat(plain.retryDelays()).isEmpty();
        final SubscriptionConfig tuned = config.subscriptions().get("tuned");
        assertThat(tuned.breaker()).isEqualTo(new BreakerSettings(3, Duration.ofMinutes(1), Duration.ofSeconds(1)));
        assertThat(tuned.disableAfter()).isZero();
        assertThat(tuned.retryDelays()).contains(List.of(Duration.ofMinutes(5), Duration.ofSeconds(5)));
        assertThat(config.subscriptions().get("never-retried").retryDelays()).contains(List.of());
        assertThat(config.dispatch().parkFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(loader.parse("sources: {a: {provider: standard-webhooks}}").dispatch().parkFor()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSubscriptionsRetryDelaysMustBeTiersAndItsBreakerValid() {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources:
              a: {provider: standard-webhooks}
            subscriptions:
              s:
                url: https://example.com/
                sources: [a]
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                retryDelays: [5s, 1m]
                breaker: {failures: 0, window: soon, probe: 1s}
            dispatch: {retryDelays: [5m, 5s, 5m]}
            """));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
            "subscriptions.s.retryDelays[1]: 1m is not a retry tier; the retry tiers are those of dispatch.retryDelays: 5s, 5m",
            "subscriptions.s.breaker.failures: 0 is outside 1..1000000",
            "subscriptions.s.breaker.window: 'soon' is not a duration (expected a number and one of ms, s, m, h, d, e.g. 5s)",
            "subscriptions.s.breaker.probe: unknown key (did you mean 'probeEvery'?)");
        final ConfigException noTiers = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources:
              a: {provider: standard-webhooks}
            subscriptions:
              s: {url: "https://example.com/", sources: [a], secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, retryDelays: [5s]}
            dispatch: {retryDelays: []}
            """));
        assertThat(noTiers.problems()).extracting(ConfigProblem::toString).containsExactly(
            "subscriptions.s.retryDelays[0]: 5s is not a retry tier; dispatch.retryDelays is empty, so there is no retry tier");
    }

    @Test
    void operationalEventsArePostedToANotifyUrlWithItsSecret() {
        final HookgateConfig config = loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            admin: {notifyUrl: "https://ops.example.com/hookgate?key=abc", notifySecret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}
            """);
        assertThat(config.admin().notifyUrl()).contains(java.net.URI.create("https://ops.example.com/hookgate?key=abc"));
        assertThat(config.admin().notifySecret()).contains(SECRET);
        assertThat(config.admin().toString()).doesNotContain("key=abc").doesNotContain(SECRET);
        assertThat(loader.parse("sources: {a: {provider: standard-webhooks}}").admin().notifyUrl()).isEmpty();
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            admin: {notifyUrl: "ftp://ops.example.com/"}
            """));
        // One mistake, one problem: the refused URL is not also judged for its missing secret.
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
            "admin.notifyUrl: 'ftp://ops.example.com/' is not an absolute http or https URL with a host");
        final ConfigException noSecret = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            admin: {notifyUrl: "https://ops.example.com/"}
            """));
        assertThat(noSecret.problems()).extracting(ConfigProblem::toString).containsExactly("admin.notifySecret: required with notifyUrl");
        final ConfigException badSecret = catchThrowableOfType(ConfigException.class, () -> loader.parse("""
            sources: {a: {provider: standard-webhooks}}
            admin: {notifyUrl: "http://127.0.0.1:9000/ops", notifySecret: "whsec_c2hvcnQ="}
            """));
        assertThat(badSecret.problems()).extracting(ConfigProblem::toString).containsExactly(
            "admin.notifySecret: too short to sign safely; make one with: hookgate secret new");
    }

    @Test
    void aSecretsKeyThatIsNotAnAesKeyIsAProblemAtItsPathThatNeverQuotesIt() {
        final Map<String, String> keys = Map.of("MALFORMED", "not base64 at all!", "SHORT", "c2hvcnQta2V5");
        final ConfigLoader withKeys = new ConfigLoader(PROVIDERS, keys::get);
        for (String given : List.of("\"not base64 at all!\"", "\"${MALFORMED}\"", "c2hvcnQta2V5", "\"${SHORT}\"")) {
            final ConfigException error = catchThrowableOfType(ConfigException.class, () -> withKeys.parse(
                "sources: {a: {provider: standard-webhooks}}\nadmin: {secretsKey: " + given + "}\n"));
            assertThat(error).as(given).isNotNull();
            assertThat(error.problems()).as(given).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("admin.secretsKey");
                assertThat(problem.message()).contains("base64").contains("openssl rand -base64 32")
                    .doesNotContain("not base64 at all").doesNotContain("c2hvcnQta2V5");
            });
        }
    }
}
