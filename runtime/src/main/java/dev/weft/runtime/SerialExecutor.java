package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.util.Checks;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs {@link Runnable}s one at a time, in the order they were submitted, as tasks on a runtime:
 * the contract of a Reactor or RxJava {@code Worker}, and of an actor's mailbox.
 *
 * <p><strong>Thread safety:</strong> {@link #execute(Runnable)} may be called from any thread,
 * concurrently; the Runnables never overlap, and each sees what the previous one wrote (they run
 * in one task at a time, whose hand-off is ordered by the queue).
 *
 * <p><strong>Fairness:</strong> a long queue is drained in slices of the task budget, so other
 * tasks on the same worker still run.
 *
 * <p><strong>Errors:</strong> a Runnable that throws is reported to the handler given at
 * construction and the next one runs.
 *
 * <p><strong>Closing:</strong> {@link #close()} drops what is queued and refuses new work with
 * {@link RejectedExecutionException}; a Runnable already running finishes.
 */
public final class SerialExecutor implements Executor, AutoCloseable {
    /*
     * Implementation notes: `wip` counts Runnables submitted and not yet taken. The submitter
     * that moves it from 0 to 1 spawns the drain task; the drainer takes as many as it counted,
     * then subtracts them, and stops only when that brings wip to 0. So exactly one drainer runs
     * at a time and no submitted Runnable is left without one.
     */

    private final WeftRuntime runtime;
    private final Consumer<? super Throwable> onError;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Creates an executor on the runtime.
     *
     * @param runtime where the draining task runs
     * @param onError receives what a Runnable throws
     * @throws NullPointerException if an argument is null
     */
    public SerialExecutor(WeftRuntime runtime, Consumer<? super Throwable> onError) {
        this.runtime = Checks.notNull(runtime, "runtime");
        this.onError = Checks.notNull(onError, "onError");
    }

    /**
     * Queues the Runnable behind those already submitted.
     *
     * @param command the work
     * @throws NullPointerException if command is null
     * @throws RejectedExecutionException if this executor was closed
     */
    @Override
    public void execute(Runnable command) {
        Checks.notNull(command, "command");
        if (closed) {
            throw new RejectedExecutionException("execute on a SerialExecutor that was closed");
        }
        queue.offer(command);
        if (wip.getAndIncrement() == 0) {
            runtime.spawn(new Drain());
        }
    }

    /** Drops what is queued and refuses new work. Idempotent. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    private final class Drain implements Future<Void> {
        private int missed = 1; // counted in wip, still to be taken by this drainer

        @Override
        public Poll<Void> poll(Context cx) {
            int m = missed;
            for (;;) {
                for (int i = 0; i < m; i++) {
                    Runnable r = queue.poll();
                    if (r != null && !closed) {
                        try {
                            r.run();
                        } catch (Throwable t) {
                            onError.accept(t);
                        }
                    }
                }
                m = wip.addAndGet(-m);
                if (m == 0) {
                    return Poll.ready(null);
                }
                if (!cx.tryConsumeBudget()) {
                    missed = m; // woken already; wip stays positive, so no second drainer starts
                    return Poll.pending();
                }
            }
        }
    }
}
