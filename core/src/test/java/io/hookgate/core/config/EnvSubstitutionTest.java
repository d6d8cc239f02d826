package io.hookgate.core.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ${NAME}} and {@code ${NAME:-default}} in values; every other form is a problem with its path. */
class EnvSubstitutionTest {

    private final Map<String, String> environment = Map.of("SET", "value", "EMPTY", "");

    @Test
    void aDefaultIsUsedWhenTheVariableIsUnsetOrEmptyAndTheVariableOtherwise() {
        assertThat(substituted("${UNSET:-fallback}")).isEqualTo("fallback");
        assertThat(substituted("${EMPTY:-fallback}")).isEqualTo("fallback");
        assertThat(substituted("${SET:-fallback}")).isEqualTo("value");
        assertThat(substituted("${UNSET:-}")).isEmpty();
        assertThat(substituted("${UNSET:-a default: with spaces, colons and -dashes}")).isEqualTo("a default: with spaces, colons and -dashes");
        assertThat(substituted("http://${HOST:-127.0.0.1}:${SET}/x")).isEqualTo("http://127.0.0.1:value/x");
    }

    @Test
    void aPlainReferenceKeepsItsMeaning() {
        assertThat(substituted("${SET}")).isEqualTo("value");
        assertThat(substituted("${EMPTY}")).isEmpty();
        assertThat(substituted("no reference, $SET, {SET}")).isEqualTo("no reference, $SET, {SET}");
        assertThat(problems("${UNSET}")).containsExactly("kafka.topicPrefix: environment variable UNSET is not set");
    }

    @Test
    void anUnsupportedFormIsAProblemWithItsPathAndStaysAsWritten() {
        assertThat(problems("${SET:?must be set}")).containsExactly(
            "kafka.topicPrefix: '${SET:?must be set}' is not supported: write ${NAME}, or ${NAME:-default} for a default");
        assertThat(problems("${SET-fallback}")).hasSize(1);
        assertThat(problems("${}")).hasSize(1);
        assertThat(problems("${1ABC}")).hasSize(1);
        assertThat(problems("${UNSET:-${SET}}")).containsExactly(
            "kafka.topicPrefix: '${UNSET:-${SET}}' is not supported: a default cannot name another variable");
        final ObjectNode root = root("${SET:=x}");
        new EnvSubstitution(environment::get).apply(root, "", new ConfigProblems());
        assertThat(root.get("kafka").get("topicPrefix").textValue()).isEqualTo("${SET:=x}");
    }

    @Test
    void listElementsAreNamedByTheirIndex() {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("sources").putObject("a").putArray("secrets").add("${SET}").add("${NOPE:?}");
        final ConfigProblems problems = new ConfigProblems();
        new EnvSubstitution(environment::get).apply(root, "", problems);
        assertThat(problems.list()).extracting(ConfigProblem::path).containsExactly("sources.a.secrets[1]");
        assertThat(root.at("/sources/a/secrets/0").textValue()).isEqualTo("value");
    }

    private String substituted(final String value) {
        final ObjectNode root = root(value);
        final ConfigProblems problems = new ConfigProblems();
        new EnvSubstitution(environment::get).apply(root, "", problems);
        assertThat(problems.list()).as(value).isEmpty();
        return root.get("kafka").get("topicPrefix").textValue();
    }

    private List<String> problems(final String value) {
        final ConfigProblems problems = new ConfigProblems();
        new EnvSubstitution(environment::get).apply(root(value), "", problems);
        return problems.list().stream().map(ConfigProblem::toString).toList();
    }

    private static ObjectNode root(final String value) {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("kafka").put("topicPrefix", value);
        return root;
    }
}
