package io.hookgate.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One mistake is one problem: nothing that follows from it is reported beside it. */
class KnockOnProblemsTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final ConfigLoader loader = new ConfigLoader(ConfigLoaderTest.PROVIDERS, Map.of("SECRET", SECRET)::get);

    @Test
    void aValueWhoseVariableIsNotSetIsNotJudgedFurther() {
        assertThat(problems("""
            ingress: {port: "${PORT}"}
            sources:
              a: {provider: "${PROVIDER}"}
              b: {provider: hmac, header: "${HEADER}", secrets: ["", "${B_SECRET}"]}
            subscriptions:
              s: {url: "${URL}", sources: [b], secret: "${HOOK_SECRET}"}
            tracing: {enabled: true, exporter: json-file, file: "${SPANS}"}
            """)).containsExactlyInAnyOrder(
            "ingress.port: environment variable PORT is not set",
            "sources.a.provider: environment variable PROVIDER is not set",
            "sources.b.header: environment variable HEADER is not set",
            "sources.b.secrets[1]: environment variable B_SECRET is not set",
            "sources.b.secrets[0]: empty",
            "subscriptions.s.url: environment variable URL is not set",
            "subscriptions.s.secret: environment variable HOOK_SECRET is not set",
            "tracing.file: environment variable SPANS is not set");
    }

    @Test
    void aSourceWithAProblemIsStillASourceForItsSubscriptions() {
        assertThat(problems("""
            sources:
              "bad id": {provider: standard-webhooks}
              broken: {provider: standard-webhooks, toleranceSeconds: never, tenant: acme}
              unknown: {provider: strpe}
            subscriptions:
              s: {url: "https://example.com/", sources: ["bad id", broken, unknown], secret: "%s"}
            """.formatted(SECRET))).containsExactlyInAnyOrder(
            "sources.bad id: source id must be 1 to 64 letters, digits, '_' or '-'",
            "sources.broken.toleranceSeconds: expected a whole number, got 'never'",
            "sources.unknown.provider: unknown provider 'strpe' (known providers: hmac, standard-webhooks)");
    }

    @Test
    void withoutAMapOfSourcesNoSubscriptionIsToldItsSourcesAreMissing() {
        assertThat(problems("""
            sources: [stripe]
            subscriptions:
              s: {url: "https://example.com/", sources: [stripe], secret: "%s"}
            """.formatted(SECRET))).containsExactly("sources: expected a map of source ids to sources");
        assertThat(problems("""
            subscriptions:
              s: {url: "https://example.com/", sources: [stripe], secret: "%s"}
            """.formatted(SECRET))).containsExactly("sources: required: at least one source");
    }

    @Test
    void aSourceWithoutAKnownProviderHasNoKeyOfAProviderCalledUnknown() {
        assertThat(problems("""
            sources:
              missing: {header: X-Signature, secrets: [""]}
              unknown: {provider: hmacc, header: X-Signature}
              number: {provider: 5}
            """)).containsExactlyInAnyOrder(
            "sources.missing.provider: required",
            "sources.missing.secrets[0]: empty",
            "sources.unknown.provider: unknown provider 'hmacc' (did you mean 'hmac'?) (known providers: hmac, standard-webhooks)",
            "sources.number.provider: unknown provider '5' (known providers: hmac, standard-webhooks)");
    }

    @Test
    void checksAcrossSectionsSayNothingOfAValueThatWasRefused() {
        assertThat(problems("""
            kafka: {replicationFactor: 0, minInSyncReplicas: 3}
            ingress: {port: 70000, maxBufferedMebibytes: 0}
            admin: {port: 70000}
            sources:
              a: {provider: standard-webhooks, maxBodyBytes: 2097152}
            dispatch: {retryDelays: [5s, 1m], maxRetryAfter: 0s}
            """)).containsExactlyInAnyOrder(
            "kafka.replicationFactor: 0 is outside 1..32",
            "ingress.port: 70000 is outside 0..65535",
            "ingress.maxBufferedMebibytes: 0 is outside 1..16384",
            "admin.port: 70000 is outside 0..65535",
            "dispatch.maxRetryAfter: must be longer than 0");
        assertThat(problems("""
            sources:
              a: {provider: standard-webhooks}
            dispatch: {retryDelays: [5s, soon], maxRetryAfter: 1m}
            """)).containsExactly(
            "dispatch.retryDelays[1]: 'soon' is not a duration (expected a number and one of ms, s, m, h, d, e.g. 5s)");
    }

    @Test
    void aSubscriptionsRefusedKeyDoesNotMakeItsOtherKeysWrong() {
        assertThat(problems("""
            sources:
              a: {provider: standard-webhooks, tenant: acme}
            subscriptions:
              insecure: {url: "http://127.0.0.1:3000/hook", allowInsecureUrl: maybe, sources: [a], tenant: acme, secret: "%1$s"}
              listless: {url: "https://example.com/", sources: [a], tenant: acme, secrets: "%1$s"}
              tenantless: {url: "https://example.com/", sources: [a], tenant: "", secret: "%1$s"}
              empty: {url: "https://example.com/", sources: [a], tenant: acme, secret:}
            """.formatted(SECRET))).containsExactlyInAnyOrder(
            "subscriptions.insecure.allowInsecureUrl: expected true or false, got 'maybe'",
            "subscriptions.listless.secrets: expected a list",
            "subscriptions.tenantless.tenant: empty",
            "subscriptions.empty.secret: empty: give a value, or leave the key out for its default");
    }

    private List<String> problems(final String yaml) {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml));
        assertThat(error).as("problems of %s", yaml).isNotNull();
        return error.problems().stream().map(ConfigProblem::toString).toList();
    }
}
