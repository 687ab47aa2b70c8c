package dev.weft.adapters.completablefuture;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.JoinHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CompletableFuture that follows an existing task's JoinHandle without a task of its own: the
 * handle is polled by whichever thread wakes it (the worker that finished the task).
 */
final class HandleCompletableFuture<T> extends CompletableFuture<T> implements Waker, Context {
    /*
     * Implementation notes: a tiny task state machine with one atomic word. wake() moves IDLE to
     * POLLING and polls; a wake that arrives while a poll runs sets NOTIFIED, and the polling
     * thread polls again before it returns to IDLE. So polls never overlap (the handle is
     * polled by one thread at a time, as futures require) and no wake is lost.
     */
    private static final int IDLE = 0;
    private static final int POLLING = 1;
    private static final int NOTIFIED = 2;
    private static final int DONE = 3;

    private final JoinHandle<T> handle;
    private final AtomicInteger state = new AtomicInteger(IDLE);

    HandleCompletableFuture(JoinHandle<T> handle) {
        this.handle = handle;
        // Any completion from outside (complete, cancel, obtrude...) aborts the task.
        whenComplete((v, t) -> handle.abort());
    }

    @Override
    public Waker waker() {
        return this;
    }

    @Override
    public void wake() {
        for (;;) {
            int s = state.get();
            if (s == DONE || s == NOTIFIED) {
                return;
            }
            if (s == POLLING) {
                if (state.compareAndSet(POLLING, NOTIFIED)) {
                    return; // the polling thread polls again
                }
            } else if (state.compareAndSet(IDLE, POLLING)) {
                break;
            }
        }
        for (;;) {
            if (pollOnce()) {
                state.set(DONE);
                return;
            }
            if (state.compareAndSet(POLLING, IDLE)) {
                return;
            }
            state.set(POLLING); // NOTIFIED during the poll: poll again
        }
    }

    /** Polls the handle once; true when the outcome is delivered. */
    private boolean pollOnce() {
        if (isDone()) {
            return true;
        }
        try {
            Poll<T> p = handle.poll(this);
            if (p.isPending()) {
                return false;
            }
            complete(p.value());
        } catch (Throwable t) {
            completeExceptionally(t);
        }
        return true;
    }
}
