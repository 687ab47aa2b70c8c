package dev.weft.stream;

import dev.weft.future.Context;
import dev.weft.future.Poll;

/**
 * The base of Weft's stream operators: enforces that a stream that returned the end (or threw)
 * is never polled again, and that an operator that fails releases its upstream.
 */
abstract class EndCheckedStream<T> implements AsyncStream<T> {
    private boolean finished;

    @Override
    public final Poll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("stream polled after it ended");
        }
        Poll<T> p;
        try {
            p = next(cx);
        } catch (Throwable t) {
            finished = true;
            release();
            throw t;
        }
        if (p.isReady() && p.value() == null) {
            finished = true;
        }
        return p;
    }

    /** The operator's step, called only while the stream has not ended. */
    abstract Poll<T> next(Context cx);

    /** Cancels whatever upstream the operator holds. Idempotent. */
    abstract void release();

    @Override
    public final void cancel() {
        finished = true;
        release();
    }
}
