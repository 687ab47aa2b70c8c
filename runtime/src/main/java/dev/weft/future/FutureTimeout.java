package dev.weft.future;

import java.util.concurrent.TimeoutException;
import dev.weft.internal.util.Throwables;

/**
 * A future bounded by a deadline future: if the deadline completes first the inner future is
 * cancelled and this one fails with TimeoutException. The time driver supplies sleeps as
 * deadlines; any future works, which keeps this layer free of clocks.
 */
final class FutureTimeout<T> implements Future<T> {
    private Future<? extends T> inner;
    private Future<?> deadline;

    FutureTimeout(Future<? extends T> inner, Future<?> deadline) {
        this.inner = inner;
        this.deadline = deadline;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (inner == null) {
            throw new IllegalStateException("future polled after it completed");
        }
        Poll<? extends T> p;
        try {
            p = inner.poll(cx);
        } catch (Throwable t) {
            inner = null;
            cancelDeadline();
            throw t;
        }
        if (p.isReady()) {
            inner = null;
            cancelDeadline();
            return Poll.ready(p.value());
        }
        boolean expired;
        try {
            expired = deadline.poll(cx).isReady();
        } catch (Throwable t) {
            deadline = null;
            cancel();
            throw t;
        }
        if (!expired) {
            return Poll.pending();
        }
        deadline = null;
        Future<? extends T> abandoned = inner;
        inner = null;
        abandoned.cancel();
        throw Throwables.sneakyThrow(new TimeoutException("the deadline passed before the future completed"));
    }

    private void cancelDeadline() {
        Future<?> d = deadline;
        deadline = null;
        if (d != null) {
            d.cancel();
        }
    }

    @Override
    public void cancel() {
        Future<? extends T> i = inner;
        inner = null;
        try {
            if (i != null) {
                i.cancel();
            }
        } finally {
            cancelDeadline();
        }
    }
}
