package io.hookgate.ingress;

import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives one request body into memory, holding no more than was sent: the buffer grows with the
 * bytes that arrive, at most doubling, never sized by {@code Content-Length} (which a client can
 * announce and not send), and every growth is charged to the {@link BodyBudget} before it is
 * allocated. Refuses a body over {@code maxBytes}, one that does not fit the budget, and one not
 * in by the {@link BodyDeadline}. Reports exactly one outcome, and gives its whole charge back on
 * every path: received (the body then counts against the Kafka in-flight bound instead), refused,
 * failed, or the exchange ending any other way, such as the client going away.
 */
final class BodyReader {

    /** Why a body was not received. */
    enum Refusal {
        /** Larger than the source's {@code maxBodyBytes}. */
        TOO_LARGE,
        /** The budget of buffered bytes is spent. */
        BUSY,
        /** Not in by the body deadline. */
        TIMED_OUT,
        /** The client went away or sent a broken body. */
        UNREADABLE
    }

    /** Where the outcome goes; called once, on the exchange's IO thread. */
    interface Outcome {
        void received(HttpServerExchange exchange, byte[] body);

        /** {@code cause} is the read error, or null. */
        void refused(HttpServerExchange exchange, Refusal refusal, IOException cause);
    }

    private static final byte[] EMPTY = new byte[0];

    private final HttpServerExchange exchange;
    private final long maxBytes;
    private final BodyBudget budget;
    private final Outcome outcome;
    private final AtomicLong charged = new AtomicLong();
    private Receiver receiver;
    private byte[] buffer = EMPTY;
    private int size;
    private volatile boolean finished;

    private BodyReader(final HttpServerExchange exchange, final long maxBytes, final BodyBudget budget, final Outcome outcome) {
        this.exchange = exchange;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.outcome = outcome;
    }

    /** Starts reading the body of {@code exchange}, whose request channel must not have been taken yet. */
    static void read(final HttpServerExchange exchange, final int maxBytes, final BodyBudget budget, final BodyDeadline deadline,
                     final Outcome outcome) {
        final BodyReader reader = new BodyReader(exchange, maxBytes, budget, outcome);
        // Undertow enforces it while reading, chunked bodies too; it must be set before the channel is taken.
        exchange.setMaxEntitySize(maxBytes);
        exchange.addExchangeCompleteListener((done, next) -> {
            reader.finished = true;
            reader.release();
            next.proceed();
        });
        deadline.onExpiry(() -> reader.refuse(Refusal.TIMED_OUT, null));
        reader.receiver = exchange.getRequestReceiver();
        reader.receiver.setMaxBufferSize(maxBytes);
        reader.receiver.receivePartialBytes(reader::chunk, reader::failed);
    }

    private void chunk(final HttpServerExchange ignored, final byte[] data, final boolean last) {
        if (finished) {
            return;
        }
        if (data.length > 0) {
            final long needed = (long) size + data.length;
            if (needed > maxBytes) {
                refuse(Refusal.TOO_LARGE, null);
                return;
            }
            if (needed > buffer.length && !grow((int) needed)) {
                refuse(Refusal.BUSY, null);
                return;
            }
            System.arraycopy(data, 0, buffer, size, data.length);
            size += data.length;
        }
        if (last) {
            finished = true;
            // A chunked body ends short of its last growth: trim it (a copy of what arrived, once).
            final byte[] body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
            buffer = null;
            release();
            outcome.received(exchange, body);
        }
    }

    /** Grows to hold {@code needed} bytes, charging the growth first; false when the budget has no room. */
    private boolean grow(final int needed) {
        final long declared = exchange.getRequestContentLength();
        // Doubling keeps the copies few; a declared length only caps the growth, it never causes one.
        final long cap = declared >= 0 ? Math.min(declared, maxBytes) : maxBytes;
        final int capacity = (int) Math.max(needed, Math.min(cap, 2L * buffer.length));
        final long growth = capacity - buffer.length;
        if (!budget.tryCharge(growth)) {
            return false;
        }
        charged.addAndGet(growth);
        buffer = Arrays.copyOf(buffer, capacity);
        return true;
    }

    private void failed(final HttpServerExchange ignored, final IOException error) {
        if (finished) {
            return;
        }
        // Over the limit: a Content-Length Undertow refused, or a chunked body cut off while reading.
        final boolean tooLarge = error instanceof RequestTooBigException || error instanceof Receiver.RequestToLargeException;
        refuse(tooLarge ? Refusal.TOO_LARGE : Refusal.UNREADABLE, error);
    }

    /** Refuses the body unless an outcome was reported already; whether it did. */
    private boolean refuse(final Refusal refusal, final IOException cause) {
        if (finished) {
            return false;
        }
        finished = true;
        // No more callbacks: what else arrives is Undertow's to drain or drop.
        receiver.pause();
        buffer = null;
        release();
        outcome.refused(exchange, refusal, cause);
        return true;
    }

    private void release() {
        budget.release(charged.getAndSet(0));
    }
}
