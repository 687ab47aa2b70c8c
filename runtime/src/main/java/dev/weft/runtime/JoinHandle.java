package dev.weft.runtime;

import dev.weft.future.Future;

/**
 * The result of a spawned task, itself a {@link Future}.
 *
 * <p>Polling the handle waits for the task: it is ready with the task's value, rethrows the
 * exception the task's poll threw (the same object), or throws
 * {@link java.util.concurrent.CancellationException} if the task was aborted.
 *
 * <p><strong>Thread safety:</strong> {@link #abort()} and {@link #isFinished()} are safe from any
 * thread. Like any future, the handle is polled by one task at a time.
 *
 * <p><strong>Cancellation:</strong> {@link #abort()} cancels the task: its future's
 * {@link Future#cancel()} runs on a worker before its next poll, and the handle then fails with
 * {@code CancellationException}. If the task completes first, the abort does nothing: a task has
 * exactly one outcome. {@link #cancel()} on the handle only stops waiting (like dropping a tokio
 * {@code JoinHandle}): the task keeps running, detached.
 *
 * <p><strong>Wakeups:</strong> a pending poll registers {@code cx.waker()}, woken once when the
 * task completes. Polling the handle consumes one unit of the caller's cooperative budget.
 *
 * @param <T> the type of the task's value
 */
public interface JoinHandle<T> extends Future<T> {
    /**
     * Cancels the task if it has not completed. Idempotent; safe from any thread.
     */
    void abort();

    /**
     * Tells whether the task has completed, normally, exceptionally or by abort.
     *
     * @return {@code true} once the outcome is fixed
     */
    boolean isFinished();

    /**
     * Stops waiting for the task without aborting it; the task runs on, detached.
     */
    @Override
    void cancel();
}
