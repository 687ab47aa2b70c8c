package dev.weft.future;

import java.util.Objects;

/**
 * What a future receives when it is polled: the {@link Waker} of the task polling it, and the
 * task's cooperative budget.
 *
 * <p>A context is valid only for the duration of the poll it is passed to. A future that waits
 * keeps {@link #waker()}, never the context itself.
 *
 * <p><strong>Cooperative budget:</strong> a task that never has to wait (for example it drains a
 * channel that always has items) could keep its worker forever. Leaf futures that can complete
 * without waiting call {@link #tryConsumeBudget()} first; once the task has used its budget for this
 * poll the call returns {@code false}, having already woken the task, and the future returns
 * {@link Poll#pending()}, so the executor gets the worker back and polls the task again later.
 *
 * <p><strong>Thread safety:</strong> a context is used by the one thread that is polling.
 */
public interface Context {
    /**
     * Returns the waker to wake when the polled future can make progress.
     *
     * @return the waker of the polling task, never {@code null}
     */
    Waker waker();

    /**
     * Consumes one unit of the polling task's cooperative budget.
     *
     * <p>The default has an unlimited budget.
     *
     * @return {@code true} to go on; {@code false} when the budget is spent, in which case the task
     *     was already woken and the caller must return {@link Poll#pending()}
     */
    default boolean tryConsumeBudget() {
        return true;
    }

    /**
     * Returns a context with the given waker and an unlimited budget, for driving a future by hand
     * (tests, adapters).
     *
     * @param waker the waker the future should wake
     * @return a new context
     * @throws NullPointerException "waker is null"
     */
    static Context of(Waker waker) {
        Objects.requireNonNull(waker, "waker is null");
        return () -> waker;
    }
}
