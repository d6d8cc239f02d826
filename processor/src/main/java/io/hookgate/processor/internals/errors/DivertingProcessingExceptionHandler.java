package io.hookgate.processor.internals.errors;

import io.hookgate.core.rejection.RejectReason;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;
import java.util.Map;

/**
 * The processor's processing exception handler: a node that throws on a record (a bug, since
 * verification never throws) does not stop the processor; the record is recorded in
 * {@code events.rejected} as {@code verification_error}, with its body when it is the raw
 * request, for replay after a fix, and processing goes on.
 */
public final class DivertingProcessingExceptionHandler implements ProcessingExceptionHandler {

    private RejectedDiversion diversion;

    @Override
    public void configure(final Map<String, ?> configs) {
        diversion = RejectedDiversion.from(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        return Response.resume(List.of(diversion.record(context, RejectReason.VERIFICATION_ERROR,
            "node " + context.processorNodeId() + " failed: " + exception, true)));
    }
}
