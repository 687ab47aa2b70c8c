package dev.weft.future;

/**
 * A value that becomes available later, computed by polling.
 *
 * <p>{@link #poll(Context)} runs the computation as far as it can without blocking. It returns
 * {@link Poll#ready(Object)} with the value, or {@link Poll#pending()} after arranging for
 * {@code cx.waker()} to be woken when progress is possible. A pending return without a registered
 * waker is a bug: nothing would ever poll the future again and its task would hang. Futures are
 * lazy: nothing runs before the first poll. Combinators live in {@link Futures}.
 *
 * <p><strong>Thread safety:</strong> a future is polled by one task at a time; the executor
 * guarantees that two polls of one task never overlap, and publishes each poll's writes to the
 * next, so implementations need no synchronization of their own for state touched only by
 * {@code poll} and {@code cancel}.
 *
 * <p><strong>Errors:</strong> a poll that throws fails the future; the exception reaches whoever
 * awaits it (a task's {@code JoinHandle} rethrows it). Once a future returned ready or threw it is
 * never polled again; implementations should throw {@link IllegalStateException} if they are.
 *
 * <p><strong>Cancellation:</strong> an owner that abandons a future before it is ready calls
 * {@link #cancel()} instead of polling it again, once, on the polling thread. A future that holds
 * resources (a subscription, a timer entry, a waiter in a queue) releases them there. This plays
 * the part of Rust's drop.
 *
 * <p>A lambda can implement a future that holds nothing to release:
 * <pre>{@code
 * Future<Integer> answer = cx -> Poll.ready(42);
 * }</pre>
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface Future<T> {
    /**
     * Makes as much progress as possible without blocking.
     *
     * <p><strong>Wakeups:</strong> before returning pending, the future arranges for
     * {@code cx.waker()} to be woken; if it was polled earlier with another waker, it wakes the
     * latest one.
     *
     * @param cx the context of the polling task
     * @return ready with the value, or pending
     */
    Poll<T> poll(Context cx);

    /**
     * Abandons the future before it completed, releasing what it holds.
     *
     * <p>Called at most once, after which the future is not polled again. The default holds
     * nothing and does nothing. Calling it on a future that already completed does nothing.
     */
    default void cancel() {}
}
