package io.hookgate.admin.internals.view;

import java.time.Instant;

/** Whether a delivery sent again (a DLQ replay) got through, as the delivery log says. */
@FunctionalInterface
public interface Redeliveries {

    String DELIVERED = "delivered";
    String FAILED = "failed";
    String PENDING = "pending";

    /**
     * How the attempts of {@code deliveryId} that started at {@code since} or later ended:
     * {@value #DELIVERED}, {@value #FAILED} (dead-lettered again), or {@value #PENDING} (retrying, or no attempt yet).
     */
    String redelivery(String deliveryId, Instant since);
}
