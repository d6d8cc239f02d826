package io.hookgate.ingress;

import io.hookgate.core.request.RawRequest;
import io.opentelemetry.context.Context;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where the ingress stores what it accepts: completes once the request is durably stored, exceptionally when it is not. */
interface RawRequestStore {

    /** Stores {@code request} (into the partition of {@code dedupKeyHint} when there is one) with the trace context of {@code trace}. */
    CompletableFuture<Void> write(RawRequest request, Optional<String> dedupKeyHint, Context trace);
}
