package dev.weft.future;

/**
 * A handle that tells an executor a task can make progress and should be polled again.
 *
 * <p>A future that returns {@link Poll#pending()} keeps the waker of the context it was polled
 * with and calls {@link #wake()} when the event it waits for happens. Implementations of the
 * runtime's tasks are their own wakers, so waking allocates nothing.
 *
 * <p><strong>Thread safety:</strong> {@link #wake()} is safe from any thread, any number of
 * times. It is cheap and idempotent while the task is already queued, never polls the task inline
 * (so it is safe to call while holding a lock), and a wake that arrives while the task is being
 * polled makes the executor poll it again.
 *
 * <p>Two wakers are the same waker when they are the same object ({@code ==}); a future that is
 * polled again with the same waker need not register anew.
 */
@FunctionalInterface
public interface Waker {
    /** Schedules the task this waker belongs to for another poll. */
    void wake();

    /**
     * Returns a waker that does nothing, for polling a future once by hand.
     *
     * @return the shared no-op waker
     */
    static Waker noop() {
        return NoopWaker.INSTANCE;
    }
}

/** The waker that ignores wakes; a singleton so identity comparisons work. */
enum NoopWaker implements Waker {
    INSTANCE;

    @Override
    public void wake() {
        // Deliberately empty: a caller that polls by hand re-polls on its own schedule.
    }
}
