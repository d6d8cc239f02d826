package io.hookgate.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A subscription signs with whsec_ secrets; every other secret is refused with the way to make a good one. */
class SubscriptionSecretTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MAKE_ONE = "; make one with: hookgate secret new";

    private final ConfigLoader loader = new ConfigLoader(ConfigLoaderTest.PROVIDERS, Map.<String, String>of()::get);

    @Test
    void whsecSecretsOfSixteenBytesOrMoreLoad() {
        final HookgateConfig config = loader.parse(subscription("secret: \"" + SECRET + "\", secrets: [\"whsec_AAAAAAAAAAAAAAAAAAAAAA==\"]"));
        assertThat(config.subscription("s").orElseThrow().secrets()).containsExactly(SECRET, "whsec_AAAAAAAAAAAAAAAAAAAAAA==");
    }

    @Test
    void aSecretWithoutWhsecIsRefusedPointingToTheGenerator() {
        // The base64 of 24 bytes, as a Standard Webhooks sender's secret may be written without its prefix.
        assertThat(problems("secret: \"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"")).containsExactly(
            "subscriptions.s.secret: must start with whsec_ (a Standard Webhooks secret)" + MAKE_ONE);
        assertThat(problems("secrets: [\"" + SECRET + "\", \"billing-secret\"]")).containsExactly(
            "subscriptions.s.secrets[1]: must start with whsec_ (a Standard Webhooks secret)" + MAKE_ONE);
    }

    @Test
    void aShortOneSaysHowToMakeOneRatherThanCountingBytes() {
        assertThat(problems("secret: \"whsec_c2hvcnQ=\"")).containsExactly("subscriptions.s.secret: too short to sign safely" + MAKE_ONE)
            .noneMatch(problem -> problem.contains("bytes"));
        assertThat(problems("secret: \"whsec_not base64!\"")).containsExactly(
            "subscriptions.s.secret: is not whsec_ followed by base64" + MAKE_ONE);
        assertThat(problems("secret: \"whsec_\"")).containsExactly("subscriptions.s.secret: is not whsec_ followed by base64" + MAKE_ONE);
        assertThat(problems("secret: \" " + SECRET + "\"")).containsExactly(
            "subscriptions.s.secret: has leading or trailing whitespace (a newline from a file or variable?)" + MAKE_ONE);
        assertThat(problems("secret: \"\"")).containsExactly("subscriptions.s.secret: empty" + MAKE_ONE);
        assertThat(problems("timeout: 5s")).containsExactly("subscriptions.s.secret: required (or secrets)" + MAKE_ONE);
    }

    @Test
    void noProblemRepeatsTheSecret() {
        final String almost = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS";
        assertThat(String.join("\n", problems("secrets: [\"" + almost + "\", \"plain-secret-value\"]")))
            .doesNotContain(almost.substring(6), "plain-secret-value");
    }

    private List<String> problems(final String keys) {
        final ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.parse(subscription(keys)));
        assertThat(error).as(keys).isNotNull();
        return error.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static String subscription(final String keys) {
        return "sources: {demo: {provider: standard-webhooks}}\n"
            + "subscriptions:\n  s: {url: \"https://example.com/hook\", sources: [demo], " + keys + "}\n";
    }
}
