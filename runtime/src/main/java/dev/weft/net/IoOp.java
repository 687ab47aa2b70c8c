package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.io.IoRegistration;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * One socket operation as a future: try it; if the socket would block, register for readiness
 * and, if that had to arm the interest, try once more (register, then check: readiness that
 * arrived in between is not missed); else wait for the selector. A read right after a short one
 * skips the first try (IoRegistration protocol 5). Consumes one unit of the task's budget per
 * poll, so a socket that is always ready cannot hold a worker.
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
        this.reads = IoRegistration.isRead(op);
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
        // After a short read, a try would only say "would block" (protocol 5): wait at once.
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
