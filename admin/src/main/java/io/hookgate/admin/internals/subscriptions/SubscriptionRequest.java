package io.hookgate.admin.internals.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.config.SubscriptionConfig;

import java.util.Optional;

/**
 * A create or change of a subscription, checked as a whole: what its record will hold.
 *
 * @param id          the subscription's id (given, or made for a create that gave none)
 * @param settings    its keys as the file spells them, without id, secret, tenant and description
 * @param secret      the signing secret the body gave, in clear; empty when it gave none
 * @param tenant      its tenant after the change
 * @param description its description after the change
 * @param config      the subscription as every reader of the topic will read it
 */
record SubscriptionRequest(String id, ObjectNode settings, Optional<String> secret, Optional<String> tenant, Optional<String> description,
                           SubscriptionConfig config) {

    /** The secret is never printed. */
    @Override
    public String toString() {
        return "SubscriptionRequest[" + id + ", settings " + settings + ", secret " + (secret.isPresent() ? "given, hidden" : "none")
            + ", tenant " + tenant.orElse("none") + "]";
    }
}
