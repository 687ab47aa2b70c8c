package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.io.IoRegistration;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;

/**
 * One socket operation as a future: try it; if the socket would block, register for readiness
 * and, if that had to arm the interest, try once more (register, then check: readiness that
 * arrived in between is not missed); else wait for the selector. Consumes one unit of the task's budget per poll, so a socket that
 * is always ready cannot hold a worker.
 */
abstract class IoOp<T> implements Future<T> {
    /** The result of a Void operation that finished (null means "would block"). */
    static final Object DONE = new Object();

    private final IoRegistration registration;
    private final int op;
    private final String operation;
    private final SocketAddress address;
    private final boolean reads;
    private int reportsBeforeAttempt;
    private boolean finished;

    IoOp(IoRegistration registration, int op, String operation, SocketAddress address) {
        this.registration = registration;
        this.op = op;
        this.reads = (op & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0;
        this.operation = operation;
        this.address = address;
    }

    /** The result (DONE for Void operations), or null if the socket would block. */
    abstract Object attempt() throws IOException;

    @Override
    @SuppressWarnings("unchecked")
    public final Poll<T> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("future polled after it completed");
        }
        if (!cx.tryConsumeBudget()) {
            return Poll.pending();
        }
        // A read right after one that emptied the socket would block: skip it (protocol 5).
        Object r = reads && registration.readStillDrained() ? null : tryOnce();
        if (r == null) {
            if (registration.awaitReady(op, cx.waker())) {
                r = tryOnce(); // armed just now: the readiness may have come before the interest
            }
            if (r == null) {
                return Poll.pending();
            }
        }
        finished = true;
        return Poll.ready(r == DONE ? null : (T) r);
    }

    /** The socket's buffer held less than this attempt could take: its next read would block. */
    final void drained() {
        registration.readDrained(reportsBeforeAttempt);
    }

    private Object tryOnce() {
        try {
            if (!reads) {
                return attempt();
            }
            reportsBeforeAttempt = registration.readReports();
            Object r = attempt();
            if (r == null) {
                drained();
            }
            return r;
        } catch (IOException e) {
            finished = true;
            throw NetErrors.fail(operation, address, e);
        }
    }

    @Override
    public final void cancel() {
        if (!finished) {
            finished = true;
            registration.stopWaiting(op);
        }
    }
}
