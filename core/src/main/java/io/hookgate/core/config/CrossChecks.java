package io.hookgate.core.config;

import java.util.Map;

/**
 * The checks of the configuration that span sections: replicas, a source's largest body against
 * the ingress's buffer, the ingress and admin ports. Each says nothing when a value it compares was
 * itself reported as a problem ({@link ConfigProblems#reported}): it would compare a default the
 * file did not mean.
 */
final class CrossChecks {

    private CrossChecks() {
    }

    static void check(final KafkaSettings kafka, final IngressSettings ingress, final Map<String, SourceConfig> sources,
                      final AdminSettings admin, final ConfigProblems problems) {
        final String minInSync = ConfigProblems.child("kafka", KafkaSettings.MIN_IN_SYNC_REPLICAS.name());
        final String replication = ConfigProblems.child("kafka", KafkaSettings.REPLICATION_FACTOR.name());
        if (kafka.minInSyncReplicas() > kafka.replicationFactor() && !problems.reported(minInSync) && !problems.reported(replication)) {
            problems.add(minInSync, kafka.minInSyncReplicas() + " is more than kafka.replicationFactor ("
                + kafka.replicationFactor() + "): no write could ever be acknowledged");
        }
        final String buffered = ConfigProblems.child("ingress", IngressSettings.MAX_BUFFERED_MIB.name());
        if (!problems.reported(buffered)) {
            sources.values().stream().filter(source -> source.maxBodyBytes() > ingress.maxBufferedBytes()).forEach(source ->
                problems.add(ConfigProblems.child(ConfigProblems.child("sources", source.id()), SourceConfig.MAX_BODY_BYTES.name()),
                    source.maxBodyBytes() + " does not fit in " + buffered + " (" + ingress.maxBufferedBytes()
                        + " bytes): no body that large could be received"));
        }
        final String ingressPort = ConfigProblems.child("ingress", IngressSettings.PORT.name());
        final String adminPort = ConfigProblems.child("admin", AdminSettings.PORT.name());
        if (ingress.port() != 0 && ingress.port() == admin.port() && !problems.reported(ingressPort) && !problems.reported(adminPort)) {
            problems.add(adminPort, "same port as " + ingressPort + " (" + ingress.port() + ")");
        }
    }
}
