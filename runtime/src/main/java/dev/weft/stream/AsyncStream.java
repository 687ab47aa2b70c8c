package dev.weft.stream;

import dev.weft.future.Context;
import dev.weft.future.Poll;

/**
 * A sequence of values produced over time, consumed by polling: the stream counterpart of
 * {@link dev.weft.future.Future}.
 *
 * <p>{@link #pollNext(Context)} returns {@code Poll.ready(item)} with the next item,
 * {@code Poll.ready(null)} once the stream has ended, or {@code Poll.pending()} after arranging
 * for {@code cx.waker()} to be woken when an item or the end is available. Items are never
 * {@code null} (as in Reactive Streams), so {@code null} unambiguously means the end. A poll that
 * throws fails the stream.
 *
 * <p><strong>Thread safety:</strong> one poller at a time, as for futures.
 *
 * <p><strong>Cancellation:</strong> a consumer that stops early calls {@link #cancel()}, which
 * releases what the stream holds (a timer, a subscription, a socket).
 *
 * <p><strong>Wakeups:</strong> the same contract as {@link dev.weft.future.Future#poll(Context)}.
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface AsyncStream<T> {
    /**
     * Produces the next item if it can without blocking.
     *
     * @param cx the context of the polling task
     * @return ready with the next item, ready with {@code null} at the end, or pending
     */
    Poll<T> pollNext(Context cx);

    /** Abandons the stream, releasing what it holds. The default does nothing. */
    default void cancel() {}
}
