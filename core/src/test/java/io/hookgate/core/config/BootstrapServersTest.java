package io.hookgate.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code kafka.bootstrapServers} is a list of host:port, from the file or the variable that overrides it. */
class BootstrapServersTest {

    private static final String SOURCES = "sources: {demo: {provider: standard-webhooks}}\n";

    @Test
    void listsOfHostAndPortLoad() {
        for (String servers : List.of("localhost:9092", "kafka-1:9092, kafka-2:9092,kafka-3:19092", "[::1]:9092", "10.0.0.7:1",
            "SASL_SSL://broker.example.com:9093", "${SERVERS:-127.0.0.1:9092}")) {
            final HookgateConfig config = loader(Map.of()).parse("kafka: {bootstrapServers: \"" + servers + "\"}\n" + SOURCES);
            assertThat(config.kafka().bootstrapServers()).as(servers).isNotBlank();
        }
    }

    @Test
    void anEntryWithoutAPortOrWithAnEmptyOneIsAProblemOfThePath() {
        assertThat(problems("localhost")).containsExactly(
            "kafka.bootstrapServers: 'localhost' has no port: write host:port, e.g. localhost:9092");
        assertThat(problems("localhost:9092,")).containsExactly(
            "kafka.bootstrapServers: 'localhost:9092,' has an empty entry (a stray comma?)");
        assertThat(problems("localhost:kafka")).containsExactly(
            "kafka.bootstrapServers: 'localhost:kafka' has no port number after the colon: write host:port, e.g. localhost:9092");
        assertThat(problems("a:9092,b:0,c:70000")).containsExactly(
            "kafka.bootstrapServers: 'b:0' has port 0, outside 1..65535",
            "kafka.bootstrapServers: 'c:70000' has port 70000, outside 1..65535");
        assertThat(problems(":9092")).containsExactly("kafka.bootstrapServers: ':9092' has no host: write host:port, e.g. localhost:9092");
        assertThat(problems("[::1]")).containsExactly("kafka.bootstrapServers: '[::1]' has no port: write host:port, e.g. localhost:9092");
        assertThat(problems("localhost:")).hasSize(1);
        assertThat(problems(" ")).containsExactly("kafka.bootstrapServers: empty");
    }

    @Test
    void theVariableThatOverridesItIsCheckedTheSame() {
        final ConfigLoader overridden = loader(Map.of(KafkaSettings.BOOTSTRAP_SERVERS_ENV, "kafka-1"));
        final ConfigException error = catchThrowableOfType(ConfigException.class,
            () -> overridden.parse("kafka: {bootstrapServers: \"127.0.0.1:9092\"}\n" + SOURCES));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly("kafka.bootstrapServers: "
            + KafkaSettings.BOOTSTRAP_SERVERS_ENV + " overrides it: 'kafka-1' has no port: write host:port, e.g. localhost:9092");
        assertThat(loader(Map.of(KafkaSettings.BOOTSTRAP_SERVERS_ENV, " kafka-1:9092 ")).parse(SOURCES).kafka().bootstrapServers())
            .isEqualTo("kafka-1:9092");
    }

    private static List<String> problems(final String servers) {
        final ConfigException error = catchThrowableOfType(ConfigException.class,
            () -> loader(Map.of()).parse("kafka: {bootstrapServers: \"" + servers + "\"}\n" + SOURCES));
        assertThat(error).as(servers).isNotNull();
        return error.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static ConfigLoader loader(final Map<String, String> environment) {
        return new ConfigLoader(ConfigLoaderTest.PROVIDERS, environment::get);
    }
}
