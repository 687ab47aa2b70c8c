package dev.weft.internal.scheduler;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.ThreadParker;
import dev.weft.internal.task.Task;
import dev.weft.internal.util.Throwables;

/** The guard against blocking a runtime thread, and the plain thread-blocking blockOn. */
public final class RuntimeThreads {
    private RuntimeThreads() {}

    /**
     * Refuses to block a thread that runs tasks (a worker, or a thread inside blockOn, whose poll
     * or current-thread tasks would stall behind it).
     */
    public static void checkMayBlock(String operation) {
        Thread t = Thread.currentThread();
        if (t instanceof RuntimeContext.Owner) {
            throw new IllegalStateException(operation + " called on runtime worker thread '" + t.getName()
                    + "': blocking a worker stalls every task behind it; await the future inside the task instead");
        }
        if (RuntimeContext.isEntered()) {
            throw new IllegalStateException(operation + " called on thread '" + t.getName()
                    + "', which is already inside blockOn: nested blocking would stall the outer future;"
                    + " await the future inside the task instead");
        }
    }

    /** The calling thread's waker and context while it blocks on a future. */
    public static final class BlockingContext implements Context, Waker {
        public final ThreadParker parker;
        private final Thread owner = Thread.currentThread();
        /** Also run on a wake from another thread: wakes the selector where this thread may sleep. */
        public volatile Runnable alsoWake;
        public volatile boolean woken = true;
        private int budget;

        public BlockingContext(int spins) {
            parker = new ThreadParker(spins);
            parker.bind(Thread.currentThread());
        }

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public boolean tryConsumeBudget() {
            if (budget > 0) {
                budget--;
                return true;
            }
            wake();
            return false;
        }

        @Override
        public void wake() {
            // Already woken: the owner has not yet reset the flag for its next poll, so that poll
            // still lies ahead and will see whatever the waker published before calling wake()
            // (all volatile/atomic: the flag write, the reset and the publish are in one total
            // order). A wake from the owner itself needs no unpark: it re-checks the flag before
            // it parks.
            if (woken) {
                return;
            }
            woken = true;
            if (Thread.currentThread() != owner) {
                parker.unpark();
                Runnable r = alsoWake;
                if (r != null) {
                    r.run();
                }
            }
        }

        /** Polls if woken; returns the poll, or null if not woken. */
        public <T> Poll<T> pollIfWoken(Future<T> future) {
            if (!woken) {
                return null;
            }
            woken = false;
            budget = Task.BUDGET;
            try {
                return future.poll(this);
            } catch (Throwable t) {
                throw Throwables.rethrowAtSyncEdge(t);
            }
        }
    }

    /** Polls {@code future} on the calling thread, parking between wakes. */
    public static <T> T blockOn(Future<T> future, int spins) {
        BlockingContext cx = new BlockingContext(spins);
        for (;;) {
            Poll<T> p = cx.pollIfWoken(future);
            if (p != null && p.isReady()) {
                return p.value();
            }
            if (!cx.woken) {
                cx.parker.park();
            }
        }
    }
}
