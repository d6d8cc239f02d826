package io.hookgate.topology;

import org.apache.kafka.streams.TopologyDescription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Draws a {@link TopologyDescription} as a Mermaid flowchart: topics as stadiums, processors as
 * boxes, state stores as cylinders. Deterministic, so the drawing can be checked in and compared.
 */
final class TopologyDocument {

    private TopologyDocument() {
    }

    static String mermaid(final TopologyDescription description, final String dynamicTopicLabel) {
        final List<String> lines = new ArrayList<>();
        final Set<String> declared = new TreeSet<>();
        lines.add("flowchart LR");
        final List<TopologyDescription.Subtopology> subtopologies = new ArrayList<>(description.subtopologies());
        subtopologies.sort(Comparator.comparingInt(TopologyDescription.Subtopology::id));
        for (TopologyDescription.Subtopology subtopology : subtopologies) {
            lines.add("  subgraph sub" + subtopology.id() + " [\"sub-topology " + subtopology.id() + "\"]");
            final List<TopologyDescription.Node> nodes = new ArrayList<>(subtopology.nodes());
            nodes.sort(Comparator.comparing(TopologyDescription.Node::name));
            for (TopologyDescription.Node node : nodes) {
                lines.add("    " + id(node.name()) + "[\"" + node.name() + "\"]");
            }
            lines.add("  end");
            for (TopologyDescription.Node node : nodes) {
                if (node instanceof TopologyDescription.Source source) {
                    for (String topic : new TreeSet<>(source.topicSet())) {
                        declareTopic(lines, declared, topic);
                        lines.add("  " + id("topic-" + topic) + " --> " + id(node.name()));
                    }
                }
                if (node instanceof TopologyDescription.Sink sink) {
                    final String topic = sink.topic() != null ? sink.topic() : dynamicTopicLabel;
                    declareTopic(lines, declared, topic);
                    lines.add("  " + id(node.name()) + " --> " + id("topic-" + topic));
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    for (String store : new TreeSet<>(processor.stores())) {
                        if (declared.add("store-" + store)) {
                            lines.add("  " + id("store-" + store) + "[(\"" + store + "\")]");
                        }
                        lines.add("  " + id(node.name()) + " --- " + id("store-" + store));
                    }
                }
                final List<TopologyDescription.Node> successors = new ArrayList<>(node.successors());
                successors.sort(Comparator.comparing(TopologyDescription.Node::name));
                for (TopologyDescription.Node successor : successors) {
                    lines.add("  " + id(node.name()) + " --> " + id(successor.name()));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static void declareTopic(final List<String> lines, final Set<String> declared, final String topic) {
        if (declared.add("topic-" + topic)) {
            lines.add("  " + id("topic-" + topic) + "([\"" + topic + "\"])");
        }
    }

    private static String id(final String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_");
    }
}
