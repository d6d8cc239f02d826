package io.hookgate.processor.internals.errors;

import io.hookgate.core.rejection.RejectReason;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The processor's production exception handler. A record that cannot be serialized (in practice:
 * a value over its {@link BoundedBytes} bound) is diverted, not fatal: the raw request it came from
 * is recorded in {@code events.rejected} without its body, as {@code payload_too_large}, and the
 * task goes on. A retriable send error is retried (the task re-runs from its last commit); any
 * other send error fails the thread, because under exactly-once the transaction it poisoned
 * cannot commit, and the log says which record did it.
 */
public final class DivertingProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DivertingProductionExceptionHandler.class);

    private RejectedDiversion diversion;

    @Override
    public void configure(final Map<String, ?> configs) {
        diversion = RejectedDiversion.from(configs);
    }

    @Override
    public Response handleSerializationError(final ErrorHandlerContext context, final ProducerRecord record, final Exception exception,
                                             final SerializationExceptionOrigin origin) {
        return Response.resume(List.of(diversion.record(context, RejectReason.PAYLOAD_TOO_LARGE,
            "not written to " + record.topic() + ": " + exception.getMessage(), false)));
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record, final Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        LOG.error("Could not write to {} the record from {}-{}@{} (node {}); the stream thread stops: {}", record.topic(), context.topic(),
            context.partition(), context.offset(), context.processorNodeId(), exception.toString());
        return Response.fail();
    }

}
