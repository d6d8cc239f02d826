package io.hookgate.topology;

import io.hookgate.core.config.ConfigLoader;
import io.hookgate.core.config.HookgateConfig;
import io.hookgate.processor.ProcessorMetrics;
import io.hookgate.processor.ProcessorTopology;
import io.hookgate.providers.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code topology-docs/TOPOLOGY.md} equal to the code: the description Kafka Streams gives
 * of the processor topology, and its drawing, are generated here and compared with what is
 * checked in. After a deliberate change, regenerate with
 * {@code ./mvnw -pl topology-docs -am test -Dtopology.update=true} and review the diff.
 */
class TopologyDocsTest {

    private static final Path DOC = Path.of("TOPOLOGY.md");
    private static final String BEGIN_DESCRIPTION = "<!-- generated:description -->";
    private static final String BEGIN_DIAGRAM = "<!-- generated:diagram -->";
    private static final String END = "<!-- end:generated -->";

    /** A representative configuration: the topology does not depend on the sources' names. */
    private static final String CONFIG = """
        kafka: {topicPrefix: "hookgate."}
        sources:
          stripe: {provider: standard-webhooks}
        """;

    @Test
    void documentedTopologyIsTheCodesTopology() throws IOException {
        final HookgateConfig config = new ConfigLoader(Providers.builtIn(), Map.<String, String>of()::get).parse(CONFIG);
        final TopologyDescription description = ProcessorTopology.build(config, Providers.builtIn().bind(config),
            new ProcessorMetrics(new SimpleMeterRegistry()), 6, Clock.systemUTC()).describe();
        final String text = description.toString().strip()
            // The extractor's class name is a lambda's, which changes from build to build.
            .replaceAll("extractor class: \\S+\\)", "topic extractor: hookgate.verified.{source})");
        final String diagram = TopologyDocument.mermaid(description, "hookgate.verified.{source}");

        final String current = Files.readString(DOC, StandardCharsets.UTF_8);
        final String expected = replace(replace(current, BEGIN_DESCRIPTION, "```text\n" + text + "\n```\n"),
            BEGIN_DIAGRAM, "```mermaid\n" + diagram + "```\n");
        if (Boolean.getBoolean("topology.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(current)
            .as("TOPOLOGY.md differs from the code's topology; run ./mvnw -pl topology-docs -am test -Dtopology.update=true")
            .isEqualTo(expected);
    }

    private static String replace(final String document, final String begin, final String generated) {
        final int start = document.indexOf(begin);
        final int end = document.indexOf(END, start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("TOPOLOGY.md lacks the markers " + begin + " ... " + END);
        }
        return document.substring(0, start + begin.length()) + "\n" + generated + document.substring(end);
    }
}
